"""Letters, their recipients and replies, reminder rules and the outbox."""

from datetime import date, datetime, time, timedelta

import factory
from django.utils import timezone

from correspondence.models import (
    Anchor,
    Letter,
    LetterRecipient,
    MessageStatus,
    OutgoingMessage,
    ReminderRule,
    Reply,
)

from .accounts import UserFactory
from .states import ContactFactory, StatePartyFactory


class LetterFactory(factory.django.DjangoModelFactory):
    """A draft of the ISU to States picked by hand, in English."""

    class Meta:
        model = Letter

    title = factory.Sequence(lambda n: f"Letter {n}")
    addressees = Letter.Addressees.HAND_PICKED
    subject_en = "Article 7 report of {{ state }}"
    body_en = "Dear {{ contact_name }},\n\nThe report is due.\n"
    status = Letter.Status.DRAFT
    created_by = factory.SubFactory(UserFactory, role="isu_staff")


class SentLetterFactory(LetterFactory):
    status = Letter.Status.SENT
    approved_by = factory.SelfAttribute("created_by")
    approved_at = factory.LazyFunction(timezone.now)
    sent_by = factory.SelfAttribute("created_by")
    sent_at = factory.LazyFunction(timezone.now)


class LetterRecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LetterRecipient

    letter = factory.SubFactory(SentLetterFactory)
    state = factory.SubFactory(StatePartyFactory)


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    recipient = factory.SubFactory(LetterRecipientFactory)
    received_on = factory.LazyFunction(timezone.localdate)
    summary = factory.Sequence(lambda n: f"Reply {n}: the report will follow.")
    recorded_by = factory.SubFactory(UserFactory, role="isu_staff")


class ReminderRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderRule

    name = factory.Sequence(lambda n: f"Reminder {n}")
    anchor = Anchor.ARTICLE7_ANNUAL
    offsets = factory.LazyFunction(lambda: [-30, -7])
    subject_en = "Article 7 report of {{ state }} due {{ deadline }}"
    body_en = "Dear {{ contact_name }},\n\nThe report is due on {{ deadline }}.\n"
    effective_from = date(2020, 1, 1)


class OutgoingMessageFactory(factory.django.DjangoModelFactory):
    """A planned reminder to a State's contact; ``LetterMessageFactory`` for a letter's copy."""

    class Meta:
        model = OutgoingMessage

    kind = "reminder"
    rule = factory.SubFactory(ReminderRuleFactory)
    state = factory.SubFactory(StatePartyFactory)
    contact = factory.SubFactory(ContactFactory, state=factory.SelfAttribute("..state"))
    period = "2025"
    offset_days = -30
    anchor_date = date(2026, 4, 30)
    send_at = factory.LazyAttribute(
        lambda message: timezone.now() if message.anchor_date is None else _at_nine(message)
    )
    next_attempt_at = factory.SelfAttribute("send_at")
    status = MessageStatus.PLANNED
    to_address = factory.SelfAttribute("contact.email")
    language = "en"
    subject = "Article 7 report due"
    body = "The report is due."


def _at_nine(message):
    day = message.anchor_date + timedelta(days=message.offset_days or 0)
    return timezone.make_aware(datetime.combine(day, time(9)))


class LetterMessageFactory(OutgoingMessageFactory):
    kind = "letter"
    rule = None
    letter = factory.SubFactory(SentLetterFactory)
    period = ""
    offset_days = None
    anchor_date = None
