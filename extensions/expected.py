"""The requests expected at the coming Meeting: every State that must request (by
``timeline.must_request_at``, from its current Article 5 deadline as the State's record keeps
it) and every State that did, each with its expected date and status. A fixed number of
queries, whatever the number of States.

A State has requested when this app recorded its request for the Meeting, or when the State's
record shows a request entered there only (``Article5Extension`` with no process here, from
the State's page or an import of States) submitted while that Meeting was the coming one
(``timeline.coming_meeting`` on the day it was submitted)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q

from committees.models import Meeting
from states_parties.models import Article5Extension, StateParty
from states_parties.names import name_order

from . import timeline
from .models import ExtensionRequest
from .timeline import RequestStatus


@dataclass(frozen=True)
class Expected:
    state: StateParty
    meeting: Meeting
    due: date
    request: ExtensionRequest | None
    status: RequestStatus
    #: A request the State's record shows, entered there only (no ``request`` then).
    recorded: Article5Extension | None = None

    @property
    def deadline(self) -> date | None:
        return self.state.clearance_deadline

    @property
    def received_on(self) -> date | None:
        if self.request is not None:
            return self.request.received_on
        return self.recorded.submitted_on if self.recorded is not None else None


def formal_meetings() -> list[Meeting]:
    return list(Meeting.objects.formal().order_by("start_date", "pk"))


def months_before() -> int:
    return settings.EXTENSION_REQUEST_MONTHS_BEFORE


def must_request_q(meetings: list[Meeting], today: date) -> Q | None:
    """``timeline.must_request_at`` as a filter on the stored current deadline: the States that
    must request at the coming Meeting (``None``: no coming Meeting is recorded)."""
    coming = timeline.coming_meeting(meetings, today)
    if coming is None:
        return None
    return Q(clearance_deadline__lt=timeline.next_opening_after(meetings, coming))


def affected_states(today: date):
    """States bound on ``today`` that are still clearing mined areas (Article 5 open)."""
    return StateParty.objects.bound_on(today).filter(
        has_mined_areas=True, clearance_completed_on__isnull=True
    )


def expected_requests(today: date, meetings: list[Meeting] | None = None) -> list[Expected]:
    """Who must request at the coming Meeting, and who did, alphabetically."""
    meetings = formal_meetings() if meetings is None else meetings
    coming = timeline.coming_meeting(meetings, today)
    condition = must_request_q(meetings, today)
    if coming is None or condition is None:
        return []
    requests = {
        request.state_id: request
        for request in ExtensionRequest.objects.for_meeting(coming).select_related("state")
    }
    recorded = recorded_only(meetings, coming, exclude=list(requests))
    states = list(
        affected_states(today)
        .filter(condition)
        .exclude(pk__in=[*requests, *recorded])
        .order_by(name_order(), "pk")
    )
    due = timeline.expected_by(coming.start_date, months_before())
    rows = [
        Expected(state, coming, due, None, timeline.request_status(due, None, today))
        for state in states
    ]
    rows += [
        Expected(
            record.state,
            coming,
            due,
            None,
            timeline.request_status(due, record.submitted_on, today),
            record,
        )
        for record in recorded.values()
    ]
    rows += [
        Expected(
            request.state,
            coming,
            due,
            request,
            timeline.request_status(due, request.received_on, today),
        )
        for request in requests.values()
    ]
    return sorted(rows, key=lambda row: (row.state.display_name.casefold(), row.state.pk))


def recorded_only(
    meetings: list[Meeting], coming: Meeting, exclude: list[int]
) -> dict[int, Article5Extension]:
    """By State (but those of ``exclude``), the first request its record shows for ``coming``
    that was entered there only: submitted after the formal meeting before it closed."""
    previous = [meeting for meeting in meetings if meeting.end_date < coming.start_date]
    records = Article5Extension.objects.filter(
        process__isnull=True, submitted_on__lte=coming.end_date
    ).exclude(state_id__in=exclude)
    if previous:
        records = records.filter(submitted_on__gt=max(m.end_date for m in previous))
    found: dict[int, Article5Extension] = {}
    for record in records.select_related("state").order_by("submitted_on", "pk"):
        found.setdefault(record.state_id, record)
    return found


def meeting_of_submission(meetings: list[Meeting], submitted_on: date) -> Meeting | None:
    """The formal meeting a request submitted on ``submitted_on`` is for: the coming one."""
    return timeline.coming_meeting(meetings, submitted_on)


def counts(rows: list[Expected]) -> dict[str, int]:
    found = Counter(row.status.value for row in rows)
    return {status.value: found.get(status.value, 0) for status in RequestStatus}
