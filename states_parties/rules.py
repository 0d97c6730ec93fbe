"""The Convention's date rules, as pure functions of dates.

Every deadline the application shows is computed here and nowhere else, so that pages, exports,
reminders and documents agree. The articles cited are those of the Convention (see
``docs/domain.md``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

#: Article 17.1: the Convention entered into force on the first day of the sixth month after
#: the month of the 40th deposit (16 Sep 1998); every earlier instrument took effect then too.
CONVENTION_ENTRY_INTO_FORCE = date(1999, 3, 1)
#: Article 15: open for signature in Ottawa from 3 December 1997 until entry into force.
SIGNATURE_OPENED = date(1997, 12, 3)
SIGNATURE_CLOSED = CONVENTION_ENTRY_INTO_FORCE - timedelta(days=1)

INITIAL_REPORT_DAYS = 180
STOCKPILE_DESTRUCTION_YEARS = 4
CLEARANCE_YEARS = 10
WITHDRAWAL_NOTICE_MONTHS = 6
MAX_EXTENSION_YEARS = 10


def entry_into_force(deposit: date) -> date:
    """Article 17: the first day of the sixth month after the month of deposit.

    Instruments deposited before the Convention itself entered into force share its date.
    """
    sixth_month = date(deposit.year, deposit.month, 1) + relativedelta(months=6)
    return max(sixth_month, CONVENTION_ENTRY_INTO_FORCE)


def initial_report_due(in_force: date) -> date:
    """Article 7.1: the initial transparency report, within 180 days of entry into force."""
    return in_force + timedelta(days=INITIAL_REPORT_DAYS)


def annual_report_due(calendar_year: int) -> date:
    """Article 7.2: the annual update covering a calendar year is due on 30 April of the next."""
    return date(calendar_year + 1, 4, 30)


def expected_reports(
    in_force: date | None, withdrawal_effective_on: date | None, through_year: int
) -> list[tuple[str, int, date]]:
    """Article 7 reports a State owes, as ``(kind, calendar year, due date)``.

    The initial report is due 180 days after entry into force; then one annual report per
    calendar year, due on 30 April of the next year, starting with the first whose due date
    falls after the initial report's (an earlier one is covered by the initial report). A
    report is owed only if it falls due while the State is bound: none after its withdrawal
    takes effect (a withdrawal suspended by armed conflict has no such date).
    """
    if in_force is None:
        return []

    def owed(due: date) -> bool:
        return withdrawal_effective_on is None or due < withdrawal_effective_on

    initial = initial_report_due(in_force)
    reports = [("initial", in_force.year, initial)] if owed(initial) else []
    for year in range(in_force.year, through_year + 1):
        due = annual_report_due(year)
        if due <= initial:
            continue
        if not owed(due):
            break
        reports.append(("annual", year, due))
    return reports


def stockpile_destruction_deadline(in_force: date) -> date:
    """Article 4: four years after entry into force; no extension is possible."""
    return in_force + relativedelta(years=STOCKPILE_DESTRUCTION_YEARS)


def clearance_deadline(in_force: date) -> date:
    """Article 5.1: ten years after entry into force, before any extension."""
    return in_force + relativedelta(years=CLEARANCE_YEARS)


def governing_extension[K](granted: Iterable[tuple[K, date | None]]) -> tuple[K, date] | None:
    """Article 5.3-6: of the extensions granted, given as ``(key, new deadline)``, the one that
    sets the current deadline: the latest new deadline (the first given, of equal ones).
    ``None`` when none was granted."""
    governing: tuple[K, date] | None = None
    for key, until in granted:
        if until is not None and (governing is None or until > governing[1]):
            governing = (key, until)
    return governing


def current_clearance_deadline(
    in_force: date | None, granted_until: Iterable[date | None]
) -> date | None:
    """Article 5: the current clearance deadline, the latest one an extension granted (5.3-6),
    else ten years after entry into force (5.1); ``None`` before entry into force is known."""
    governing = governing_extension((None, until) for until in granted_until)
    if governing is not None:
        return governing[1]
    return clearance_deadline(in_force) if in_force else None


def longest_extension(current_deadline: date) -> date:
    """Article 5.3: one extension may last up to ten years beyond the current deadline."""
    return current_deadline + relativedelta(years=MAX_EXTENSION_YEARS)


def in_force_for_initial_reports_due(start: date, end: date) -> tuple[date, date]:
    """The entry-into-force dates whose initial report (Article 7.1) falls due from ``start`` to
    ``end``: ``initial_report_due`` inverted, for a filter on the stored entry into force."""
    days = timedelta(days=INITIAL_REPORT_DAYS)
    return start - days, end - days


def in_force_for_stockpile_deadlines(start: date, end: date) -> tuple[date, date]:
    """The entry-into-force dates whose Article 4 deadline falls from ``start`` to ``end``:
    ``stockpile_destruction_deadline`` inverted, for a filter on the stored entry into force."""
    years = relativedelta(years=STOCKPILE_DESTRUCTION_YEARS)
    return start - years, end - years


def withdrawal_effective(
    deposited: date, *, suspended_by_armed_conflict: bool, conflict_ended_on: date | None
) -> date | None:
    """Article 20.3: six months after the depositary receives the instrument.

    While the withdrawing State is engaged in an armed conflict the withdrawal does not take
    effect; it then takes effect when the conflict ends (but never before the six months are
    over). ``None`` means it has no date yet.
    """
    six_months = deposited + relativedelta(months=WITHDRAWAL_NOTICE_MONTHS)
    if not suspended_by_armed_conflict:
        return six_months
    if conflict_ended_on is None:
        return None
    return max(six_months, conflict_ended_on)


class Status(StrEnum):
    NOT_PARTY = "not_party"
    SIGNATORY = "signatory"
    ENTRY_INTO_FORCE_PENDING = "pending"
    STATE_PARTY = "state_party"
    WITHDRAWAL_PENDING = "withdrawal_pending"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    Status.NOT_PARTY: _("Not party"),
    Status.SIGNATORY: _("Signatory"),
    Status.ENTRY_INTO_FORCE_PENDING: _("Entry into force pending"),
    Status.STATE_PARTY: _("State Party"),
    Status.WITHDRAWAL_PENDING: _("Withdrawal pending"),
    Status.WITHDRAWN: _("Withdrawn"),
}


def status_on(
    on: date,
    *,
    signature: date | None,
    deposit: date | None,
    in_force: date | None,
    withdrawal_deposit: date | None,
    withdrawal_effective_on: date | None,
) -> Status:
    """A State's standing on a given day. A withdrawing State remains a State Party, with all
    its obligations, until its withdrawal takes effect."""
    if withdrawal_effective_on is not None and withdrawal_effective_on <= on:
        return Status.WITHDRAWN
    if withdrawal_deposit is not None and withdrawal_deposit <= on:
        return Status.WITHDRAWAL_PENDING
    if in_force is not None and in_force <= on:
        return Status.STATE_PARTY
    if deposit is not None and deposit <= on:
        return Status.ENTRY_INTO_FORCE_PENDING
    if signature is not None and signature <= on:
        return Status.SIGNATORY
    return Status.NOT_PARTY
