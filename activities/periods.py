"""Periods as documents name them: ``2025-2026`` (or one year, ``2025``).

A period's activities run from the day after the close of the formal meeting (a Meeting of the
States Parties or a Review Conference) held in the year before the period starts, up to the
document's date: the period 2025-2026 starts after the close of the Fifth Review Conference
(29 November 2024).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*$")


@dataclass(frozen=True)
class Period:
    first_year: int
    last_year: int

    def __str__(self) -> str:
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}-{self.last_year}"

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


def parse_period(text: str) -> Period:
    """``"2025-2026"`` -> Period(2025, 2026); raises ValidationError with a message for people."""
    match = _PERIOD.match(text or "")
    if not match:
        raise ValidationError(
            _("“%(value)s” is not a period; write it as 2025-2026 or 2025.") % {"value": text}
        )
    first = int(match[1])
    last = int(match[2] or match[1])
    if not (1997 <= first <= last <= first + 5):
        raise ValidationError(
            _("“%(value)s” is not a period: the years must run forward, at most five years.")
            % {"value": text}
        )
    return Period(first, last)


def validate_period(text: str) -> None:
    parse_period(text)


def normalise_period(text: str) -> str:
    return str(parse_period(text))


def activity_window(period: Period, until: date, calendar=None) -> tuple[date, date]:
    """``(after, until)``: the period's activities are dated after ``after`` and up to
    ``until`` (the document's date). Raises ValidationError if the formal meeting that opens
    the period is not recorded."""
    from committees.calendar import FormalCalendar

    calendar = calendar or FormalCalendar()
    opening = calendar.by_year.get(period.first_year - 1)
    if opening is None:
        raise ValidationError(
            _(
                "The period %(period)s starts at the close of the Meeting or Review Conference "
                "held in %(year)s; record that meeting first."
            )
            % {"period": period, "year": period.first_year - 1}
        )
    if until <= opening.end_date:
        raise ValidationError(
            _(
                "The document's date must come after the close of %(meeting)s "
                "(%(closed)s), where the period %(period)s starts."
            )
            % {"meeting": opening, "closed": opening.end_date.isoformat(), "period": period}
        )
    return opening.end_date, until
