"""Reminders falling due now, for the worker tests and the reminders benchmark."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from correspondence import planning
from correspondence.models import Anchor, Letter, LetterRecipient, ReminderRule
from states_parties.models import Contact, StateParty

KINDS = [Contact.Kind.PERMANENT_MISSION, Contact.Kind.ARTICLE7, Contact.Kind.NATIONAL]


def reminders_due_now(states: list[StateParty], per_state: int = 3) -> ReminderRule:
    """``per_state`` contacts of each State owe a reply to a letter due today; a rule that has
    existed for an hour reminds them a minute ago: one planned row per contact, due now."""
    moment = timezone.localtime() - timedelta(minutes=1)
    Contact.objects.bulk_create(
        (
            Contact(
                state=state,
                kind=KINDS[index % len(KINDS)],
                name=f"Contact {index} of {state.iso3}",
                email=f"c{index}@{state.iso3.lower()}.example",
            )
            for state in states
            for index in range(per_state)
        ),
        batch_size=5000,
    )
    letter = Letter.objects.create(
        title="Article 9 measures",
        addressees=Letter.Addressees.HAND_PICKED,
        subject_en="Article 9",
        body_en="Please reply.",
        reply_due=moment.date(),
        status=Letter.Status.SENT,
        sent_at=moment - timedelta(days=30),
    )
    LetterRecipient.objects.bulk_create(
        (LetterRecipient(letter=letter, state=state) for state in states), batch_size=5000
    )
    rule = ReminderRule.objects.create(
        name="Reply due",
        anchor=Anchor.LETTER_REPLY,
        letter=letter,
        offsets=[0],
        send_time=moment.time().replace(microsecond=0),
        effective_from=(moment - timedelta(hours=1)).date(),
        subject_en="Reply awaited from {{ state }}",
        body_en="Dear {{ contact_name }}, {{ letter_reference }} awaits your reply.",
    )
    ReminderRule.objects.filter(pk=rule.pk).update(created_at=moment - timedelta(hours=1))
    rule.refresh_from_db()
    planning.reconcile(rule)
    return rule
