"""A reporter's pages about their State's Article 7 reports: start the next one from last
year's, each form confirmed unchanged or edited, the changes since last year, submit with the
official's name and function, the receipt, a correction; and everyone's published reports.

Every write goes through ``article7.services``; the forms are article7's section forms."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from article7 import rules
from article7 import services as article7_services
from article7.access import may_write
from article7.data import report_data
from article7.forms import SubmitForm, section_forms
from article7.models import SECTION_CODES, Report
from article7.models.reports import SECTION_TITLES
from common.views import list_page
from states_parties.names import name_order

from ..access import reporter_of


class StartForm(forms.Form):
    year_covered = forms.IntegerField(
        label=gettext_lazy("Calendar year covered"), min_value=1999, max_value=2100
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the report"), choices=settings.LANGUAGES
    )


def _reporter(request: HttpRequest):
    reporter = reporter_of(request.user)
    if reporter is None:
        raise PermissionDenied
    return reporter


def _report(request: HttpRequest, pk: int) -> Report:
    """A report the reporter reads: their State's, or a published one (404 otherwise)."""
    _reporter(request)
    return get_object_or_404(
        Report.objects.visible_to(request.user).select_related("state", "previous__state"), pk=pk
    )


def _writable(request: HttpRequest, pk: int) -> Report:
    report = _report(request, pk)
    if not may_write(request.user, report):
        raise PermissionDenied
    return report


def _code(code: str) -> str:
    code = code.upper()
    if len(code) != 1 or code not in SECTION_CODES:
        raise Http404
    return code


def _revision(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return None


def home(request: HttpRequest) -> HttpResponse:
    """A reporter's home: their State's reports, the next one to start."""
    reporter = _reporter(request)
    state = reporter.state
    reports = list(
        Report.objects.of_state(state).order_by("-year_covered", "-version").select_related("state")
    )
    next_year = timezone.localdate().year - 1
    started = {report.year_covered for report in reports}
    start_form = (
        StartForm(initial={"year_covered": next_year, "language": request.user.language or "en"})
        if next_year not in started
        else None
    )
    context = {"reporter": reporter, "state": state, "reports": reports, "start_form": start_form}
    return render(request, "portal/home.html", context)


@require_POST
def start(request: HttpRequest) -> HttpResponse:
    reporter = _reporter(request)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            report = article7_services.start_report(
                state=reporter.state,
                year_covered=form.cleaned_data["year_covered"],
                language=form.cleaned_data["language"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The report covering %(year)s was started from your last report.")
                % {"year": report.year_covered},
            )
            return redirect("portal:report", pk=report.pk)
    else:
        messages.error(request, _("Give the calendar year the report covers."))
    return redirect("portal:home")


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    data = report_data(report)
    found = rules.findings(data) if report.is_draft else []
    can_write = report.is_draft and may_write(request.user, report)
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
        "can_write": can_write,
        "can_correct": report.is_sent and may_write(request.user, report),
        "submit_form": SubmitForm() if can_write else None,
    }
    return render(request, "portal/report.html", context)


def section(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """One form: saved explicitly; a report saved by someone else meanwhile is a conflict
    (409, and their changes are kept), never a silent overwrite."""
    report = _writable(request, pk)
    code = _code(code)
    if request.method == "POST" and not report.is_draft:
        messages.error(request, _("This report was submitted and can no longer be changed."))
        return redirect("portal:report", pk=report.pk)
    bound = section_forms(report, code, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if bound.is_valid():
            try:
                bound.save(by=request.user)
            except article7_services.EditConflict as conflict:
                messages.error(request, str(conflict))
                status = 409
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                status = 400
            else:
                messages.success(request, _("Form %(form)s was saved.") % {"form": code})
                return redirect("portal:section", pk=report.pk, code=code)
        else:
            status = 400
    context = {
        "report": report,
        "section_forms": bound,
        "action_url": reverse("portal:section", args=[report.pk, code]),
        "unchanged_url": reverse("portal:section_unchanged", args=[report.pk, code]),
        "codes": SECTION_CODES,
    }
    return render(request, "portal/section.html", context, status=status)


@require_POST
def section_unchanged(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    report = _writable(request, pk)
    code = _code(code)
    revision = _revision(request)
    if revision is None:  # a confirmation names the revision it was made from, always
        messages.error(request, _("This page is out of date; reload it and confirm again."))
        return redirect("portal:section", pk=report.pk, code=code)
    try:
        article7_services.confirm_unchanged(
            report=report, code=code, expected_revision=revision, by=request.user
        )
    except article7_services.EditConflict as conflict:
        messages.error(request, str(conflict))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Form %(form)s is confirmed unchanged.") % {"form": code})
    return redirect("portal:section", pk=report.pk, code=code)


def review(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    changes = article7_services.changes_since_previous(report)
    context = {
        "report": report,
        "changes": [(code, SECTION_TITLES[code], changes[code]) for code in SECTION_CODES],
    }
    return render(request, "portal/review.html", context)


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _writable(request, pk)
    form = SubmitForm(request.POST)
    found: list[rules.Finding] = []
    if form.is_valid():
        try:
            report = article7_services.submit(
                report=report,
                official_name=form.cleaned_data["official_name"],
                official_function=form.cleaned_data["official_function"],
                confirm_warnings=form.cleaned_data["confirm_warnings"],
                by=request.user,
            )
        except (
            article7_services.ReportHasErrors,
            article7_services.WarningsNeedConfirmation,
        ) as refusal:
            found = refusal.findings
            form.add_error(None, str(refusal))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "The report was submitted: receipt %(number)s. The receipt is on its way "
                    "to %(email)s."
                )
                % {"number": report.receipt_number, "email": request.user.email},
            )
            return redirect("portal:report", pk=report.pk)
    context = {"report": report, "form": form, "findings": found}
    return render(request, "portal/submit.html", context, status=400)


@require_POST
def correction(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not may_write(request.user, report):
        raise PermissionDenied
    try:
        created = article7_services.start_correction(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("portal:report", pk=report.pk)
    messages.success(request, _("Version %(version)s was started.") % {"version": created.version})
    return redirect("portal:report", pk=created.pk)


def published(request: HttpRequest) -> HttpResponse:
    """Every State's published reports, by State and year."""
    _reporter(request)
    reports = (
        Report.objects.published()
        .select_related("state")
        .order_by(name_order("state__"), "-year_covered", "-version")
    )
    return list_page(request, "portal/published.html", reports)
