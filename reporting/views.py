from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
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
from common.exports import table_response
from common.files import attachment
from common.params import MAX_YEAR, MIN_YEAR, query_int
from common.rendering import Paginator
from common.services import RecordInUse
from common.views import import_csv
from states_parties.names import name_order

from . import audiences, compliance, services
from .charts import rate_chart
from .dashboards import dashboard_content
from .filters import GridFilter, OverdueFilter, StateSearchMixin, SubmissionFilter
from .forms import Article9RecordForm, AudienceForm, SubmissionForm
from .imports import (
    ARTICLE9_COLUMNS,
    SUBMISSION_COLUMNS,
    Article9Importer,
    SubmissionImporter,
    article9_rows,
    submission_rows,
)
from .models import Article9Record, Audience, ExpectedReport, ReportStatus, Submission
from .tables import (
    GRID_STATUS_CODES,
    OVERDUE_HEADER,
    article9_outstanding_rows,
    grid_rows,
    overdue_rows,
    rate_rows,
)


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def _wants_export(request: HttpRequest) -> bool:
    return request.GET.get("format") in ("csv", "xlsx")


def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rates = compliance.reporting_rates(today)
    if _wants_export(request):
        return table_response(
            request,
            "article7-reporting-rates",
            [
                "year_due",
                "reports_due",
                "received_on_time",
                "received",
                "on_time_percent",
                "received_percent",
            ],
            rate_rows(rates),
        )
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
    if _wants_export(request):
        rows = overdue_rows(states.qs)
        return table_response(request, "article7-overdue", OVERDUE_HEADER, rows)
    page = _page(request, states.qs)
    context = {"filter": states, "page": page, "minimum": minimum, "today": today}

    if request.htmx and request.htmx.target == "overdue-results":
        return render(request, "reporting/overdue_list.html#results", context)
    return render(request, "reporting/overdue_list.html", context)


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
    if _wants_export(request):
        header = ["iso3", "name", "initial", *[str(year) for year in years]]
        return table_response(request, "article7-grid", header, grid_rows(states.qs, years, today))
    page = _page(request, states.qs)
    cells = compliance.states_by_year(page.object_list, years, today)
    rows = [
        (state, [_cell(cells.get(state.pk, {}).get(year), today) for year in ["initial", *years]])
        for state in page.object_list
    ]
    context = {
        "filter": states,
        "page": page,
        "rows": rows,
        "years": years,
        "first": first,
        "last": last,
        "codes": GRID_STATUS_CODES,
    }
    return render(request, "reporting/grid.html", context)


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
    states = StateSearchMixin(
        request.GET or None, queryset=compliance.article9_outstanding(timezone.localdate())
    )
    if _wants_export(request):
        return table_response(
            request,
            "article9-outstanding",
            ["iso3", "name", "status", "as_of", "measure", "source"],
            article9_outstanding_rows(states.qs),
        )
    return render(
        request,
        "reporting/article9_list.html",
        {"filter": states, "page": _page(request, states.qs)},
    )


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
    if _wants_export(request):
        return table_response(
            request,
            "article7-reports",
            SUBMISSION_COLUMNS,
            submission_rows(submissions.qs, request.user),
        )
    context = {
        "filter": submissions,
        "page": _page(request, submissions.qs),
        "can_edit": can_edit_records(request.user),
    }
    return render(request, "reporting/submission_list.html", context)


def submission_document(request: HttpRequest, pk: int) -> HttpResponse:
    """A report's document, for those who may read it; as an attachment, never inline."""
    submission = get_object_or_404(Submission.objects.select_related("state"), pk=pk)
    if not submission.document or not can_see(request.user, submission.visibility):
        raise Http404
    extension = submission.document.name.rsplit(".", 1)[-1].lower()
    filename = f"{submission.state.iso3}-{submission.year}-{submission.kind}.{extension}"
    return attachment(submission.document, filename)


@staff_required
def submission_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    submission = get_object_or_404(Submission, pk=pk) if pk else None
    initial = {}
    if submission is None and request.GET.get("state"):
        initial["state"] = compliance.StateParty.objects.filter(
            iso3=request.GET["state"].upper()
        ).first()
    form = SubmissionForm(
        request.POST or None, request.FILES or None, instance=submission, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        saved = services.save_submission(form.instance)
        messages.success(request, _("%(report)s was saved.") % {"report": saved})
        return redirect(saved.state)
    title = _("Article 7 report") if submission else _("Record an Article 7 report")
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": title,
            "cancel_url": reverse("reporting:submissions"),
            "multipart": True,
            "history_record": submission,
        },
    )


@staff_required
@require_POST
def submission_delete(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission, pk=pk)
    services.delete_submission(submission)
    messages.success(request, _("The report was deleted."))
    return redirect(submission.state)


@staff_required
def article9_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    record = get_object_or_404(Article9Record, pk=pk) if pk else None
    initial = {}
    if record is None and request.GET.get("state"):
        initial["state"] = compliance.StateParty.objects.filter(
            iso3=request.GET["state"].upper()
        ).first()
    form = Article9RecordForm(request.POST or None, instance=record, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.save_article9_record(form.instance)
        messages.success(request, _("Saved."))
        return redirect(saved.state)
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Article 9 measures"),
            "cancel_url": reverse("reporting:article9"),
            "history_record": record,
        },
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
    return table_response(request, "article9-records", ARTICLE9_COLUMNS, article9_rows(records))


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
    if _wants_export(request):
        return table_response(
            request,
            f"audience-{audience.pk}",
            ["iso3", "name"],
            ([state.iso3, state.display_name] for state in states),
        )
    return render(
        request,
        "reporting/audience_detail.html",
        {
            "audience": audience,
            "page": _page(request, states),
            "can_edit": can_edit_records(request.user),
        },
    )


@staff_required
def audience_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    audience = get_object_or_404(Audience, pk=pk) if pk else None
    form = AudienceForm(request.POST or None, instance=audience)
    if request.method == "POST" and form.is_valid():
        saved = services.save_audience(form.instance, form.cleaned_data["states"])
        messages.success(request, _("%(audience)s was saved.") % {"audience": saved})
        return redirect("reporting:audience", pk=saved.pk)
    return render(
        request,
        "common/form_page.html",
        {"form": form, "title": _("Audience"), "cancel_url": reverse("reporting:audiences")},
    )


@staff_required
@require_POST
def audience_delete(request: HttpRequest, pk: int) -> HttpResponse:
    audience = get_object_or_404(Audience, pk=pk)
    try:
        services.delete_audience(audience)
    except RecordInUse as refusal:
        messages.error(request, str(refusal))
        return redirect("reporting:audience", pk=pk)
    messages.success(request, _("The audience was deleted."))
    return redirect("reporting:audiences")


# --- dashboards ------------------------------------------------------------------------------


def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    committee = get_object_or_404(Committee, code=code.upper())
    if not can_see_committee_workspace(request.user, committee.pk):
        raise PermissionDenied
    context = {
        "committee": committee,
        **dashboard_content(committee, timezone.localdate(), request.user),
    }
    return render(request, "reporting/dashboard.html", context)
