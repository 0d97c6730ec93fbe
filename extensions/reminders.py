"""The extension process's dates as reminder anchors of correspondence (its rules and outbox):

- ``article5_extension_request``: the day a State's request is expected for the Meeting that
  will decide it (``timeline.deciding_meeting``, ``EXTENSION_REQUEST_MONTHS_BEFORE``); met
  when the request for that Meeting is recorded (here, or on the State's record only while
  that Meeting was the coming one, as on the list of requests expected) or the State
  declared completion. The
  States Parties' calendar decides, as on the list of requests expected.
- ``extension_decision_request``: the day by which a decision asks something of the State;
  met when staff record it received.

Registered with ``correspondence.planning.register_anchor`` from ``ready()``."""

from __future__ import annotations

from datetime import date

from correspondence.models import Anchor, ReminderRule
from correspondence.planning import Occurrence
from states_parties.models import Article5Extension

from . import expected, timeline
from .models import DecisionRequirement, ExtensionRequest


def request_occurrences(
    rule: ReminderRule, state_ids: set[int] | None, today: date
) -> list[Occurrence]:
    meetings = expected.formal_meetings()
    states = expected.affected_states(today).filter(clearance_deadline__isnull=False)
    requests = ExtensionRequest.objects.all()
    if state_ids is not None:
        states = states.filter(pk__in=state_ids)
        requests = requests.filter(state_id__in=state_ids)
    received = set(requests.values_list("state_id", "meeting_id"))
    # Requests the States' records show, entered there only: for the Meeting coming then.
    entered = Article5Extension.objects.filter(process__isnull=True)
    if state_ids is not None:
        entered = entered.filter(state_id__in=state_ids)
    for state_id, submitted_on in entered.values_list("state_id", "submitted_on"):
        meeting = expected.meeting_of_submission(meetings, submitted_on)
        if meeting is not None:
            received.add((state_id, meeting.pk))
    months = expected.months_before()
    found = []
    for state_id, deadline in states.values_list("pk", "clearance_deadline"):
        meeting = timeline.deciding_meeting(deadline, meetings, today)
        if meeting is None:
            continue
        found.append(
            Occurrence(
                state_id,
                f"extension-request-{meeting.pk}",
                timeline.expected_by(meeting.start_date, months),
                (state_id, meeting.pk) in received,
            )
        )
    return found


def requirement_occurrences(
    rule: ReminderRule, state_ids: set[int] | None, today: date
) -> list[Occurrence]:
    requirements = DecisionRequirement.objects.all()
    if state_ids is not None:
        requirements = requirements.filter(decision__request__state_id__in=state_ids)
    return [
        Occurrence(state_id, f"extension-requirement-{pk}", due, met is not None)
        for pk, state_id, due, met in requirements.values_list(
            "pk", "decision__request__state_id", "due_on", "met_on"
        )
    ]


def register() -> None:
    from correspondence.planning import register_anchor

    register_anchor(Anchor.ARTICLE5_EXTENSION_REQUEST, request_occurrences)
    register_anchor(Anchor.EXTENSION_DECISION_REQUEST, requirement_occurrences)


def follow_requirements(sender, states, **kwargs) -> None:
    from correspondence.planning import replan_states

    replan_states([state.pk for state in states], anchors=[Anchor.EXTENSION_DECISION_REQUEST])
