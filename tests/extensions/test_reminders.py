"""Reminders of the extension process through correspondence's rules and outbox: the request
expected for the Meeting that decides it, and what a decision asks of the State."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from correspondence import planning
from correspondence import services as correspondence_services
from correspondence.models import Anchor, OutgoingMessage, ReminderRule
from extensions import services
from extensions.models import Decision, DecisionRequirement, ExtensionRequest, RequestVersion
from tests.factories import ContactFactory

from .conftest import affected

pytestmark = pytest.mark.django_db


def _rule(anchor, offsets):
    rule = ReminderRule(
        name=f"Rule {anchor}",
        anchor=anchor,
        offsets=offsets,
        subject_en="Reminder for {{ state }}",
        body_en="Dear {{ contact_name }}, by {{ deadline }}.",
        effective_from=date(2024, 1, 1),
    )
    rule.full_clean()
    correspondence_services.save_rule(rule)
    planning.reconcile(rule)
    return rule


def _rows(rule):
    return sorted(
        OutgoingMessage.objects.filter(rule=rule).values_list("period", "anchor_date", "status")
    )


@pytest.fixture(autouse=True)
def autumn_2024():
    with time_machine.travel(datetime(2024, 10, 1, 9, tzinfo=UTC), tick=True):
        yield


def test_expected_requests_are_reminded_until_they_arrive(calendar):
    state = affected("KHM", "Cambodia", date(2015, 9, 10))  # deadline 1 Mar 2026: 22MSP
    ContactFactory(state=state)
    rule = _rule(Anchor.ARTICLE5_EXTENSION_REQUEST, [-30, 0])
    meeting = calendar["22MSP"]
    assert _rows(rule) == [
        (f"extension-request-{meeting.pk}", date(2025, 3, 1), "planned"),
        (f"extension-request-{meeting.pk}", date(2025, 3, 1), "planned"),
    ]
    services.receive_request(
        ExtensionRequest(
            state=state,
            meeting=meeting,
            received_on=date(2024, 10, 1),
            requested_until=date(2030, 12, 31),
        ),
        RequestVersion(received_on=date(2024, 10, 1)),
    )
    assert {status for _p, _d, status in _rows(rule)} == {"skipped"}


def test_what_a_decision_asks_is_reminded_until_received(calendar):
    state = affected("AGO", "Angola", date(2014, 6, 10))  # deadline 1 Dec 2024: the RC
    ContactFactory(state=state)
    rule = _rule(Anchor.EXTENSION_DECISION_REQUEST, [-14])
    request = services.receive_request(
        ExtensionRequest(
            state=state,
            meeting=calendar["5RC"],
            received_on=date(2024, 2, 20),
            requested_until=date(2028, 12, 31),
        ),
        RequestVersion(received_on=date(2024, 2, 20)),
    )
    with time_machine.travel(datetime(2024, 11, 28, 9, tzinfo=UTC), tick=True):
        decision = services.record_decision(
            Decision(
                request=request,
                decided_on=date(2024, 11, 28),
                granted=True,
                new_deadline=date(2028, 12, 31),
            ),
            [DecisionRequirement(text="An updated work plan", due_on=date(2025, 4, 30))],
        )
    requirement = decision.requirements.get()
    assert _rows(rule) == [
        (f"extension-requirement-{requirement.pk}", date(2025, 4, 30), "planned")
    ]
    requirement.met_on = date(2025, 4, 2)
    services.save_requirement(requirement)
    assert _rows(rule) == [
        (f"extension-requirement-{requirement.pk}", date(2025, 4, 30), "skipped")
    ]


def test_a_request_entered_on_the_states_record_only_stops_the_reminders_too(calendar):
    from states_parties import services as state_services
    from states_parties.models import Article5Extension

    state = affected("KHM", "Cambodia", date(2015, 9, 10))  # deadline 1 Mar 2026: 22MSP
    ContactFactory(state=state)
    rule = _rule(Anchor.ARTICLE5_EXTENSION_REQUEST, [0])
    assert {status for _p, _d, status in _rows(rule)} == {"planned"}
    # Submitted while the Review Conference was coming, it was a request for the Conference.
    state_services.save_extension(
        Article5Extension(
            state=state, submitted_on=date(2024, 10, 1), requested_until=date(2030, 12, 31)
        )
    )
    assert {status for _p, _d, status in _rows(rule)} == {"planned"}
    with time_machine.travel(datetime(2024, 12, 10, 9, tzinfo=UTC), tick=True):
        state_services.save_extension(
            Article5Extension(
                state=state, submitted_on=date(2024, 12, 10), requested_until=date(2030, 12, 31)
            )
        )
    assert {status for _p, _d, status in _rows(rule)} == {"skipped"}
