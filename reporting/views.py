from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (
    can_edit_records,
    can_see,
    can_see_audiences,
    can_see_committee_workspace,
    staff_required,
)
from committees.models import Committee
from common.exports import wants_export
from common.files import attachment
from common.params import MAX_YEAR, MIN_YEAR, query_int
from common.views import delete_record, form_page, import_csv, list_page
from common.waiting import forget_navigation_counts
from states_parties.names import name_order

from . import audiences, compliance, services
from .charts import rate_chart
from .dashboards import dashboard_content
from .filters import Article9Filter, GridFilter, OverdueFilter, SubmissionFilter
from .forms import Article9RecordForm, AudienceForm, SubmissionForm
from .imports import Article9Importer, SubmissionImporter
from .models import Article9Record, Audience, ExpectedReport, ReportStatus, Submission
from .tables import (
    ARTICLE9_OUTSTANDING,
    ARTICLE9_RECORDS,
    AUDIENCE_MEMBERS,
    GRID_STATUS_CODES,
    OVERDUE,
    RATES,
    GridTable,
    submissions_table,
)


def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rates = compliance.reporting_rates(today)
    if wants_export(request):
        return RATES.response(request, rates)
    context = {
        "chart": rate_chart(rates),
        "chart_id": "rates",
        "overdue_count": compliance.overdue_states(today).count(),
        "gap_count": compliance.overdue_states(today, min_consecutive=2).count(),
        "article9_count": compliance.article9_outstanding(today).count(),
        "today": today,
    }
    return render(request, "reporting/overview.html", context)


def overdue_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    minimum = query_int(request, "min", 1, minimum=1, maximum=MAX_YEAR - MIN_YEAR)
    states = OverdueFilter(
        request.GET or None,
        queryset=compliance.overdue_states(today, min_consecutive=minimum),
    )
    return list_page(
        request,
        "reporting/overdue_list.html",
        states,
        target="overdue-results",
        table=OVERDUE,
        context={"minimum": minimum, "today": today},
    )


def grid(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    last_year = today.year - 1
    first = query_int(request, "from", last_year - 9, minimum=MIN_YEAR, maximum=MAX_YEAR)
    last = query_int(request, "to", last_year, minimum=MIN_YEAR, maximum=MAX_YEAR)
    first, last = max(1999, min(first, last)), min(today.year, max(first, last))
    years = range(first, last + 1)
    states = GridFilter(
        request.GET or None,
        queryset=compliance.with_reporting(compliance.StateParty.objects.with_status(), today)
        .filter(entry_into_force__isnull=False)
        .in_name_order(),
    )

    def rows(page) -> dict:
        cells = compliance.states_by_year(page.object_list, years, today)
        return {
            "rows": [
                (
                    state,
                    [
                        _cell(cells.get(state.pk, {}).get(year), today)
                        for year in ["initial", *years]
                    ],
                )
                for state in page.object_list
            ]
        }

    return list_page(
        request,
        "reporting/grid.html",
        states,
        table=GridTable(years, today),
        context={"years": years, "first": first, "last": last, "codes": GRID_STATUS_CODES},
        rows=rows,
    )


def _cell(report: ExpectedReport | None, today: date) -> dict:
    if report is None:
        status = ReportStatus.NOT_REQUIRED
        return {"status": status, "code": GRID_STATUS_CODES[status], "title": status.label}
    status = report.status_on(today)
    days = report.days_on(today)
    title = f"{report.get_kind_display()} {report.year}: {status.label}"
    if days:
        title += _(" (%(days)s days)") % {"days": days}
    return {"status": status, "code": GRID_STATUS_CODES[status], "title": title, "days": days}


def article9_list(request: HttpRequest) -> HttpResponse:
    states = Article9Filter(
        request.GET or None, queryset=compliance.article9_outstanding(timezone.localdate())
    )
    return list_page(request, "reporting/article9_list.html", states, table=ARTICLE9_OUTSTANDING)


# --- submissions and Article 9 records ---------------------------------------------------------


def _submissions():
    due = ExpectedReport.objects.filter(
        state=OuterRef("state"), kind=OuterRef("kind"), year=OuterRef("year")
    ).values("due_date")[:1]
    return (
        Submission.objects.select_related("state")
        .annotate(due_date=Subquery(due))
        .annotate(received_late=Q(received_on__gt=F("due_date")))
        .order_by("-received_on", name_order("state__"))
    )


def submission_list(request: HttpRequest) -> HttpResponse:
    submissions = SubmissionFilter(request.GET or None, queryset=_submissions())
    return list_page(
        request,
        "reporting/submission_list.html",
        submissions,
        table=submissions_table(request.user),
        context={"can_edit": can_edit_records(request.user)},
    )


def submission_document(request: HttpRequest, pk: int) -> HttpResponse:
    """A report's document, for those who may read it; as an attachment, never inline."""
    submission = get_object_or_404(Submission.objects.select_related("state"), pk=pk)
    if not submission.document or not can_see(request.user, submission.visibility):
        raise Http404
    extension = submission.document.name.rsplit(".", 1)[-1].lower()
    filename = f"{submission.state.iso3}-{submission.year}-{submission.kind}.{extension}"
    return attachment(submission.document, filename)


def _state_initial(request: HttpRequest) -> dict:
    """A new record for the State named by ``?state=`` (the State's page links so)."""
    iso3 = request.GET.get("state", "").upper()
    if not iso3:
        return {}
    return {"state": compliance.StateParty.objects.filter(iso3=iso3).first()}


@staff_required
def submission_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    submission = get_object_or_404(Submission, pk=pk) if pk else None
    initial = _state_initial(request) if submission is None else {}
    form = SubmissionForm(
        request.POST or None, request.FILES or None, instance=submission, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        saved = services.save_submission(form.instance)
        messages.success(request, _("%(report)s was saved.") % {"report": saved})
        return redirect(saved.state)
    title = _("Article 7 report") if submission else _("Record an Article 7 report")
    return form_page(
        request,
        form,
        title,
        reverse("reporting:submissions"),
        multipart=True,
        history_record=submission,
    )


@staff_required
@require_POST
def submission_delete(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.select_related("state"), pk=pk)
    return delete_record(
        request,
        submission,
        services.delete_submission,
        done=submission.state,
        refused=submission.state,
    )


@staff_required
@require_POST
def submission_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a received report acknowledged: it no longer waits on staff's home page."""
    submission = get_object_or_404(Submission.objects.select_related("state"), pk=pk)
    services.acknowledge_submission(submission, request.user)
    forget_navigation_counts(request.user)
    messages.success(request, _("%(report)s is acknowledged.") % {"report": submission})
    return redirect(reverse("reporting:submissions") + "?unacknowledged=on")


@staff_required
def article9_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    record = get_object_or_404(Article9Record, pk=pk) if pk else None
    initial = _state_initial(request) if record is None else {}
    form = Article9RecordForm(request.POST or None, instance=record, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.save_article9_record(form.instance)
        messages.success(request, _("Saved."))
        return redirect(saved.state)
    return form_page(
        request,
        form,
        _("Article 9 measures"),
        reverse("reporting:article9"),
        history_record=record,
    )


@staff_required
def submissions_import(request: HttpRequest) -> HttpResponse:
    return import_csv(
        request,
        SubmissionImporter(),
        title=_("Import Article 7 reports"),
        columns_help=_(
            "kind is initial or annual; forms are letters (ABCJ); languages separated by "
            "semicolons; visibility public or restricted. Rows are matched on iso3, kind and year."
        ),
        done_url=reverse("reporting:submissions"),
    )


@staff_required
def article9_import(request: HttpRequest) -> HttpResponse:
    return import_csv(
        request,
        Article9Importer(),
        title=_("Import Article 9 records"),
        columns_help=_(
            "status is legislation_adopted, existing_law_sufficient, in_preparation or "
            "nothing_reported. Rows are matched on iso3 and as_of."
        ),
        done_url=reverse("reporting:article9"),
    )


def article9_export(request: HttpRequest) -> HttpResponse:
    records = Article9Record.objects.select_related("state").order_by(
        name_order("state__"), "as_of"
    )
    return ARTICLE9_RECORDS.response(request, records)


# --- audiences -------------------------------------------------------------------------------


def _require_audiences(request: HttpRequest) -> None:
    if not can_see_audiences(request.user):
        raise PermissionDenied


def audience_list(request: HttpRequest) -> HttpResponse:
    _require_audiences(request)
    today = timezone.localdate()
    rows = [
        (audience, audiences.members(audience, today).count())
        for audience in Audience.objects.prefetch_related("states")
    ]
    return render(
        request,
        "reporting/audience_list.html",
        {"rows": rows, "can_edit": can_edit_records(request.user)},
    )


def audience_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_audiences(request)
    audience = get_object_or_404(Audience, pk=pk)
    states = audiences.members(audience, timezone.localdate())
    return list_page(
        request,
        "reporting/audience_detail.html",
        states,
        table=AUDIENCE_MEMBERS,
        filename=f"audience-{audience.pk}",
        context={"audience": audience, "can_edit": can_edit_records(request.user)},
    )


@staff_required
def audience_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    audience = get_object_or_404(Audience, pk=pk) if pk else None
    form = AudienceForm(request.POST or None, instance=audience)
    if request.method == "POST" and form.is_valid():
        saved = services.save_audience(form.instance, form.cleaned_data["states"])
        messages.success(request, _("%(audience)s was saved.") % {"audience": saved})
        return redirect("reporting:audience", pk=saved.pk)
    return form_page(request, form, _("Audience"), reverse("reporting:audiences"))


@staff_required
@require_POST
def audience_delete(request: HttpRequest, pk: int) -> HttpResponse:
    audience = get_object_or_404(Audience, pk=pk)
    return delete_record(
        request,
        audience,
        services.delete_audience,
        done="reporting:audiences",
        refused=reverse("reporting:audience", args=[pk]),
    )


# --- dashboards ------------------------------------------------------------------------------


# Reads only: without the request's transaction, a cached dashboard costs no BEGIN and COMMIT
# (under READ COMMITTED a transaction gives its statements no common snapshot anyway).
@transaction.non_atomic_requests
def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    committee = get_object_or_404(Committee, code=code.upper())
    if not can_see_committee_workspace(request.user, committee.pk):
        raise PermissionDenied
    context = {
        "committee": committee,
        **dashboard_content(committee, timezone.localdate(), request.user),
    }
    return render(request, "reporting/dashboard.html", context)
