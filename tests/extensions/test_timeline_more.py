"""The Meeting that will decide a request, ahead of time (for reminders)."""

from datetime import date

import pytest
from hypothesis import given, settings

from extensions import timeline
from tests.utils import examples

from .test_timeline import CALENDAR, MSP22, MSP23, RC5, calendars, days


@pytest.mark.parametrize(
    ("today", "deadline", "meeting"),
    [
        (date(2024, 1, 15), date(2026, 3, 1), MSP22),  # known a year and a half ahead
        (date(2024, 1, 15), date(2025, 3, 1), RC5),
        (date(2024, 1, 15), date(2026, 12, 1), MSP23),
        (date(2024, 1, 15), date(2027, 12, 1), None),  # beyond the calendar
        (date(2025, 12, 10), date(2020, 1, 1), MSP23),  # long passed: the coming one
        (date(2027, 1, 10), date(2027, 3, 1), None),  # nothing coming
    ],
)
def test_deciding_meeting(today, deadline, meeting):
    assert timeline.deciding_meeting(deadline, CALENDAR, today) == meeting


@settings(max_examples=examples(400))
@given(calendars(), days, days)
def test_the_deciding_meeting_is_the_coming_one_exactly_when_a_request_is_due(
    meetings, today, deadline
):
    coming = timeline.coming_meeting(meetings, today)
    deciding = timeline.deciding_meeting(deadline, meetings, today)
    must = timeline.must_request_at(deadline, meetings, today)
    assert (deciding is not None and deciding == coming) == (must is not None)
    if deciding is not None:
        assert deciding.end_date >= today
        # No later Meeting opens before the deadline.
        later = timeline.meeting_after(meetings, deciding)
        assert later is None or later.start_date >= deadline or deciding == coming
