"""A reporter's pages about their State's Article 7 reports: start the next one from last
year's, each form confirmed unchanged or edited, the changes since last year, submit with the
official's name and function, the receipt, a correction; and everyone's published reports.

Every write goes through ``article7.services``; the forms are article7's section forms."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from article7 import services as article7_services
from article7.models import Report
from article7.views import editing
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


#: A reporter's pages about one report (the ISU's are article7's).
PAGES = editing.ReportPages(
    urls=editing.UrlNames.in_namespace("portal"),
    report_template="portal/report.html",
    section_template="portal/section.html",
    review_template="portal/review.html",
    submit_template="portal/submit.html",
    find=_report,
)


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
    return editing.report_page(request, pk, pages=PAGES)


def section(request: HttpRequest, pk: int, code: str) -> HttpResponse:
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


def published(request: HttpRequest) -> HttpResponse:
    """Every State's published reports, by State and year."""
    _reporter(request)
    reports = (
        Report.objects.published()
        .select_related("state")
        .order_by(name_order("state__"), "-year_covered", "-version")
    )
    return list_page(request, "portal/published.html", reports)
