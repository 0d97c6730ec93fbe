"""The ISU's pages: the list of online reports, a report, its forms, what changed since the
previous report, and acknowledging, returning and publishing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required, states_parties_required
from common.exports import table_response
from common.views import apply_service, form_page, list_page
from documents import services as document_services
from documents.views.jobs import job_response
from states_parties.names import name_order

from .. import services
from ..filters import ReportFilter
from ..forms import ReturnForm, StartReportForm
from ..models import Report
from ..tables import REPORTS
from . import editing


def _report(request: HttpRequest, pk: int) -> Report:
    return get_object_or_404(
        Report.objects.visible_to(request.user).select_related(
            "state", "previous__state", "return_letter"
        ),
        pk=pk,
    )


#: The ISU's pages about one report (a reporter's are the portal's).
PAGES = editing.ReportPages(
    urls=editing.UrlNames.in_namespace("article7"),
    report_template="article7/report_detail.html",
    section_template="article7/section_page.html",
    review_template="article7/review.html",
    submit_template="article7/submit.html",
    find=_report,
)


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
    return editing.report_page(request, pk, pages=PAGES, can_manage=request.user.is_isu_staff)


def section_edit(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return editing.section_page(request, pk, code, pages=PAGES)


def section_unchanged(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return editing.confirm_unchanged(request, pk, code, pages=PAGES)


def review(request: HttpRequest, pk: int) -> HttpResponse:
    return editing.review_page(request, pk, pages=PAGES)


def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return editing.submit(request, pk, pages=PAGES)


def correction(request: HttpRequest, pk: int) -> HttpResponse:
    return editing.correction(request, pk, pages=PAGES)


def annex_upload(request: HttpRequest, pk: int) -> HttpResponse:
    return editing.annex_upload(request, pk, pages=PAGES)


def annex_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return editing.annex_remove(request, pk, pages=PAGES)


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
