"""The compliance questions committees ask, each answered in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from states_parties.models import Article5Extension, RetainedMines, StateParty, StatePartyQuerySet
from states_parties.names import name_order

from .models import (
    ARTICLE9_OUTSTANDING,
    Article9Record,
    DueDateCount,
    ExpectedReport,
    YearRate,
)
from .rules import missing_years_label, stored_missing_years
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


def display_missing_years(stored: str) -> str:
    """A summary's ``missing_years`` ("initial, 2023, 2024") in the active language, named as
    letters name them ("initial report, 2023, 2024")."""
    return missing_years_label(stored_missing_years(stored))


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
        "-consecutive_missing", name_order()
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
    ).order_by(name_order())


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
        .order_by("clearance_deadline", name_order())
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


# --- the record as it stood on a day ------------------------------------------------------------
#
# The summaries above answer for today. A document "as of" a day must say what the record said
# that day, and say it again a year later: these read the reports and statements themselves,
# counting only those received (or dated) on or before the day.


@dataclass(frozen=True)
class OverdueAsOf:
    state: StateParty
    consecutive_missing: int
    #: The overdue reports: ``("initial", year)`` or ``("annual", year)``, oldest first.
    missing: tuple[tuple[str, int], ...]
    #: Open obligations under Article 5 or 4, or mines retained under Article 3, that day.
    open_obligations: bool


def _obligations_open_on(state: StateParty, on: date, retained: int | None) -> bool:
    clearing = state.has_mined_areas and (
        state.clearance_completed_on is None or state.clearance_completed_on > on
    )
    destroying = state.had_stockpiles and (
        state.stockpile_destroyed_on is None or state.stockpile_destroyed_on > on
    )
    return bool(clearing or destroying or (retained or 0) > 0)


def overdue_states_as_of(on: date) -> list[OverdueAsOf]:
    """States bound on ``on`` that had missed their latest report(s) that day, counting only
    the reports received on or before it, most reports missed first. Three queries."""
    states = {state.pk: state for state in StateParty.objects.bound_on(on)}
    rows = (
        ExpectedReport.objects.filter(state__in=list(states))
        .filter(Q(due_date__lt=on) | Q(received_on__lte=on))
        .order_by("state_id", "due_date")
        .values_list("state_id", "kind", "year", "due_date", "received_on")
    )
    by_state: dict[int, list[tuple[str, int, date, bool]]] = {}
    for state_id, kind, year, due, received_on in rows:
        received = received_on is not None and received_on <= on
        by_state.setdefault(state_id, []).append((kind, year, due, received))
    # Figures for a year are reported the next year: on ``on`` none for its own year was known.
    retained: dict[int, int] = {}
    for state_id, quantity in (
        RetainedMines.objects.filter(state__in=list(states), year__lt=on.year)
        .order_by("state_id", "-year")
        .values_list("state_id", "quantity")
    ):
        retained.setdefault(state_id, quantity)
    result = []
    for state_id, reports in by_state.items():
        overdue = [(kind, year, due) for kind, year, due, received in reports if not received]
        overdue = [(kind, year, due) for kind, year, due in overdue if due < on]
        if not overdue:
            continue
        last_received = max((due for _k, _y, due, received in reports if received), default=None)
        consecutive = sum(
            1 for _k, _y, due in overdue if last_received is None or due > last_received
        )
        if not consecutive:
            continue
        state = states[state_id]
        result.append(
            OverdueAsOf(
                state=state,
                consecutive_missing=consecutive,
                missing=tuple((kind, year) for kind, year, _due in overdue),
                open_obligations=_obligations_open_on(state, on, retained.get(state_id)),
            )
        )
    return result


def article9_outstanding_as_of(on: date) -> list[tuple[StateParty, str]]:
    """States bound on ``on`` whose latest Article 9 statement dated on or before it was "in
    preparation" or "nothing reported", or that had none: ``(state, status or "")``."""
    states = {state.pk: state for state in StateParty.objects.bound_on(on)}
    latest: dict[int, str] = {}
    for state_id, status in (
        Article9Record.objects.filter(state__in=list(states), as_of__lte=on)
        .order_by("state_id", "-as_of")
        .values_list("state_id", "status")
    ):
        latest.setdefault(state_id, status)
    return [
        (state, latest.get(pk, ""))
        for pk, state in states.items()
        if latest.get(pk, "") in ("", *ARTICLE9_OUTSTANDING)
    ]


def reporting_rates_as_of(on: date, since: int = 1999) -> list[YearRate]:
    """``reporting_rates`` as the record stood on ``on``: reports received after it do not
    count."""
    rows = (
        ExpectedReport.objects.filter(due_date__lt=on, due_date__gte=date(since, 1, 1))
        .annotate(due_year=ExtractYear("due_date"))
        .values("due_year")
        .annotate(
            expected=Count("pk"),
            received=Count("pk", filter=Q(received_on__lte=on)),
            on_time=Count("pk", filter=Q(received_on__lte=F("due_date"))),
        )
        .order_by("due_year")
    )
    return [
        YearRate(row["due_year"], row["expected"], row["received"], row["on_time"]) for row in rows
    ]


@dataclass(frozen=True)
class Article5Year:
    """One year of the Committee on Article 5 Implementation's chart: the States still clearing
    whose current deadline falls in it, and the extension requests submitted in it."""

    year: int
    deadlines: int
    requests: int


def article5_by_year(today: date, first: int, last: int) -> list[Article5Year]:
    """Every year from ``first`` to ``last``, in two queries. A deadline of a past year is one
    that passed with the State still clearing (an extension granted moves the deadline)."""
    deadlines = dict(
        StateParty.objects.bound_on(today)
        .filter(has_mined_areas=True, clearance_completed_on__isnull=True)
        .filter(clearance_deadline__year__gte=first, clearance_deadline__year__lte=last)
        .annotate(year=ExtractYear("clearance_deadline"))
        .order_by()
        .values("year")
        .annotate(count=Count("pk"))
        .values_list("year", "count")
    )
    extension_requests = dict(
        Article5Extension.objects.filter(
            submitted_on__year__gte=first, submitted_on__year__lte=last
        )
        .annotate(year=ExtractYear("submitted_on"))
        .order_by()
        .values("year")
        .annotate(count=Count("pk"))
        .values_list("year", "count")
    )
    return [
        Article5Year(year, deadlines.get(year, 0), extension_requests.get(year, 0))
        for year in range(first, last + 1)
    ]
