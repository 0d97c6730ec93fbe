"""Who must request an Article 5 extension at which Meeting, and by when *(practice)*.

Pure functions of dates and of the formal calendar (Meetings of the States Parties and Review
Conferences, given as anything with ``start_date`` and ``end_date``), so that they are tested
exhaustively. The State's current Article 5 deadline is not computed here: it is the one
``states_parties.rules.current_clearance_deadline`` keeps on the State
(``StateParty.clearance_deadline``).

- The Meeting that decides a request is the *coming* formal meeting (the first not yet closed).
  A State must request at it when its current deadline falls before the Meeting after next:
  the Meeting after next would decide too late. When the Meeting after next is not recorded
  yet, it is taken to open a year after the coming one (the States Parties meet every year; a
  Review Conference takes the place of that year's Meeting).
- The request is expected ``months_before`` months before the deciding Meeting opens (the
  States Parties' practice: about nine months, "by 31 March"; the setting
  ``EXTENSION_REQUEST_MONTHS_BEFORE``).
- A request received after that day is late; none received by then is missing.
- Each stage of the analysis has its due date on the Meeting's timeline (``stage_due_dates``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Protocol

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _


class Dated(Protocol):
    @property
    def start_date(self) -> date: ...

    @property
    def end_date(self) -> date: ...


def coming_meeting[M: Dated](meetings: Sequence[M], today: date) -> M | None:
    """The first formal meeting not yet closed on ``today`` (in session counts as coming)."""
    for meeting in sorted(meetings, key=lambda m: m.start_date):
        if meeting.end_date >= today:
            return meeting
    return None


def meeting_after[M: Dated](meetings: Sequence[M], meeting: M) -> M | None:
    later = [m for m in meetings if m.start_date > meeting.start_date]
    return min(later, key=lambda m: m.start_date) if later else None


def next_opening_after[M: Dated](meetings: Sequence[M], meeting: M) -> date:
    """When the formal meeting after ``meeting`` opens: as recorded, or a year later."""
    following = meeting_after(meetings, meeting)
    return following.start_date if following else meeting.start_date + relativedelta(years=1)


def must_request_at[M: Dated](
    deadline: date | None, meetings: Sequence[M], today: date
) -> M | None:
    """The Meeting (or Review Conference) at which a State whose current Article 5 deadline is
    ``deadline`` must request an extension, as seen on ``today``: the coming one, when the
    deadline falls before the Meeting after next opens; ``None`` otherwise."""
    if deadline is None:
        return None
    coming = coming_meeting(meetings, today)
    if coming is None:
        return None
    return coming if deadline < next_opening_after(meetings, coming) else None


def deciding_meeting[M: Dated](
    deadline: date | None, meetings: Sequence[M], today: date
) -> M | None:
    """The Meeting that will decide the State's request, as far as the calendar tells on
    ``today``: the last one opening before the deadline (the next would be too late), or the
    coming one when that is already past; ``None`` while the deadline is beyond the calendar
    (later than a year after the last Meeting recorded) or nothing is coming. When it is the
    coming Meeting, it is ``must_request_at``'s."""
    coming = coming_meeting(meetings, today)
    if deadline is None or coming is None:
        return None
    ordered = sorted(meetings, key=lambda m: m.start_date)
    before = [m for m in ordered if m.start_date < deadline and m.end_date >= today]
    if not before:
        return coming
    last = before[-1]
    if deadline >= next_opening_after(meetings, last):
        return None  # beyond the calendar
    return last


def expected_by(meeting_opens: date, months_before: int) -> date:
    """The day a request for the Meeting opening on ``meeting_opens`` is expected."""
    return meeting_opens - relativedelta(months=months_before)


class RequestStatus(StrEnum):
    EXPECTED = "expected"
    RECEIVED = "received"
    LATE = "late"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return str(REQUEST_STATUS_LABELS[self])


REQUEST_STATUS_LABELS = {
    RequestStatus.EXPECTED: _("Expected"),
    RequestStatus.RECEIVED: _("Received"),
    RequestStatus.LATE: _("Received late"),
    RequestStatus.MISSING: _("Missing"),
}


def request_status(due: date, received_on: date | None, today: date) -> RequestStatus:
    """Received (on time or late) or, while none has arrived, expected or missing."""
    if received_on is not None:
        return RequestStatus.LATE if received_on > due else RequestStatus.RECEIVED
    return RequestStatus.MISSING if today > due else RequestStatus.EXPECTED


class StageKind(StrEnum):
    """The steps of a request's analysis, in order."""

    RECEIVED = "received"
    QUESTIONS_SENT = "questions_sent"
    REVISED_RECEIVED = "revised_received"
    PRELIMINARY_OBSERVATIONS = "preliminary_observations"
    ANALYSIS_APPROVED = "analysis_approved"
    PRESENTED_AT_MEETING = "presented_at_meeting"

    @property
    def label(self) -> str:
        return str(STAGE_LABELS[self])


STAGE_LABELS = {
    StageKind.RECEIVED: _("Request received"),
    StageKind.QUESTIONS_SENT: _("Questions sent to the State"),
    StageKind.REVISED_RECEIVED: _("Revised request received"),
    StageKind.PRELIMINARY_OBSERVATIONS: _(
        "Preliminary observations presented at the Intersessional Meetings"
    ),
    StageKind.ANALYSIS_APPROVED: _("Analysis and draft decision approved by the Committee"),
    StageKind.PRESENTED_AT_MEETING: _("Analysis presented at the Meeting"),
}

#: *(practice)* Months before the deciding Meeting opens by which each stage is due, after the
#: request itself: questions about two months after it arrives, a revised request before the
#: Intersessional Meetings, the analysis two months ahead so that it is translated in time.
STAGE_MONTHS_BEFORE = {
    StageKind.QUESTIONS_SENT: 7,
    StageKind.REVISED_RECEIVED: 6,
    StageKind.ANALYSIS_APPROVED: 2,
}


def stage_due_dates(
    meeting_opens: date, months_before: int, intersessional_opens: date | None = None
) -> dict[StageKind, date]:
    """Every stage's due date on the timeline of the Meeting opening on ``meeting_opens``.

    Preliminary observations are due when the Intersessional Meetings of that year open (as
    recorded; otherwise five months before the Meeting); the presentation when the Meeting
    opens."""
    due = {StageKind.RECEIVED: expected_by(meeting_opens, months_before)}
    for kind, months in STAGE_MONTHS_BEFORE.items():
        due[kind] = max(meeting_opens - relativedelta(months=months), due[StageKind.RECEIVED])
    intersessional = intersessional_opens
    if intersessional is None or not (due[StageKind.RECEIVED] <= intersessional < meeting_opens):
        intersessional = meeting_opens - relativedelta(months=5)
    due[StageKind.PRELIMINARY_OBSERVATIONS] = max(intersessional, due[StageKind.RECEIVED])
    due[StageKind.PRESENTED_AT_MEETING] = meeting_opens
    return {kind: due[kind] for kind in StageKind}


def is_late(due: date, done_on: date | None, today: date) -> bool:
    """A stage is late when done after its due date, or not done and the date has passed."""
    return done_on > due if done_on is not None else today > due
