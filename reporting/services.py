"""Writes to reports and Article 9 records, and keeping expected reports in step.

``ExpectedReport.received_on`` is a copy of the matching submission's date: it is written here
and nowhere else, when expected reports are derived and when a submission is saved or deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from common.changes import announce
from common.services import delete_unreferenced
from states_parties import rules
from states_parties.models import RetainedMines, StateParty

from .models import (
    Article9Record,
    Audience,
    DueDateCount,
    ExpectedReport,
    ReportingSummary,
    Submission,
)
from .rules import is_overdue, store_missing_years
from .signals import reports_changed


def _received_on(state_ids: list[int]) -> dict[tuple[int, str, int], date]:
    """When each report of these States was received, by (State, kind, year)."""
    return {
        (state_id, kind, year): received_on
        for state_id, kind, year, received_on in Submission.objects.filter(
            state_id__in=state_ids
        ).values_list("state_id", "kind", "year", "received_on")
    }


def _wanted_reports(
    states: list[StateParty], through_year: int
) -> dict[tuple[int, str, int], date]:
    """The reports the States' dates call for, by (State, kind, year), with their due dates."""
    wanted: dict[tuple[int, str, int], date] = {}
    for state in states:
        for kind, year, due in rules.expected_reports(
            state.entry_into_force, state.withdrawal_effective, through_year
        ):
            wanted[(state.pk, kind, year)] = due
    return wanted


def _copy_received_on(report_ids: list[int]) -> None:
    """One statement, however many rows: copy each report's date of receipt."""
    ExpectedReport.objects.filter(pk__in=report_ids).update(
        received_on=Subquery(
            Submission.objects.filter(
                state=OuterRef("state"), kind=OuterRef("kind"), year=OuterRef("year")
            ).values("received_on")[:1]
        )
    )


def sync_expected_reports(
    states: Iterable[StateParty] | None = None, through_year: int | None = None
) -> dict[str, int]:
    """Make the expected reports of ``states`` (default: all) what their dates say, through
    the report covering ``through_year`` (default: this year). Returns counts of rows added and
    removed. Idempotent; submissions are never touched."""
    through_year = through_year or timezone.localdate().year
    states = list(StateParty.objects.all() if states is None else states)
    state_ids = [state.pk for state in states]
    existing: dict[tuple[int, str, int], ExpectedReport] = {
        (report.state_id, report.kind, report.year): report
        for report in ExpectedReport.objects.filter(state_id__in=state_ids)
    }
    received = _received_on(state_ids)
    wanted = _wanted_reports(states, through_year)
    to_create = [
        ExpectedReport(
            state_id=key[0], kind=key[1], year=key[2], due_date=due, received_on=received.get(key)
        )
        for key, due in wanted.items()
        if key not in existing
    ]
    previous_due_dates = {report.due_date for report in existing.values()}
    moved = []
    for key, report in existing.items():
        if key in wanted and report.due_date != wanted[key]:
            report.due_date = wanted[key]
            moved.append(report)
    stale = [report.pk for key, report in existing.items() if key not in wanted]
    unmatched = [
        report.pk
        for key, report in existing.items()
        if key in wanted and report.received_on != received.get(key)
    ]
    touched = {report.due_date for report in to_create} | previous_due_dates | set(wanted.values())
    with transaction.atomic():
        ExpectedReport.objects.bulk_create(to_create, batch_size=2000)
        ExpectedReport.objects.bulk_update(moved, ["due_date"], batch_size=500)
        ExpectedReport.objects.filter(pk__in=stale).delete()
        if unmatched:
            _copy_received_on(unmatched)
        refresh_summaries(state_ids)
        if to_create or moved or stale or unmatched:
            recount_due_dates(touched)
    return {
        "created": len(to_create),
        "updated": len(set(unmatched) | {report.pk for report in moved}),
        "removed": len(stale),
    }


def recount_due_dates(due_dates: Iterable[date] | None = None) -> None:
    """Recount the expected reports due on these days (default: every day) into
    ``DueDateCount``: an aggregate over one index range per day."""
    reports = ExpectedReport.objects.all()
    counts = DueDateCount.objects.all()
    if due_dates is not None:
        due_dates = sorted(set(due_dates))
        if not due_dates:
            return
        reports = reports.filter(due_date__in=due_dates)
        counts = counts.filter(due_date__in=due_dates)
    rows = (
        reports.values("due_date")
        .annotate(
            expected=Count("pk"),
            received=Count("received_on"),
            on_time=Count("pk", filter=Q(received_on__lte=F("due_date"))),
        )
        .order_by()
    )
    with transaction.atomic():
        counts.delete()
        DueDateCount.objects.bulk_create(
            (DueDateCount(**row) for row in rows.iterator()), batch_size=2000
        )


def refresh_summaries(state_ids: Iterable[int] | None = None, today: date | None = None) -> int:
    """Rebuild the reporting summary of these States (default: all) as of ``today``, from
    their expected reports, in two queries. Returns the number of States summarised."""
    global _summaries_current_on
    today = today or timezone.localdate()
    if today != timezone.localdate():
        # Summaries of another day (a test, a rebuild "as of"): the next read checks again.
        _summaries_current_on = None
    if state_ids is not None:
        state_ids = list(state_ids)
    by_state = _reports_by_state(state_ids)
    latest_statement = _latest_statements(state_ids)
    summaries = [
        _summary(state_id, rows, latest_statement.get(state_id), today)
        for state_id, rows in by_state.items()
    ]
    with transaction.atomic():
        stale = ReportingSummary.objects.exclude(state_id__in=list(by_state))
        (stale.filter(state_id__in=state_ids) if state_ids is not None else stale).delete()
        ReportingSummary.objects.bulk_create(
            summaries,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["state"],
            update_fields=[
                "computed_on",
                "overdue_count",
                "consecutive_missing",
                "last_received_due",
                "missing_years",
                "article9_status",
                "article9_as_of",
                "article9_measure",
                "article9_source",
            ],
        )
    return len(summaries)


#: An expected report as summaries read it: ``(kind, year, due date, received on)``.
ReportRow = tuple[str, int, date, date | None]


def _reports_by_state(state_ids: list[int] | None) -> dict[int, list[ReportRow]]:
    """Each State's expected reports, oldest due first (one query)."""
    reports = ExpectedReport.objects.order_by("state_id", "due_date")
    if state_ids is not None:
        reports = reports.filter(state_id__in=state_ids)
    by_state: dict[int, list[ReportRow]] = {}
    for state_id, kind, year, due, received_on in reports.values_list(
        "state_id", "kind", "year", "due_date", "received_on"
    ):
        by_state.setdefault(state_id, []).append((kind, year, due, received_on))
    return by_state


def _latest_statements(state_ids: list[int] | None) -> dict[int, Article9Record]:
    """Each State's latest Article 9 statement (one query)."""
    statements = Article9Record.objects.order_by("state_id", "-as_of")
    if state_ids is not None:
        statements = statements.filter(state_id__in=state_ids)
    latest: dict[int, Article9Record] = {}
    for statement in statements:
        latest.setdefault(statement.state_id, statement)
    return latest


def _summary(
    state_id: int, rows: list[ReportRow], statement: Article9Record | None, today: date
) -> ReportingSummary:
    overdue = [
        (kind, year, due) for kind, year, due, received in rows if is_overdue(due, received, today)
    ]
    received_dues = [due for _kind, _year, due, received in rows if received is not None]
    last_received = max(received_dues, default=None)
    return ReportingSummary(
        state_id=state_id,
        computed_on=today,
        overdue_count=len(overdue),
        consecutive_missing=sum(
            1 for _kind, _year, due in overdue if last_received is None or due > last_received
        ),
        last_received_due=last_received,
        # Stored in no language (whoever's request rebuilt it): pages and exports show it in
        # theirs (``compliance.display_missing_years``).
        missing_years=store_missing_years((kind, year) for kind, year, _due in overdue),
        article9_status=statement.status if statement else "",
        article9_as_of=statement.as_of if statement else None,
        article9_measure=statement.measure if statement else "",
        article9_source=statement.source if statement else "",
    )


#: The day this process last found every summary current. Summaries are only ever written
#: as of the day they are written, so once current they stay current until the day ends; a
#: page then needs no query to know it.
_summaries_current_on: date | None = None


def ensure_summaries_current(today: date | None = None) -> None:
    """Reports fall overdue as days pass: the first read of a new day rebuilds every summary
    (the nightly task usually has already)."""
    global _summaries_current_on
    today = today or timezone.localdate()
    if _summaries_current_on == today:
        return
    if ReportingSummary.objects.exclude(computed_on=today).exists():
        refresh_summaries(today=today)
    if today == timezone.localdate():
        _summaries_current_on = today


def _mark_received(submission: Submission, received_on: date | None) -> None:
    reports = ExpectedReport.objects.filter(
        state_id=submission.state_id, kind=submission.kind, year=submission.year
    )
    reports.update(received_on=received_on)
    refresh_summaries([submission.state_id])
    recount_due_dates(reports.values_list("due_date", flat=True))


@transaction.atomic
def save_submission(submission: Submission) -> Submission:
    """Record a report; it meets the matching expected report and, if it gives the number of
    mines retained, becomes the State's Article 3 figure for that year."""
    if submission.pk:
        previous = Submission.objects.get(pk=submission.pk)
        if (previous.state_id, previous.kind, previous.year) != (
            submission.state_id,
            submission.kind,
            submission.year,
        ):
            _mark_received(previous, None)
    submission.save()
    _mark_received(submission, submission.received_on)
    if submission.mines_retained is not None:
        RetainedMines.objects.update_or_create(
            state_id=submission.state_id,
            year=submission.year,
            defaults={
                "quantity": submission.mines_retained,
                "source": f"Article 7 report received {submission.received_on:%Y-%m-%d}",
            },
        )
    announce(reports_changed, Submission, states=[submission.state])
    return submission


@transaction.atomic
def acknowledge_submission(submission: Submission, user, on: date | None = None) -> Submission:
    """Record that ISU staff acknowledged a report they received (once: a second
    acknowledgement keeps the first's day and person)."""
    if submission.acknowledged_on is None:
        submission.acknowledged_on = on or timezone.localdate()
        submission.acknowledged_by = user
        submission.save(update_fields=["acknowledged_on", "acknowledged_by"])
    return submission


@transaction.atomic
def delete_submission(submission: Submission) -> None:
    _mark_received(submission, None)
    delete_unreferenced(submission)
    announce(reports_changed, Submission, states=[submission.state])


@transaction.atomic
def save_article9_record(record: Article9Record) -> Article9Record:
    record.save()
    refresh_summaries([record.state_id])
    return record


@transaction.atomic
def delete_article9_record(record: Article9Record) -> None:
    delete_unreferenced(record)
    refresh_summaries([record.state_id])


@transaction.atomic
def save_audience(audience: Audience, states: Iterable[StateParty]) -> Audience:
    audience.save()
    audience.states.set(states if audience.query == Audience.Query.HAND_PICKED else [])
    return audience


def delete_audience(audience: Audience) -> None:
    """The audiences the application provides stay; others go unless letters use them."""
    if audience.is_builtin:
        from common.services import RecordInUse

        raise RecordInUse(
            _("“%(audience)s” is provided by the application and cannot be deleted.")
            % {"audience": audience}
        )
    delete_unreferenced(audience)
