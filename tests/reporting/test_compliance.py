from datetime import date

import pytest

from reporting import audiences, compliance, services
from reporting.models import Article9Record, Audience, Submission, YearRate
from states_parties import services as state_services
from states_parties.models import RetainedMines
from tests.factories import StatePartyFactory

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 1)


def receive(state, year, received_on, kind="annual"):
    services.save_submission(Submission(state=state, kind=kind, year=year, received_on=received_on))


@pytest.fixture
def record():
    """Four States in force since 2019 (initial report due 28 Dec 2019, annual reports for
    2019 to 2023 due by 1 June 2024)."""
    states = {
        "AGO": StatePartyFactory(
            iso3="AGO", name="Angola", deposit_date=date(2019, 1, 10), has_mined_areas=True
        ),
        "BEL": StatePartyFactory(iso3="BEL", name="Belgium", deposit_date=date(2019, 1, 10)),
        "CHL": StatePartyFactory(iso3="CHL", name="Chile", deposit_date=date(2019, 1, 10)),
        "DNK": StatePartyFactory(
            iso3="DNK", name="Denmark", deposit_date=date(2019, 1, 10), had_stockpiles=True
        ),
    }
    services.sync_expected_reports(states.values(), through_year=2024)
    for state in states.values():
        receive(state, 2019, date(2019, 12, 1), kind="initial")
    # Angola: reported for 2019 and 2020 only. Belgium: every year, 2022 late.
    # Chile: missed 2021 only. Denmark: never after the initial report.
    for year in (2019, 2020):
        receive(states["AGO"], year, date(year + 1, 4, 1))
    for year in (2019, 2020, 2021, 2023):
        receive(states["BEL"], year, date(year + 1, 4, 1))
    receive(states["BEL"], 2022, date(2023, 6, 15))
    for year in (2019, 2020, 2022, 2023):
        receive(states["CHL"], year, date(year + 1, 4, 20))
    return states


def test_overdue_states_and_their_streaks(record):
    overdue = {
        s.iso3: (s.consecutive_missing, s.overdue_count) for s in compliance.overdue_states(TODAY)
    }
    assert overdue == {"AGO": (3, 3), "DNK": (5, 5)}  # Chile caught up after 2021
    assert [s.iso3 for s in compliance.overdue_states(TODAY, min_consecutive=4)] == ["DNK"]
    missing = {s.iso3: s.missing_years for s in compliance.overdue_states(TODAY)}

    assert missing == {"AGO": "2021, 2022, 2023", "DNK": "2019, 2020, 2021, 2022, 2023"}
    chile = compliance.with_reporting(compliance.StateParty.objects.filter(iso3="CHL"), TODAY).get()
    assert (chile.overdue_count, chile.consecutive_missing) == (1, 0)


def test_missing_with_open_obligations(record):
    assert {s.iso3 for s in compliance.missing_with_obligations(TODAY)} == {"AGO", "DNK"}
    record["DNK"].stockpile_destroyed_on = date(2021, 1, 1)
    record["DNK"].save()
    assert {s.iso3 for s in compliance.missing_with_obligations(TODAY)} == {"AGO"}
    RetainedMines.objects.create(state=record["DNK"], year=2023, quantity=50)
    assert {s.iso3 for s in compliance.missing_with_obligations(TODAY)} == {"AGO", "DNK"}


def test_reporting_rates(record):
    assert compliance.reporting_rates(TODAY) == [
        YearRate(2019, expected=4, received=4, on_time=4),
        YearRate(2020, expected=4, received=3, on_time=3),
        YearRate(2021, expected=4, received=3, on_time=3),
        YearRate(2022, expected=4, received=1, on_time=1),  # only Belgium reported for 2021
        YearRate(2023, expected=4, received=2, on_time=1),  # Belgium late for 2022
        YearRate(2024, expected=4, received=2, on_time=2),
    ]
    assert compliance.reporting_rates(TODAY)[4].on_time_percent == 25
    assert compliance.reporting_rates(TODAY)[4].total_percent == 50


def _statement(**fields) -> Article9Record:
    return services.save_article9_record(Article9Record(**fields))


def test_article9_outstanding(record):
    _statement(state=record["AGO"], as_of=date(2020, 1, 1), status="in_preparation")
    _statement(
        state=record["AGO"],
        as_of=date(2022, 1, 1),
        status="legislation_adopted",
        measure="Law 1/2022",
    )
    _statement(state=record["BEL"], as_of=date(2020, 1, 1), status="existing_law_sufficient")
    _statement(state=record["CHL"], as_of=date(2021, 1, 1), status="nothing_reported")
    outstanding = {s.iso3: s.article9_status for s in compliance.article9_outstanding(TODAY)}
    assert outstanding == {"CHL": "nothing_reported", "DNK": ""}


def test_audiences(record):
    builtin = {a.query: a for a in Audience.objects.filter(is_builtin=True, minimum_reports=1)}
    assert {s.iso3 for s in audiences.members(builtin["all_bound"], TODAY)} == set(record)
    assert {s.iso3 for s in audiences.members(builtin["overdue"], TODAY)} == {"AGO", "DNK"}
    picked = Audience.objects.create(name="Picked", query="hand_picked")
    picked.states.set([record["BEL"], record["CHL"]])
    assert [s.iso3 for s in audiences.members(picked, TODAY)] == ["BEL", "CHL"]
    two = Audience.objects.get(name="States that missed two or more consecutive Article 7 reports")
    assert [s.iso3 for s in audiences.members(two, TODAY)] == ["DNK", "AGO"]


def test_clearance_deadlines_within():
    state = StatePartyFactory(iso3="AGO", deposit_date=date(2016, 1, 10), has_mined_areas=True)
    # In force 1 Jul 2016: original deadline 1 Jul 2026.
    assert [
        s.iso3 for s in compliance.clearance_deadlines_within(date(2025, 7, 1), date(2026, 7, 1))
    ] == ["AGO"]
    assert not compliance.clearance_deadlines_within(date(2025, 7, 1), date(2026, 6, 30))

    state.clearance_completed_on = date(2024, 1, 1)
    state.save()
    assert not compliance.clearance_deadlines_within(date(2025, 7, 1), date(2026, 7, 1))


def _rates_counted_afresh(today):
    """The rates as a full recount of every expected report gives them."""
    services.recount_due_dates()
    return compliance.reporting_rates(today)


def test_rates_follow_every_write(record):
    def rates():
        return compliance.reporting_rates(TODAY)

    # Deleting a report, moving one to another year, and moving a State's entry into force
    # (its initial report's due date changes) each leave the counts a recount would give.
    services.delete_submission(Submission.objects.get(state=record["BEL"], year=2022))
    assert rates()[4] == YearRate(2023, expected=4, received=1, on_time=1)
    moved = Submission.objects.get(state=record["AGO"], year=2020)
    moved.year = 2021
    services.save_submission(moved)
    assert rates()[2:4] == [
        YearRate(2021, expected=4, received=2, on_time=2),
        YearRate(2022, expected=4, received=2, on_time=2),
    ]
    state = record["CHL"]
    state.deposit_date = date(2019, 7, 10)  # in force 1 Jan 2020: initial due 29 Jun 2020
    state_services.save_state_party(state)
    assert rates() == _rates_counted_afresh(TODAY)
    assert rates()[0] == YearRate(2019, expected=3, received=3, on_time=3)
