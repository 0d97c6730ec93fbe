"""Letters to States Parties, their replies, reminder rules, and every outgoing e-mail.

An ``OutgoingMessage`` is one e-mail to one contact: a letter's copy for that contact, or one
reminder a rule planned (one row per rule, State, contact, anchor period and offset, which a
unique constraint enforces). The outbox and the "upcoming sends" page are views of that one
table; ``delivery`` moves its rows from planned to sent. Only ``services``, ``planning`` and
``delivery`` write.

The models live by concept (``texts``, ``letters``, ``reminders``, ``outbox``); this package
names them all, so that ``from correspondence.models import Letter`` and the migrations'
references hold.
"""

from .letters import (
    Letter,
    LetterQuerySet,
    LetterRecipient,
    LetterRecipientQuerySet,
    Reply,
    ReplyQuerySet,
    reply_upload_to,
)
from .outbox import REPLANNABLE, MessageStatus, OutgoingMessage, OutgoingMessageQuerySet
from .reminders import Anchor, ReminderRule, validate_offsets
from .texts import FALLBACK_ORDER, LANGUAGES, MultilingualText, contacts_of_kinds

__all__ = [
    "FALLBACK_ORDER",
    "LANGUAGES",
    "REPLANNABLE",
    "Anchor",
    "Letter",
    "LetterQuerySet",
    "LetterRecipient",
    "LetterRecipientQuerySet",
    "MessageStatus",
    "MultilingualText",
    "OutgoingMessage",
    "OutgoingMessageQuerySet",
    "ReminderRule",
    "Reply",
    "ReplyQuerySet",
    "contacts_of_kinds",
    "reply_upload_to",
    "validate_offsets",
]
