"""The requests expected at the coming Meeting: every State that must request (by
``timeline.must_request_at``, from its current Article 5 deadline as the State's record keeps
it) and every State that did, each with its expected date and status. A fixed number of
queries, whatever the number of States."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q

from committees.models import Meeting
from states_parties.models import StateParty
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

    @property
    def deadline(self) -> date | None:
        return self.state.clearance_deadline


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
    states = list(
        affected_states(today)
        .filter(condition)
        .exclude(pk__in=list(requests))
        .order_by(name_order(), "pk")
    )
    due = timeline.expected_by(coming.start_date, months_before())
    rows = [
        Expected(state, coming, due, None, timeline.request_status(due, None, today))
        for state in states
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


def counts(rows: list[Expected]) -> dict[str, int]:
    found = Counter(row.status.value for row in rows)
    return {status.value: found.get(status.value, 0) for status in RequestStatus}
