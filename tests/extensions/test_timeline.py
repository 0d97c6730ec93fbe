"""Who must request an extension at which Meeting, by when, and what is late: the real calendar
(the 21st Meeting, the Fifth Review Conference, the 22nd and 23rd Meetings) and properties."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extensions import timeline
from extensions.timeline import RequestStatus, StageKind
from tests.utils import examples


@dataclass(frozen=True)
class M:
    name: str
    start_date: date
    end_date: date


MSP21 = M("21MSP", date(2023, 11, 20), date(2023, 11, 24))
RC5 = M("5RC", date(2024, 11, 25), date(2024, 11, 29))
MSP22 = M("22MSP", date(2025, 12, 1), date(2025, 12, 5))
MSP23 = M("23MSP", date(2026, 11, 30), date(2026, 12, 4))
CALENDAR = [MSP22, MSP21, MSP23, RC5]  # in any order


@pytest.mark.parametrize(
    ("today", "deadline", "meeting"),
    [
        # Before the Review Conference: a deadline before the 22nd Meeting opens is decided
        # by the Review Conference; one after it is not due yet.
        (date(2024, 1, 15), date(2025, 3, 1), RC5),
        (date(2024, 1, 15), date(2025, 12, 1), None),
        (date(2024, 1, 15), date(2025, 11, 30), RC5),
        # During the Review Conference it is still the coming one.
        (date(2024, 11, 27), date(2025, 6, 1), RC5),
        # After it closes, the 22nd Meeting decides what falls before the 23rd.
        (date(2024, 11, 30), date(2025, 6, 1), MSP22),
        (date(2025, 2, 1), date(2026, 11, 29), MSP22),
        (date(2025, 2, 1), date(2026, 11, 30), None),
        # A deadline already passed without an extension: the coming Meeting.
        (date(2025, 2, 1), date(2020, 3, 1), MSP22),
        # After the 23rd Meeting nothing is recorded: the one after is taken a year later.
        (date(2026, 1, 10), date(2027, 11, 29), MSP23),
        (date(2026, 1, 10), date(2027, 12, 1), None),
        # Nothing recorded ahead: no Meeting to request at.
        (date(2027, 1, 10), date(2027, 3, 1), None),
    ],
)
def test_which_meeting_decides(today, deadline, meeting):
    assert timeline.must_request_at(deadline, CALENDAR, today) == meeting


def test_no_deadline_no_request():
    assert timeline.must_request_at(None, CALENDAR, date(2025, 1, 1)) is None


@pytest.mark.parametrize(
    ("meeting", "months", "expected"),
    [
        (RC5, 9, date(2024, 2, 25)),  # a Review Conference year
        (MSP22, 9, date(2025, 3, 1)),
        (MSP23, 9, date(2026, 2, 28)),  # no 30 February: the month's last day
        (MSP22, 8, date(2025, 4, 1)),
    ],
)
def test_expected_submission_dates(meeting, months, expected):
    assert timeline.expected_by(meeting.start_date, months) == expected


@pytest.mark.parametrize(
    ("received", "today", "status"),
    [
        (date(2025, 3, 1), date(2025, 6, 1), RequestStatus.RECEIVED),
        (date(2025, 3, 2), date(2025, 6, 1), RequestStatus.LATE),
        (None, date(2025, 3, 1), RequestStatus.EXPECTED),
        (None, date(2025, 3, 2), RequestStatus.MISSING),
    ],
)
def test_request_status(received, today, status):
    assert timeline.request_status(date(2025, 3, 1), received, today) == status


def test_stage_due_dates_on_the_22nd_meetings_timeline():
    due = timeline.stage_due_dates(MSP22.start_date, 9, date(2025, 6, 17))
    assert due == {
        StageKind.RECEIVED: date(2025, 3, 1),
        StageKind.QUESTIONS_SENT: date(2025, 5, 1),
        StageKind.REVISED_RECEIVED: date(2025, 6, 1),
        StageKind.PRELIMINARY_OBSERVATIONS: date(2025, 6, 17),
        StageKind.ANALYSIS_APPROVED: date(2025, 10, 1),
        StageKind.PRESENTED_AT_MEETING: date(2025, 12, 1),
    }
    # Without recorded Intersessional Meetings: five months before the Meeting.
    due = timeline.stage_due_dates(MSP22.start_date, 9)
    assert due[StageKind.PRELIMINARY_OBSERVATIONS] == date(2025, 7, 1)


def test_late_stages():
    assert timeline.is_late(date(2025, 3, 1), None, date(2025, 3, 2))
    assert not timeline.is_late(date(2025, 3, 1), None, date(2025, 3, 1))
    assert timeline.is_late(date(2025, 3, 1), date(2025, 3, 5), date(2025, 3, 2))
    assert not timeline.is_late(date(2025, 3, 1), date(2025, 2, 5), date(2026, 1, 1))


# --- properties --------------------------------------------------------------------------------

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@st.composite
def calendars(draw):
    """Formal meetings, one a year at most, each four days long, in random years."""
    years = draw(st.lists(st.integers(2000, 2090), min_size=1, max_size=8, unique=True))
    meetings = []
    for year in years:
        opens = date(year, draw(st.integers(9, 12)), draw(st.integers(1, 28)))
        meetings.append(M(str(year), opens, opens + timedelta(days=4)))
    return meetings


@settings(max_examples=examples(400))
@given(calendars(), days, days)
def test_the_coming_meeting_decides_before_the_deadline_or_never(meetings, today, deadline):
    meeting = timeline.must_request_at(deadline, meetings, today)
    coming = timeline.coming_meeting(meetings, today)
    if meeting is None:
        # Not due yet: the Meeting after next still opens in time; or nothing is coming.
        assert coming is None or deadline >= timeline.next_opening_after(meetings, coming)
    else:
        assert meeting == coming
        assert meeting.end_date >= today
        # The Meeting after next would open after the deadline.
        assert deadline < timeline.next_opening_after(meetings, meeting)


@settings(max_examples=examples(400))
@given(calendars(), days, days, st.integers(1, 12))
def test_expected_before_the_meeting_and_stages_in_order(meetings, today, deadline, months):
    meeting = timeline.must_request_at(deadline, meetings, today)
    if meeting is None:
        return
    due = timeline.stage_due_dates(meeting.start_date, months)
    assert due[StageKind.RECEIVED] == timeline.expected_by(meeting.start_date, months)
    assert due[StageKind.RECEIVED] < meeting.start_date
    ordered = [due[kind] for kind in StageKind]
    assert all(day <= meeting.start_date for day in ordered)
    assert ordered[-1] == meeting.start_date


@settings(max_examples=examples(400))
@given(days, st.one_of(st.none(), days), days)
def test_a_status_for_every_case(due, received, today):
    status = timeline.request_status(due, received, today)
    if received is None:
        assert status == (RequestStatus.MISSING if today > due else RequestStatus.EXPECTED)
    else:
        assert status == (RequestStatus.LATE if received > due else RequestStatus.RECEIVED)
