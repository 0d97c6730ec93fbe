"""The columns of the correspondence app's downloads (CSV and XLSX): the same querysets as
the list pages."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from common.exports import Column, Table, blank_none, day


def _when(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _committee(letter) -> str:
    return letter.committee.code if letter.committee_id else ""


LETTERS = Table(
    "letters",
    [
        Column("reference", lambda letter: letter.reference),
        Column("title", lambda letter: letter.title),
        Column("committee", _committee),
        Column("status", lambda letter: letter.status),
        Column(
            "addressed_to",
            lambda letter: (
                letter.audience.name if letter.audience_id else letter.get_addressees_display()
            ),
        ),
        Column("created", lambda letter: _when(letter.created_at)),
        Column("approved", lambda letter: _when(letter.approved_at)),
        Column("sent", lambda letter: _when(letter.sent_at)),
        Column("recipients", lambda letter: letter.recipient_count),
        Column("reply_due", lambda letter: day(letter.reply_due)),
    ],
)


def awaiting_table(today: date) -> Table:
    """Recipients of sent letters who have not replied, and for how long, as of ``today``."""

    def sent_on(recipient) -> date:
        return timezone.localdate(recipient.letter.sent_at)

    return Table(
        "awaiting-reply",
        [
            Column("letter", lambda recipient: recipient.letter.reference),
            Column("title", lambda recipient: recipient.letter.title),
            Column("committee", lambda recipient: _committee(recipient.letter)),
            Column("iso3", lambda recipient: recipient.state.iso3),
            Column("state", lambda recipient: recipient.state.name),
            Column("sent_on", lambda recipient: day(sent_on(recipient))),
            Column("reply_due", lambda recipient: day(recipient.letter.reply_due)),
            Column("days_waiting", lambda recipient: (today - sent_on(recipient)).days),
        ],
    )


MESSAGES = Table(
    "outbox",
    [
        Column("id", lambda message: message.pk),
        Column("kind", lambda message: message.kind),
        Column("status", lambda message: message.status),
        Column("iso3", lambda message: message.state.iso3),
        Column("state", lambda message: message.state.name),
        Column("to", lambda message: message.to_address or message.contact.email),
        Column("language", lambda message: message.language),
        Column("subject", lambda message: message.subject),
        Column("planned_for", lambda message: _when(message.send_at)),
        Column("sent_at", lambda message: _when(message.sent_at)),
        Column("attempts", lambda message: message.attempts),
        Column("last_error", lambda message: message.last_error),
        Column("note", lambda message: message.note),
        Column("rule", lambda message: message.rule.name if message.rule_id else ""),
        Column("letter", lambda message: message.letter.reference if message.letter_id else ""),
        Column("message_id", lambda message: message.message_id),
    ],
)

UPCOMING = Table(
    "upcoming-sends",
    [
        Column("id", lambda message: message.pk),
        Column("planned_for", lambda message: _when(message.next_attempt_at)),
        Column(
            "rule",
            lambda message: (
                message.rule.name
                if message.rule_id
                else (message.letter.reference if message.letter_id else "")
            ),
        ),
        Column("iso3", lambda message: message.state.iso3),
        Column("state", lambda message: message.state.name),
        Column("contact", lambda message: message.contact.name),
        Column("to", lambda message: message.contact.email),
        Column("anchor_date", lambda message: day(message.anchor_date)),
        Column("offset_days", lambda message: blank_none(message.offset_days)),
    ],
)
