"""The Convention's date rules on the real cases of DOMAIN.md and as properties."""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from states_parties import rules
from states_parties.rules import Status

deposits = st.dates(min_value=date(1997, 12, 3), max_value=date(2100, 12, 31))


@pytest.mark.parametrize(
    ("deposit", "in_force"),
    [
        (date(2017, 12, 13), date(2018, 6, 1)),  # Sri Lanka: a December deposit
        (date(2025, 3, 12), date(2025, 9, 1)),  # Marshall Islands
        (date(2025, 6, 25), date(2025, 12, 1)),  # Tonga, acceded June 2025
        (date(1998, 9, 16), date(1999, 3, 1)),  # Burkina Faso, the 40th instrument
        (date(1997, 12, 3), date(1999, 3, 1)),  # Canada, the first: waits for the Convention
        (date(1998, 7, 23), date(1999, 3, 1)),  # among the first 40
        (date(1998, 10, 8), date(1999, 4, 1)),  # the first after the 40th
        (date(2005, 12, 27), date(2006, 6, 1)),  # Ukraine
        (date(2003, 9, 25), date(2004, 3, 1)),  # Greece
        (date(2000, 2, 29), date(2000, 8, 1)),  # a leap day
        (date(2012, 12, 31), date(2013, 6, 1)),  # the last day of a year
    ],
)
def test_entry_into_force_on_real_deposits(deposit, in_force):
    assert rules.entry_into_force(deposit) == in_force


def test_stockpile_deadlines_the_domain_names():
    assert rules.stockpile_destruction_deadline(date(2004, 3, 1)) == date(2008, 3, 1)  # Greece
    assert rules.stockpile_destruction_deadline(date(2006, 6, 1)) == date(2010, 6, 1)  # Ukraine


def test_initial_report_and_clearance_deadlines():
    assert rules.initial_report_due(date(2018, 6, 1)) == date(2018, 11, 28)
    assert rules.initial_report_due(date(2025, 9, 1)) == date(2026, 2, 28)
    assert rules.clearance_deadline(date(1999, 3, 1)) == date(2009, 3, 1)
    assert rules.longest_extension(date(2009, 3, 1)) == date(2019, 3, 1)


def test_annual_report_due_30_april_of_the_next_year():
    assert rules.annual_report_due(2024) == date(2025, 4, 30)
    assert rules.annual_report_due(1999) == date(2000, 4, 30)


@pytest.mark.parametrize(
    ("deposited", "effective"),
    [
        (date(2025, 6, 27), date(2025, 12, 27)),  # Estonia, Latvia, Lithuania
        (date(2025, 7, 10), date(2026, 1, 10)),  # Finland
        (date(2025, 8, 20), date(2026, 2, 20)),  # Poland
        (date(2025, 8, 31), date(2026, 2, 28)),  # month end, common year
        (date(2027, 8, 31), date(2028, 2, 29)),  # month end, leap year
    ],
)
def test_withdrawal_takes_effect_six_months_after_deposit(deposited, effective):
    assert (
        rules.withdrawal_effective(
            deposited, suspended_by_armed_conflict=False, conflict_ended_on=None
        )
        == effective
    )


def test_withdrawal_suspended_by_armed_conflict():
    deposited = date(2025, 6, 29)
    assert (
        rules.withdrawal_effective(
            deposited, suspended_by_armed_conflict=True, conflict_ended_on=None
        )
        is None
    )
    # The conflict ends after the six months: the withdrawal takes effect that day.
    assert rules.withdrawal_effective(
        deposited, suspended_by_armed_conflict=True, conflict_ended_on=date(2027, 3, 4)
    ) == date(2027, 3, 4)
    # It ends within the six months: the ordinary date applies.
    assert rules.withdrawal_effective(
        deposited, suspended_by_armed_conflict=True, conflict_ended_on=date(2025, 9, 1)
    ) == date(2025, 12, 29)


def _status(on, **dates):
    fields = {
        "signature": None,
        "deposit": None,
        "in_force": None,
        "withdrawal_deposit": None,
        "withdrawal_effective_on": None,
    }
    fields.update(dates)
    return rules.status_on(on, **fields)


def test_status_through_a_states_life():
    life = {
        "signature": date(1997, 12, 4),
        "deposit": date(2012, 12, 27),
        "in_force": date(2013, 6, 1),
        "withdrawal_deposit": date(2025, 8, 20),
        "withdrawal_effective_on": date(2026, 2, 20),
    }
    assert _status(date(1997, 12, 3), **life) is Status.NOT_PARTY
    assert _status(date(1997, 12, 4), **life) is Status.SIGNATORY
    assert _status(date(2012, 12, 27), **life) is Status.ENTRY_INTO_FORCE_PENDING
    assert _status(date(2013, 5, 31), **life) is Status.ENTRY_INTO_FORCE_PENDING
    assert _status(date(2013, 6, 1), **life) is Status.STATE_PARTY
    assert _status(date(2025, 8, 20), **life) is Status.WITHDRAWAL_PENDING
    assert _status(date(2026, 2, 19), **life) is Status.WITHDRAWAL_PENDING
    assert _status(date(2026, 2, 20), **life) is Status.WITHDRAWN


def test_suspended_withdrawal_stays_pending():
    assert (
        _status(
            date(2040, 1, 1),
            deposit=date(2005, 12, 27),
            in_force=date(2006, 6, 1),
            withdrawal_deposit=date(2025, 6, 29),
        )
        is Status.WITHDRAWAL_PENDING
    )


# --- properties --------------------------------------------------------------------------


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


@given(deposits)
@example(date(1998, 9, 16))
@example(date(1998, 9, 30))
@example(date(1998, 10, 1))
@example(date(2024, 2, 29))
@example(date(2024, 12, 31))
def test_entry_into_force_is_the_first_of_the_sixth_month(deposit):
    in_force = rules.entry_into_force(deposit)
    assert in_force.day == 1
    assert in_force > deposit
    assert in_force >= rules.CONVENTION_ENTRY_INTO_FORCE
    if in_force > rules.CONVENTION_ENTRY_INTO_FORCE:
        assert _months_between(deposit, in_force) == 6
    else:
        assert deposit <= date(1998, 9, 30)


@given(st.dates(min_value=date(1999, 1, 1), max_value=date(2100, 12, 31)))
def test_december_deposits_take_effect_on_1_june(deposit):
    deposit = deposit.replace(month=12)
    assert rules.entry_into_force(deposit) == date(deposit.year + 1, 6, 1)


@given(deposits, deposits)
def test_entry_into_force_never_goes_backwards(first, second):
    earlier, later = sorted((first, second))
    assert rules.entry_into_force(earlier) <= rules.entry_into_force(later)


@given(deposits)
def test_deadlines_from_entry_into_force(deposit):
    in_force = rules.entry_into_force(deposit)
    assert rules.initial_report_due(in_force) - in_force == timedelta(days=180)
    assert rules.stockpile_destruction_deadline(in_force) == in_force.replace(
        year=in_force.year + 4
    )
    assert rules.clearance_deadline(in_force) == in_force.replace(year=in_force.year + 10)


@given(deposits)
@example(date(2025, 8, 31))
@example(date(2027, 8, 31))
@example(date(2025, 12, 31))
def test_withdrawal_six_months_later_clamped_to_month_end(deposited):
    effective = rules.withdrawal_effective(
        deposited, suspended_by_armed_conflict=False, conflict_ended_on=None
    )
    assert _months_between(deposited, effective) == 6
    last_day = calendar.monthrange(effective.year, effective.month)[1]
    assert effective.day == min(deposited.day, last_day)
    assert timedelta(days=181) <= effective - deposited <= timedelta(days=184)


@given(deposits, st.dates(min_value=date(1997, 12, 3), max_value=date(2110, 12, 31)))
def test_suspended_withdrawal_never_before_six_months_nor_before_peace(deposited, ended):
    effective = rules.withdrawal_effective(
        deposited, suspended_by_armed_conflict=True, conflict_ended_on=ended
    )
    ordinary = rules.withdrawal_effective(
        deposited, suspended_by_armed_conflict=False, conflict_ended_on=None
    )
    assert effective == max(ordinary, ended)


# --- the current Article 5 deadline and the inverted rules --------------------------------------


def test_the_latest_granted_extension_sets_the_current_deadline():
    in_force = date(2002, 3, 1)
    assert rules.current_clearance_deadline(in_force, []) == date(2012, 3, 1)
    assert rules.current_clearance_deadline(None, []) is None
    assert rules.current_clearance_deadline(
        in_force, [date(2017, 3, 1), date(2023, 3, 1), date(2020, 1, 1)]
    ) == date(2023, 3, 1)
    assert rules.governing_extension([("a", date(2017, 3, 1)), ("b", date(2023, 3, 1))]) == (
        "b",
        date(2023, 3, 1),
    )
    # Of equal new deadlines, the first given (the earlier request) set it.
    assert rules.governing_extension([("a", date(2023, 3, 1)), ("b", date(2023, 3, 1))]) == (
        "a",
        date(2023, 3, 1),
    )
    assert rules.governing_extension([("a", None)]) is None
    assert rules.governing_extension([]) is None


extension_dates = st.lists(
    st.dates(min_value=date(2009, 1, 1), max_value=date(2060, 12, 31)), max_size=5
)


@given(deposits, extension_dates)
def test_the_current_deadline_is_never_before_the_original_or_any_granted(deposit, granted):
    in_force = rules.entry_into_force(deposit)
    current = rules.current_clearance_deadline(in_force, granted)
    assert current == (max(granted) if granted else rules.clearance_deadline(in_force))
    assert all(until <= current for until in granted)


# Before 2100 (not a leap year), adding four years to a 29 February lands on a 29 February.
in_force_dates = st.dates(min_value=date(1999, 3, 1), max_value=date(2095, 12, 31))


@given(in_force_dates, in_force_dates, in_force_dates)
@example(date(2000, 2, 29), date(2004, 2, 29), date(2004, 2, 29))
@example(date(2001, 3, 1), date(2001, 8, 28), date(2001, 8, 28))
def test_the_feeds_inverted_rules_find_exactly_the_deadlines_in_a_window(in_force, one, two):
    start, end = sorted((one, two))
    low, high = rules.in_force_for_initial_reports_due(start, end)
    assert (low <= in_force <= high) == (start <= rules.initial_report_due(in_force) <= end)
    low, high = rules.in_force_for_stockpile_deadlines(start, end)
    assert (low <= in_force <= high) == (
        start <= rules.stockpile_destruction_deadline(in_force) <= end
    )
