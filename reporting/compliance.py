"""The compliance questions committees ask, each answered in a fixed number of queries."""

from __future__ import annotations

from datetime import date

from django.db.models import F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from states_parties.models import StateParty, StatePartyQuerySet

from .models import ARTICLE9_OUTSTANDING, DueDateCount, ExpectedReport, YearRate
from .services import ensure_summaries_current


def with_reporting(states: StatePartyQuerySet, today: date | None = None) -> StatePartyQuerySet:
    """Annotate each State with its Article 7 record as of ``today``, from its summary:

    ``overdue_count`` reports due and not received; ``consecutive_missing`` those missed since
    the latest report received (a State that missed 2023 and 2024 after reporting for 2022 has
    2); ``last_received_due`` the due date of that latest report; ``missing_years`` the years
    the overdue reports cover ("initial, 2023, 2024").
    """
    ensure_summaries_current(today)
    return states.annotate(
        overdue_count=Coalesce(F("reporting__overdue_count"), 0),
        consecutive_missing=Coalesce(F("reporting__consecutive_missing"), 0),
        last_received_due=F("reporting__last_received_due"),
        missing_years=Coalesce(F("reporting__missing_years"), Value("")),
    )


def with_open_obligation_flags(states: StatePartyQuerySet) -> StatePartyQuerySet:
    """``latest_retained_quantity`` for Article 3; Articles 4 and 5 are plain columns."""
    if "latest_retained_quantity" in states.query.annotations:
        return states
    return states.with_latest_retained_mines()


def open_obligations_q() -> Q:
    """Open obligations under Article 5 or 4, or mines retained under Article 3."""
    return (
        Q(has_mined_areas=True, clearance_completed_on__isnull=True)
        | Q(had_stockpiles=True, stockpile_destroyed_on__isnull=True)
        | Q(latest_retained_quantity__gt=0)
    )


def overdue_states(today: date | None = None, *, min_consecutive: int = 1) -> StatePartyQuerySet:
    """States bound today that have missed their latest ``min_consecutive`` reports or more
    (1: any report overdue since the last one received)."""
    today = today or timezone.localdate()
    states = with_open_obligation_flags(with_reporting(StateParty.objects.bound_on(today), today))
    return states.filter(consecutive_missing__gte=max(1, min_consecutive)).order_by(
        "-consecutive_missing", "name"
    )


def missing_with_obligations(
    today: date | None = None, *, min_consecutive: int = 1
) -> StatePartyQuerySet:
    """The committees' pre-Meeting letter: no report for one or more years and open
    obligations under Article 5 or 4, or retaining mines under Article 3."""
    return overdue_states(today, min_consecutive=min_consecutive).filter(open_obligations_q())


def with_article9(states: StatePartyQuerySet, today: date | None = None) -> StatePartyQuerySet:
    """Annotate each State's latest Article 9 statement, from its summary."""
    ensure_summaries_current(today)
    return states.annotate(
        article9_status=Coalesce(F("reporting__article9_status"), Value("")),
        article9_as_of=F("reporting__article9_as_of"),
        article9_measure=Coalesce(F("reporting__article9_measure"), Value("")),
        article9_source=Coalesce(F("reporting__article9_source"), Value("")),
    )


def article9_outstanding(today: date | None = None) -> StatePartyQuerySet:
    """States bound today whose latest Article 9 statement is "in preparation" or "nothing
    reported", or that have none."""
    today = today or timezone.localdate()
    states = with_article9(StateParty.objects.bound_on(today), today)
    return states.filter(
        Q(article9_status__in=ARTICLE9_OUTSTANDING) | Q(article9_status="")
    ).order_by("name")


def reporting_rates(today: date | None = None, since: int = 1999) -> list[YearRate]:
    """For each year since ``since``: reports that fell due that year, how many arrived by their
    due date and how many arrived at all (so far)."""
    today = today or timezone.localdate()
    rows = (
        DueDateCount.objects.filter(due_date__lt=today, due_date__gte=date(since, 1, 1))
        .annotate(due_year=ExtractYear("due_date"))
        .values("due_year")
        .annotate(expected=Sum("expected"), received=Sum("received"), on_time=Sum("on_time"))
        .order_by("due_year")
    )
    return [
        YearRate(row["due_year"], row["expected"], row["received"], row["on_time"]) for row in rows
    ]


def clearance_deadlines_within(start: date, end: date) -> StatePartyQuerySet:
    """States bound on ``start`` still clearing, whose current Article 5 deadline falls in
    [start, end], soonest first."""
    return (
        StateParty.objects.bound_on(start)
        .filter(has_mined_areas=True, clearance_completed_on__isnull=True)
        .filter(clearance_deadline__range=(start, end))
        .order_by("clearance_deadline", "name")
    )


def states_by_year(states: QuerySet, years: range, today: date | None = None):
    """``{state id: {year: ExpectedReport}}`` for annual reports of these States and years,
    plus the initial reports, in one query."""
    today = today or timezone.localdate()
    grid: dict[int, dict[int | str, ExpectedReport]] = {}
    for report in ExpectedReport.objects.filter(state__in=states).filter(
        Q(kind="annual", year__in=list(years)) | Q(kind="initial")
    ):
        key = "initial" if report.kind == "initial" else report.year
        grid.setdefault(report.state_id, {})[key] = report
    return grid
