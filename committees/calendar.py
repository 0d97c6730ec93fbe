"""The formal calendar: the sequence of formal meetings (Meetings of the States Parties and
Review Conferences), from which committee years, terms, offices and the presidency are read.

A *committee year* ``Y`` runs from the day after the formal meeting held in ``Y - 1`` closes to
the close of the formal meeting held in ``Y``. The President of a formal meeting presides from
the close of the previous one to the close of their own.
"""

from __future__ import annotations

from datetime import date, timedelta

from .models import Meeting


def _a_year_later(day: date) -> date:
    """The same weekday 52 weeks later, moved a week on if that falls earlier in the year's
    calendar (meetings keep their weekday: Monday to Friday)."""
    later = day + timedelta(weeks=52)
    return later if later.year > day.year else later + timedelta(weeks=1)


class FormalCalendar:
    """The sequence of formal meetings, loaded once, answering the date questions terms,
    offices and the presidency ask. Build it per request; it runs one query."""

    def __init__(self, meetings: list[Meeting] | None = None) -> None:
        if meetings is None:
            meetings = list(
                Meeting.objects.formal().select_related("president_state").order_by("end_date")
            )
        self.meetings = sorted(meetings, key=lambda meeting: meeting.end_date)
        self.position = {meeting.pk: index for index, meeting in enumerate(self.meetings)}
        self.by_year = {meeting.end_date.year: meeting for meeting in self.meetings}

    def next_to_record(self) -> Meeting:
        """The formal meeting that follows the last one recorded, unsaved, as it most likely
        will be: the next Meeting of the States Parties, a year later, as long and where the
        last one was (staff correct what differs before saving it)."""
        last = self.meetings[-1]
        numbers = [m.number for m in self.meetings if m.kind == Meeting.Kind.MSP and m.number]
        start = _a_year_later(last.start_date)
        return Meeting(
            kind=Meeting.Kind.MSP,
            number=max(numbers, default=0) + 1,
            start_date=start,
            end_date=start + (last.end_date - last.start_date),
            venue=last.venue,
        )

    def later(self, meeting: Meeting, steps: int) -> Meeting | None:
        index = self.position.get(meeting.pk)
        if index is None or index + steps >= len(self.meetings):
            return None
        return self.meetings[index + steps]

    def closing_on_or_after(self, on: date) -> Meeting | None:
        """The formal meeting whose close ends the period that contains ``on``."""
        for meeting in self.meetings:
            if meeting.end_date >= on:
                return meeting
        return None

    def previous(self, meeting: Meeting) -> Meeting | None:
        index = self.position.get(meeting.pk)
        return self.meetings[index - 1] if index else None

    def committee_year(self, on: date) -> int | None:
        meeting = self.closing_on_or_after(on)
        return meeting.end_date.year if meeting else None

    def year_bounds(self, year: int) -> tuple[date, date] | None:
        """(last day before the year starts, its last day): the year is (first, last]."""
        meeting = self.by_year.get(year)
        before = self.previous(meeting) if meeting else None
        if meeting is None or before is None:
            return None
        return before.end_date, meeting.end_date

    def presidency_on(self, on: date) -> Meeting | None:
        """The President of a meeting presides from the close of the previous formal meeting
        to the close of their own."""
        meeting = self.closing_on_or_after(on)
        if meeting is None:
            return None
        before = self.previous(meeting)
        if before is not None:
            return meeting if before.end_date < on else None
        # The first recorded meeting: its President certainly presided while it sat.
        return meeting if meeting.start_date <= on else None


def president_on(on: date) -> Meeting | None:
    """The formal meeting whose President presided on ``on`` (``None`` if not recorded)."""
    return FormalCalendar().presidency_on(on)
