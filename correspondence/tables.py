"""Rows of the CSV and XLSX exports: the same querysets as the list pages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime

from django.utils import timezone


def _when(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


LETTER_COLUMNS = [
    "reference",
    "title",
    "committee",
    "status",
    "addressed_to",
    "created",
    "approved",
    "sent",
    "recipients",
    "reply_due",
]


def letter_rows(letters: Iterable) -> Iterator[list]:
    for letter in letters:
        yield [
            letter.reference,
            letter.title,
            letter.committee.code if letter.committee_id else "",
            letter.status,
            letter.audience.name if letter.audience_id else letter.get_addressees_display(),
            _when(letter.created_at),
            _when(letter.approved_at),
            _when(letter.sent_at),
            letter.recipient_count,
            _day(letter.reply_due),
        ]


AWAITING_COLUMNS = [
    "letter",
    "title",
    "committee",
    "iso3",
    "state",
    "sent_on",
    "reply_due",
    "days_waiting",
]


def awaiting_rows(recipients: Iterable, today: date) -> Iterator[list]:
    for recipient in recipients:
        letter = recipient.letter
        sent_on = timezone.localdate(letter.sent_at)
        yield [
            letter.reference,
            letter.title,
            letter.committee.code if letter.committee_id else "",
            recipient.state.iso3,
            recipient.state.name,
            sent_on.isoformat(),
            _day(letter.reply_due),
            (today - sent_on).days,
        ]


MESSAGE_COLUMNS = [
    "id",
    "kind",
    "status",
    "iso3",
    "state",
    "to",
    "language",
    "subject",
    "planned_for",
    "sent_at",
    "attempts",
    "last_error",
    "note",
    "rule",
    "letter",
    "message_id",
]


def message_rows(messages: Iterable) -> Iterator[list]:
    for message in messages:
        yield [
            message.pk,
            message.kind,
            message.status,
            message.state.iso3,
            message.state.name,
            message.to_address or message.contact.email,
            message.language,
            message.subject,
            _when(message.send_at),
            _when(message.sent_at),
            message.attempts,
            message.last_error,
            message.note,
            message.rule.name if message.rule_id else "",
            message.letter.reference if message.letter_id else "",
            message.message_id,
        ]


UPCOMING_COLUMNS = [
    "id",
    "planned_for",
    "rule",
    "iso3",
    "state",
    "contact",
    "to",
    "anchor_date",
    "offset_days",
]


def upcoming_rows(messages: Iterable) -> Iterator[list]:
    for message in messages:
        yield [
            message.pk,
            _when(message.next_attempt_at),
            message.rule.name
            if message.rule_id
            else (message.letter.reference if message.letter_id else ""),
            message.state.iso3,
            message.state.name,
            message.contact.name,
            message.contact.email,
            _day(message.anchor_date),
            "" if message.offset_days is None else message.offset_days,
        ]
