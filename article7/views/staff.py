"""The ISU's pages: the list of online reports, a report, its forms, what changed since the
previous report, and acknowledging, returning and publishing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required, states_parties_required
from common.exports import table_response
from common.views import apply_service, form_page, list_page
from documents import services as document_services
from documents.views.jobs import job_response
from states_parties.names import name_order

from .. import rules, services
from ..access import may_write
from ..data import report_data
from ..filters import ReportFilter
from ..forms import ReturnForm, StartReportForm, SubmitForm, section_forms
from ..models import SECTION_CODES, Report
from ..models.reports import SECTION_TITLES
from ..tables import REPORTS


def _report(request: HttpRequest, pk: int) -> Report:
    return get_object_or_404(
        Report.objects.visible_to(request.user).select_related(
            "state", "previous", "return_letter"
        ),
        pk=pk,
    )


def _code(code: str) -> str:
    code = code.upper()
    if len(code) != 1 or code not in SECTION_CODES:
        raise Http404
    return code


@staff_required
def report_list(request: HttpRequest) -> HttpResponse:
    reports = ReportFilter(
        request.GET or None,
        queryset=Report.objects.select_related("state").order_by(
            name_order("state__"), "-year_covered", "-version"
        ),
    )
    return list_page(
        request, "article7/report_list.html", reports, target="report-results", table=REPORTS
    )


@staff_required
def report_start(request: HttpRequest) -> HttpResponse:
    """Start a report on a State's behalf (one received on paper, entered by the ISU)."""
    form = StartReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created: list[Report] = []

        def write() -> None:
            created.append(
                services.start_report(
                    state=form.cleaned_data["state"],
                    year_covered=form.cleaned_data["year_covered"],
                    language=form.cleaned_data["language"],
                    by=request.user,
                )
            )

        if apply_service(form, write):
            messages.success(request, _("The report was started."))
            return redirect(created[0])
    return form_page(request, form, _("Start an Article 7 report"), reverse("article7:reports"))


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    data = report_data(report)
    found = rules.findings(data) if report.is_draft else []
    sections = [
        {
            "code": code,
            "title": SECTION_TITLES[code],
            "status": data["sections"][code]["status"],
            "no_change_since": data["sections"][code]["no_change_since"],
            "rows": len(data["sections"][code]["rows"]),
        }
        for code in SECTION_CODES
    ]
    context = {
        "report": report,
        "sections": sections,
        "errors": rules.errors(found),
        "warnings": rules.warnings(found),
        "can_write": report.is_draft and may_write(request.user, report),
        "can_manage": request.user.is_isu_staff,
        "submit_form": SubmitForm() if report.is_draft else None,
        "figures": data,
    }
    return render(request, "article7/report_detail.html", context)


def _writable(request: HttpRequest, pk: int) -> Report:
    report = _report(request, pk)
    if not may_write(request.user, report):
        raise PermissionDenied
    return report


def section_edit(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    report = _writable(request, pk)
    code = _code(code)
    forms = section_forms(report, code, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not report.is_draft:
            messages.error(request, _("This report was submitted and can no longer be changed."))
            return redirect(report)
        if forms.is_valid():
            try:
                forms.save(by=request.user)
            except services.EditConflict as conflict:
                messages.error(request, str(conflict))
                status = 409
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                status = 400
            else:
                messages.success(request, _("Form %(form)s was saved.") % {"form": code})
                return redirect("article7:section", pk=report.pk, code=code)
        else:
            status = 400
    context = {
        "report": report,
        "section_forms": forms,
        "action_url": reverse("article7:section", args=[report.pk, code]),
        "unchanged_url": reverse("article7:section_unchanged", args=[report.pk, code]),
        "codes": SECTION_CODES,
    }
    return render(request, "article7/section_page.html", context, status=status)


@require_POST
def section_unchanged(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    report = _writable(request, pk)
    code = _code(code)
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = None
    try:
        services.confirm_unchanged(
            report=report, code=code, expected_revision=revision, by=request.user
        )
    except services.EditConflict as conflict:
        messages.error(request, str(conflict))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Form %(form)s is confirmed unchanged.") % {"form": code})
    return redirect("article7:section", pk=report.pk, code=code)


def review(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    changes = services.changes_since_previous(report)
    context = {
        "report": report,
        "changes": [(code, SECTION_TITLES[code], changes[code]) for code in SECTION_CODES],
    }
    return render(request, "article7/review.html", context)


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _writable(request, pk)
    form = SubmitForm(request.POST)
    found: list[rules.Finding] = []
    if form.is_valid():
        try:
            report = services.submit(
                report=report,
                official_name=form.cleaned_data["official_name"],
                official_function=form.cleaned_data["official_function"],
                confirm_warnings=form.cleaned_data["confirm_warnings"],
                by=request.user,
            )
        except (services.ReportHasErrors, services.WarningsNeedConfirmation) as refusal:
            found = refusal.findings
            form.add_error(None, str(refusal))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The report was submitted: receipt %(number)s.")
                % {"number": report.receipt_number},
            )
            return redirect(report)
    context = {"report": report, "form": form, "findings": found}
    return render(request, "article7/submit.html", context, status=400)


def _manage(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    report = _report(request, pk)
    try:
        report = action(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"report": report})
    return redirect(report)


@staff_required
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    return _manage(request, pk, services.acknowledge, _("%(report)s is acknowledged."))


@staff_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _manage(request, pk, services.publish, _("%(report)s is published."))


@require_POST
def correction(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not may_write(request.user, report):
        raise PermissionDenied
    try:
        created = services.start_correction(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(report)
    messages.success(request, _("Version %(version)s was started.") % {"version": created.version})
    return redirect(created)


@staff_required
def return_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        returned: list[Report] = []

        def write() -> None:
            returned.append(
                services.return_with_questions(
                    report=report, questions=form.cleaned_data["questions"], by=request.user
                )
            )

        if apply_service(form, write):
            messages.success(
                request,
                _("The report was returned; approve and send the letter with the questions."),
            )
            return redirect(returned[0].return_letter)
    return form_page(
        request, form, _("Return the report with questions"), report.get_absolute_url()
    )


@require_POST
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the report's PDF (Forms A to J, in the report's language) and show its progress."""
    report = _report(request, pk)
    try:
        job = document_services.request_pdf(report, requested_by=request.user)
    except document_services.RenderLimitReached as refusal:
        messages.error(request, str(refusal))
        return redirect(report)
    return job_response(request, job)


@states_parties_required
def figures(request: HttpRequest) -> HttpResponse:
    """Every figure of every State's latest sent report, by State and year (CSV or XLSX)."""
    from ..dashboards import FIGURE_COLUMNS, figure_rows

    return table_response(request, "article7-figures", FIGURE_COLUMNS, figure_rows())
