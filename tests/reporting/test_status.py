"""What each State owes under Article 7 and the status of each report, on the boundaries."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reporting import services
from reporting.models import ExpectedReport, ReportStatus, Submission
from states_parties import rules
from states_parties import services as state_services
from tests.factories import StatePartyFactory

pytestmark = pytest.mark.django_db


def owed(state) -> list[tuple[str, int, date]]:
    return list(
        ExpectedReport.objects.filter(state=state)
        .order_by("due_date")
        .values_list("kind", "year", "due_date")
    )


def receive(state, kind, year, received_on) -> Submission:
    return services.save_submission(
        Submission(state=state, kind=kind, year=year, received_on=received_on)
    )


def report(state, kind, year) -> ExpectedReport:
    return ExpectedReport.objects.get(state=state, kind=kind, year=year)


# --- what is owed --------------------------------------------------------------------------


def test_entry_into_force_mid_year():
    # Ratified 13 Jan 2019: in force 1 Jul 2019, initial report due 28 Dec 2019.
    state = StatePartyFactory(iso3="LKA", deposit_date=date(2019, 1, 13))
    services.sync_expected_reports([state], through_year=2021)
    assert owed(state) == [
        ("initial", 2019, date(2019, 12, 28)),
        ("annual", 2019, date(2020, 4, 30)),
        ("annual", 2020, date(2021, 4, 30)),
        ("annual", 2021, date(2022, 4, 30)),
    ]


def test_initial_report_covers_an_annual_report_due_before_it():
    # Tonga: in force 1 Dec 2025, initial report due 30 May 2026; the 2025 annual report
    # would fall due on 30 April 2026, before it, so it is not asked for.
    state = StatePartyFactory(
        iso3="TON", signature_date=None, instrument="accession", deposit_date=date(2025, 6, 25)
    )
    services.sync_expected_reports([state], through_year=2026)
    assert owed(state) == [
        ("initial", 2025, date(2026, 5, 30)),
        ("annual", 2026, date(2027, 4, 30)),
    ]


def test_leap_years_in_the_180_days():
    assert rules.initial_report_due(date(2019, 9, 1)) == date(2020, 2, 28)
    assert rules.initial_report_due(date(2023, 9, 1)) == date(2024, 2, 28)
    assert rules.initial_report_due(date(2022, 9, 1)) == date(2023, 2, 28)
    assert rules.initial_report_due(date(2019, 10, 1)) == date(2020, 3, 29)
    assert rules.initial_report_due(date(2022, 10, 1)) == date(2023, 3, 30)


def test_no_report_after_a_withdrawal_takes_effect():
    # Estonia: withdrawal effective 27 Dec 2025. The 2024 report (due 30 Apr 2025) is owed;
    # the 2025 report would fall due after the withdrawal took effect.
    state = StatePartyFactory(
        iso3="EST",
        signature_date=None,
        instrument="accession",
        deposit_date=date(2004, 5, 12),
        withdrawal_deposit_date=date(2025, 6, 27),
    )
    services.sync_expected_reports([state], through_year=2026)
    assert owed(state)[-2:] == [
        ("annual", 2023, date(2024, 4, 30)),
        ("annual", 2024, date(2025, 4, 30)),
    ]


def test_a_suspended_withdrawal_leaves_every_report_owed():
    state = StatePartyFactory(
        iso3="UKR",
        signature_date=date(1999, 2, 24),
        deposit_date=date(2005, 12, 27),
        withdrawal_deposit_date=date(2025, 6, 29),
        withdrawal_suspended=True,
    )
    services.sync_expected_reports([state], through_year=2026)
    assert owed(state)[0] == ("initial", 2006, date(2006, 11, 28))
    assert owed(state)[-1] == ("annual", 2026, date(2027, 4, 30))
    assert len(owed(state)) == 1 + (2026 - 2006 + 1)


def test_expected_reports_follow_the_states_dates():
    state = StatePartyFactory(iso3="KHM", deposit_date=date(1999, 7, 28))
    state_services.save_state_party(state)  # tells reporting through the signal
    first = owed(state)[0]
    assert first == ("initial", 2000, date(2000, 6, 29))
    receive(state, "initial", 2000, date(2000, 6, 1))
    state.deposit_date = date(1999, 8, 2)  # the depositary corrects the date
    state_services.save_state_party(state)
    assert owed(state)[0] == ("initial", 2000, date(2000, 7, 30))
    assert report(state, "initial", 2000).received_on == date(2000, 6, 1)
    assert services.sync_expected_reports([state]) == {"created": 0, "updated": 0, "removed": 0}


# --- status --------------------------------------------------------------------------------


@pytest.fixture
def khm():
    state = StatePartyFactory(iso3="KHM", deposit_date=date(1999, 7, 28))
    services.sync_expected_reports([state], through_year=2024)
    return state


def test_status_around_30_april(khm):
    annual = report(khm, "annual", 2023)
    assert annual.due_date == date(2024, 4, 30)
    assert annual.status_on(date(2024, 4, 30)) == ReportStatus.NOT_YET_DUE
    assert annual.status_on(date(2024, 5, 1)) == ReportStatus.OVERDUE
    assert annual.days_on(date(2024, 5, 1)) == 1
    receive(khm, "annual", 2023, date(2024, 4, 30))
    assert report(khm, "annual", 2023).status_on(date(2024, 5, 1)) == ReportStatus.ON_TIME
    receive(khm, "annual", 2022, date(2023, 5, 1))
    late = report(khm, "annual", 2022)
    assert (late.status_on(date(2025, 1, 1)), late.days_on(date(2025, 1, 1))) == (
        ReportStatus.LATE,
        1,
    )


def test_status_in_sql_matches_python(khm):
    receive(khm, "initial", 2000, date(2000, 7, 15))  # late by 16 days
    receive(khm, "annual", 2010, date(2011, 4, 1))
    today = date(2024, 5, 1)
    statuses = dict(
        ExpectedReport.objects.filter(state=khm)
        .with_status(today)
        .values_list("year", "status")
        .filter(kind="annual")
    )
    assert statuses[2010] == ReportStatus.ON_TIME
    assert statuses[2023] == ReportStatus.OVERDUE
    assert statuses[2024] == ReportStatus.NOT_YET_DUE
    for row in ExpectedReport.objects.filter(state=khm).with_status(today):
        assert row.status == row.status_on(today)


def test_late_initial_report(khm):
    receive(khm, "initial", 2000, date(2000, 7, 15))
    initial = report(khm, "initial", 2000)
    assert initial.status_on(date(2024, 1, 1)) == ReportStatus.LATE
    assert initial.days_on(date(2024, 1, 1)) == 16
    deadline = next(d for d in khm.deadlines(initial.received_on) if d.key == "initial_report")
    assert deadline.state == "met_late"


def test_a_report_moved_to_another_year_frees_the_first(khm):
    submission = receive(khm, "annual", 2019, date(2020, 4, 1))
    submission.year = 2020
    services.save_submission(submission)
    assert report(khm, "annual", 2019).received_on is None
    assert report(khm, "annual", 2020).received_on == date(2020, 4, 1)
    services.delete_submission(submission)
    assert report(khm, "annual", 2020).received_on is None


def test_a_report_with_mines_retained_becomes_the_article3_figure(khm):
    services.save_submission(
        Submission(
            state=khm, kind="annual", year=2023, received_on=date(2024, 4, 2), mines_retained=1200
        )
    )
    figure = khm.retained_mines.get(year=2023)
    assert (figure.quantity, figure.source) == (1200, "Article 7 report received 2024-04-02")


@given(
    in_force=st.dates(date(1999, 3, 1), date(2030, 12, 1)).map(lambda d: d.replace(day=1)),
    withdrawal_after=st.none() | st.integers(1, 9000),
)
def test_every_owed_report_falls_due_while_bound(in_force, withdrawal_after):
    withdrawal = in_force + timedelta(days=withdrawal_after) if withdrawal_after else None
    reports = rules.expected_reports(in_force, withdrawal, through_year=2040)
    dues = [due for _kind, _year, due in reports]
    assert dues == sorted(dues)
    assert all(due > in_force for due in dues)
    assert all(withdrawal is None or due < withdrawal for due in dues)
    annual_years = [year for kind, year, _due in reports if kind == "annual"]
    if annual_years:  # consecutive years, none skipped
        assert annual_years == list(range(annual_years[0], annual_years[-1] + 1))

    if withdrawal is None:
        assert reports[0] == ("initial", in_force.year, in_force + timedelta(days=180))
        assert annual_years[-1] == 2040
