"""The requests expected at the coming Meeting, from the States' stored current deadlines."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from extensions import expected, services, timeline
from extensions.models import ExtensionRequest, RequestVersion
from extensions.timeline import RequestStatus
from states_parties.models import StateParty
from tests.factories import StatePartyFactory

from .conftest import affected

pytestmark = pytest.mark.django_db


def _receive(state, meeting, on):
    return services.receive_request(
        ExtensionRequest(
            state=state, meeting=meeting, received_on=on, requested_until=date(2031, 3, 1)
        ),
        RequestVersion(received_on=on),
    )


def _rows(today):
    return {
        row.state.iso3: (row.meeting.short_name, row.due, row.status)
        for row in expected.expected_requests(today)
    }


def test_who_must_request_at_the_22nd_meeting(calendar):
    # Deposits giving original deadlines: 1 Mar 2026 (before the 23rd Meeting), 1 Dec 2026
    # (after it opens), 1 Jun 2025 (before the 22nd), and a State that completed.
    affected("AAA", "Alpha", date(2015, 9, 10))  # in force 1 Mar 2016 -> 1 Mar 2026
    affected("BBB", "Bravo", date(2016, 6, 10))  # in force 1 Dec 2016 -> 1 Dec 2026
    late = affected("CCC", "Charlie", date(2014, 12, 10))  # 1 Jun 2015 -> 1 Jun 2025
    affected("DDD", "Delta", date(2015, 9, 10), clearance_completed_on=date(2020, 1, 1))
    StatePartyFactory(iso3="EEE", name="Echo", deposit_date=date(2015, 9, 10))  # no mined areas
    with time_machine.travel(datetime(2025, 2, 1, 9, tzinfo=UTC)):
        assert _rows(date(2025, 2, 1)) == {
            "AAA": ("22MSP", date(2025, 3, 1), RequestStatus.EXPECTED),
            "CCC": ("22MSP", date(2025, 3, 1), RequestStatus.EXPECTED),
        }
        _receive(late, calendar["22MSP"], date(2025, 3, 20))
    assert _rows(date(2025, 4, 1)) == {
        "AAA": ("22MSP", date(2025, 3, 1), RequestStatus.MISSING),
        "CCC": ("22MSP", date(2025, 3, 1), RequestStatus.LATE),
    }


def test_the_review_conference_decides_in_its_year(calendar):
    affected("AAA", "Alpha", date(2014, 6, 10))  # in force 1 Dec 2014 -> 1 Dec 2024... -> RC
    state = affected("BBB", "Bravo", date(2015, 3, 10))  # in force 1 Sep 2015 -> 1 Sep 2025
    _receive(state, calendar["5RC"], date(2024, 2, 20))
    assert _rows(date(2024, 1, 10)) == {
        "AAA": ("5RC", date(2024, 2, 25), RequestStatus.EXPECTED),
        "BBB": ("5RC", date(2024, 2, 25), RequestStatus.RECEIVED),
    }


def test_a_granted_extension_takes_the_state_off_the_list(calendar):
    state = affected("AAA", "Alpha", date(2015, 9, 10))
    request = _receive(state, calendar["22MSP"], date(2025, 2, 20))
    from extensions.models import Decision

    services.record_decision(
        Decision(
            request=request,
            decided_on=date(2025, 12, 3),
            granted=True,
            new_deadline=date(2031, 3, 1),
        )
    )
    state.refresh_from_db()
    assert state.clearance_deadline == date(2031, 3, 1)
    # After the 22nd Meeting, the 23rd is coming: Alpha's new deadline is years away.
    assert _rows(date(2025, 12, 10)) == {}


def test_the_filter_agrees_with_the_rule(calendar):
    for index, year in enumerate(range(2013, 2019)):
        for month in (3, 9):
            affected(f"Q{index}{month}", f"State {year}-{month}", date(year, month, 10))
    meetings = expected.formal_meetings()
    for today in (date(2024, 1, 1), date(2024, 12, 1), date(2025, 6, 1), date(2026, 1, 1)):
        condition = expected.must_request_q(meetings, today)
        listed = set(StateParty.objects.filter(condition).values_list("iso3", flat=True))
        by_rule = {
            state.iso3
            for state in StateParty.objects.all()
            if timeline.must_request_at(state.clearance_deadline, meetings, today)
        }
        assert listed == by_rule


def test_counts(calendar):
    affected("AAA", "Alpha", date(2015, 9, 10))
    rows = expected.expected_requests(date(2025, 4, 1))
    assert expected.counts(rows) == {"expected": 0, "received": 0, "late": 0, "missing": 1}


def test_a_request_entered_on_the_states_record_only_counts_for_the_meeting_coming_then(calendar):
    """Entered on the State's page (no process here): submitted after the Review Conference
    closed, it is the State's request for the 22nd Meeting; one submitted before is not."""
    from states_parties import services as state_services
    from states_parties.models import Article5Extension

    alpha = affected("AAA", "Alpha", date(2015, 9, 10))
    bravo = affected("BBB", "Bravo", date(2015, 9, 10))
    for state, submitted in ((alpha, date(2025, 3, 20)), (bravo, date(2024, 11, 29))):
        state_services.save_extension(
            Article5Extension(state=state, submitted_on=submitted, requested_until=date(2031, 3, 1))
        )
    rows = {row.state.iso3: row for row in expected.expected_requests(date(2025, 4, 1))}
    assert {iso3: (row.status, row.received_on) for iso3, row in rows.items()} == {
        "AAA": (RequestStatus.LATE, date(2025, 3, 20)),
        "BBB": (RequestStatus.MISSING, None),
    }
    assert rows["AAA"].recorded.state == alpha
    assert rows["AAA"].request is None
    meetings = expected.formal_meetings()
    assert expected.meeting_of_submission(meetings, date(2024, 11, 29)) == calendar["5RC"]
    assert expected.meeting_of_submission(meetings, date(2024, 11, 30)) == calendar["22MSP"]
