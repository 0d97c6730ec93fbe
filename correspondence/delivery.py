"""Sending outgoing messages exactly once, and what happens when a worker dies mid-send.

The life of a row: ``planned`` -> ``sending`` -> ``sent`` (or ``failed``; or back to
``planned`` to retry a transient failure later). Every transition is one conditional UPDATE,
so that two workers, two beat ticks or a worker and the recovery scan can never both act:

1. **Claim.** ``UPDATE … SET status='sending', claim_token=<new uuid> WHERE id = ANY(…) AND
   status='planned' … RETURNING`` the rows with their contacts and States: a batch of
   ``MAIL_BATCH_SIZE`` rows in one statement (``claim_batch``). A row not returned is someone
   else's, or done. A task never checks, then sends, then marks; the rows of a batch are then
   sent one by one, each with its own checkpoint and mark-sent below.
2. **Hand-over checkpoint.** The message text goes over SMTP, and *before* the line that ends
   DATA is written, ``UPDATE … SET handed_over_at=now() WHERE id=… AND claim_token=<ours> AND
   status='sending'`` commits. If it changes no row (the scan recovered the row from a worker
   it thought dead), the connection is dropped mid-DATA and the server discards the message.
3. **Mark sent** right after the server's reply to DATA: one short autocommit UPDATE. A 4xx
   reply, or a connection lost before the hand-over, puts the row back to ``planned`` with an
   exponential backoff (full jitter) before the next attempt, at most ``MAIL_MAX_ATTEMPTS``
   times; a 5xx reply makes it ``failed`` with the server's words in ``last_error``, shown on
   the outbox page with a retry button.

**Recovery.** A worker killed (SIGKILL, OOM, power) leaves its row ``sending``. The scan
(beat, every few minutes) treats a row claimed more than ``OUTBOX_STALE_SECONDS`` ago (longer
than the task's hard time limit, so a live worker is never overtaken) by the one question that
matters, *was the end of DATA possibly written?*

- ``handed_over_at`` empty: the server cannot have accepted it (a transaction cut before its
  final "." is discarded), so the row goes back to ``planned`` and is sent again. No duplicate.
- ``handed_over_at`` set: the final "." was written or was about to be; the row becomes
  ``sent`` with ``unconfirmed`` set and a note, and is never sent again. No duplicate.
Task messages the dead worker had reserved are not needed: the scan re-enqueues ``planned``
rows whose task has not run for ``OUTBOX_STALE_SECONDS``, and a duplicate task finds nothing
to claim. Every message carries a Message-ID derived from its row (``message_id``), the same
on every attempt, so a receiving system that deduplicates sees one message.

**The guarantee, honestly.** SMTP cannot be made transactional with our database, so one
window remains, and it is chosen to lose rather than duplicate: between the checkpoint's
COMMIT and the kernel accepting the 3 bytes ".\\r\\n" into the socket's send buffer
(microseconds, no network round trip in it), or until the kernel has sent them if the whole
host loses power. A worker killed exactly there leaves a row that the scan marks ``sent`` with
``unconfirmed`` set, for a message the server never completed: lost, flagged on the outbox
page, never sent twice. Once the final "." is in the send buffer the kernel delivers it even
if the process dies. A server that accepts the message but whose reply never arrives
(connection cut after the final ".") also ends as sent-unconfirmed, correctly delivered.
Outside that window this code neither loses nor duplicates a message; what the receiving
relays do afterwards is theirs (the stable Message-ID lets them deduplicate).
"""

from __future__ import annotations

import logging
import smtplib
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from states_parties.models import Contact, StateParty

from . import planning, render
from .merge import MergeError
from .models import Letter, MessageStatus, OutgoingMessage, ReminderRule
from .smtp import transmit

log = logging.getLogger(__name__)

#: The longest wait between two attempts after transient failures.
BACKOFF_MAX_SECONDS = 3600
#: A task that arrives before its row's time (another host's clock, a retry that fired
#: early) waits for it when it is this close; a later row is left to the scan.
WAIT_AT_MOST = timedelta(minutes=5)


class Overtaken(Exception):
    """The checkpoint found the row no longer ours: the message must not be handed over."""


@dataclass(frozen=True)
class Outcome:
    result: str
    retry_in: float | None = None


def backoff_seconds(failures: int) -> float:
    """Exponential from ``MAIL_RETRY_BACKOFF_SECONDS``, capped, with full jitter (so that
    messages that failed together do not retry together)."""
    return max(
        1.0,
        float(
            get_exponential_backoff_interval(
                factor=settings.MAIL_RETRY_BACKOFF_SECONDS,
                retries=failures - 1,
                maximum=BACKOFF_MAX_SECONDS,
                full_jitter=True,
            )
        ),
    )


def smtp_code(error: BaseException) -> int | None:
    """The server's reply code in an SMTP error, if it gave one."""
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        return next(iter(error.recipients.values()))[0]
    return None


def describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        return f"{error.smtp_code} {text}"
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        code, reply = next(iter(error.recipients.values()))
        return f"{code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply}"
    return f"{type(error).__name__}: {error}"[:1000]


def build_email(message: OutgoingMessage) -> EmailMessage:
    headers = {"Message-ID": message.message_id, "X-Secretariat-Outbox": str(message.pk)}
    if message.kind == OutgoingMessage.Kind.REMINDER:
        headers["Auto-Submitted"] = "auto-generated"
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_address],
        headers=headers,
    )
    for attachment in render.attachments(message):
        email.attach(*attachment)
    return email


def claim(message_id: int, now: datetime | None = None) -> uuid.UUID | None:
    """Take a planned row for this worker; ``None`` if it is not (or no longer) to be sent."""
    token = uuid.uuid4()
    return token if claim_batch([message_id], token, now) else None


def _columns(model, alias: str) -> list[str]:
    quote = connection.ops.quote_name
    return [f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields]


def claim_batch(
    message_ids: Sequence[int], token: uuid.UUID, now: datetime | None = None
) -> list[OutgoingMessage]:
    """Take the rows among ``message_ids`` that are planned and due, in one ``UPDATE …
    RETURNING`` that also brings each row's contact and State (what the message needs), so
    that a batch costs one statement instead of a claim, a load and a check per message.

    A row another worker claimed first is locked, then no longer ``planned`` when PostgreSQL
    re-checks the condition: each row is claimed once. Returned in sending order."""
    now = now or timezone.now()
    if not message_ids:
        return []
    if connection.vendor != "postgresql":
        return _claim_batch_portably(message_ids, token, now)
    fields = {
        "message": OutgoingMessage._meta.concrete_fields,
        "contact": Contact._meta.concrete_fields,
        "state": StateParty._meta.concrete_fields,
    }
    columns = [
        *_columns(OutgoingMessage, "m"),
        *_columns(Contact, "c"),
        *_columns(StateParty, "s"),
    ]
    table = connection.ops.quote_name
    # Table and column names from the models, quoted; every value is a parameter.
    message_table = table(OutgoingMessage._meta.db_table)
    joined = f"{table(Contact._meta.db_table)} AS c, {table(StateParty._meta.db_table)} AS s"
    sql = f"UPDATE {message_table} AS m SET status = %s, claim_token = %s, claimed_at = %s, handed_over_at = NULL, attempts = m.attempts + 1 FROM {joined} WHERE m.id = ANY(%s) AND m.status = %s AND m.next_attempt_at <= %s AND c.id = m.contact_id AND s.id = m.state_id RETURNING {', '.join(columns)}"  # noqa: E501, S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [MessageStatus.SENDING, token, now, list(message_ids), MessageStatus.PLANNED, now],
        )
        rows = cursor.fetchall()
    database = connection.alias
    counts = [len(fields["message"]), len(fields["contact"]), len(fields["state"])]
    names = {key: [field.attname for field in value] for key, value in fields.items()}
    messages = []
    for row in rows:
        message = OutgoingMessage.from_db(database, names["message"], row[: counts[0]])
        contact = Contact.from_db(database, names["contact"], row[counts[0] : -counts[2]])
        state = StateParty.from_db(database, names["state"], row[-counts[2] :])
        contact.state = state
        message.contact, message.state = contact, state
        messages.append(message)
    messages.sort(key=lambda message: (message.next_attempt_at, message.pk))
    return messages


def _claim_batch_portably(
    message_ids: Sequence[int], token: uuid.UUID, now: datetime
) -> list[OutgoingMessage]:
    """The same claim on SQLite (``make run``), which has no ``UPDATE … FROM``: one
    conditional UPDATE, then the rows that carry this batch's token, with their contacts and
    States. SQLite lets one writer at a time, so each row is still claimed once."""
    OutgoingMessage.objects.filter(
        pk__in=message_ids, status=MessageStatus.PLANNED, next_attempt_at__lte=now
    ).update(
        status=MessageStatus.SENDING,
        claim_token=token,
        claimed_at=now,
        handed_over_at=None,
        attempts=F("attempts") + 1,
    )
    return list(
        OutgoingMessage.objects.filter(pk__in=message_ids, claim_token=token)
        .select_related("contact__state", "state")
        .order_by("next_attempt_at", "pk")
    )


@dataclass
class Batch:
    """What the claimed rows of a batch share, each fetched once: their rules (with letters),
    the letters of letter copies, the occurrences the reminders belong to, and the overdue
    reports of their States (only if a text prints them)."""

    messages: list[OutgoingMessage]
    occurrences: dict = field(default_factory=dict)
    _missing: dict | None = None

    def __post_init__(self) -> None:
        rule_ids = {message.rule_id for message in self.messages if message.rule_id}
        letter_ids = {message.letter_id for message in self.messages if message.letter_id}
        rules = ReminderRule.objects.select_related("letter").in_bulk(rule_ids)
        letters = Letter.objects.in_bulk(letter_ids) if letter_ids else {}
        states_by_rule: dict[int, set[int]] = defaultdict(set)
        for message in self.messages:
            if message.rule_id:
                message.rule = rules[message.rule_id]
                if message.rule.active:
                    states_by_rule[message.rule_id].add(message.state_id)
            if message.letter_id:
                message.letter = letters[message.letter_id]
        for rule_id, state_ids in states_by_rule.items():
            for key, occurrence in planning.current_occurrences(rules[rule_id], state_ids).items():
                self.occurrences[(rule_id, *key)] = occurrence

    @property
    def missing(self) -> dict:
        """The overdue reports of every State of the batch, at the first text that prints
        them: one query for the batch."""
        if self._missing is None:
            self._missing = render.overdue_reports({m.state_id for m in self.messages})
        return self._missing

    def still_due(self, message: OutgoingMessage) -> str:
        """Why a claimed reminder must not go after all ("" when it must; "moved" when its
        anchor date changed and it is to be re-planned)."""
        if not message.rule.active:
            return _("The rule is switched off.")
        if not message.contact.active:
            return _("The contact is inactive.")
        occurrence = self.occurrences.get((message.rule_id, message.state_id, message.period))
        if occurrence is None:
            return _("No longer applies (audience, contact or dates changed).")
        if occurrence.met:
            return _("The obligation was met.")
        if occurrence.anchor_date != message.anchor_date:
            return "moved"
        return ""


class _LazyMissing:
    """``Batch.missing`` as ``merge_values`` reads it, fetched only if a text prints it."""

    def __init__(self, batch: Batch) -> None:
        self.batch = batch

    def get(self, state_id: int, default: list) -> list:
        return self.batch.missing.get(state_id, default)


def deliver(message_id: int) -> Outcome:
    """Claim one row, send it and record how it went. Safe to call any number of times."""
    now = timezone.now()
    outcomes = deliver_batch([message_id], now)
    if message_id in outcomes:
        return outcomes[message_id]
    early = (
        OutgoingMessage.objects.filter(
            pk=message_id,
            status=MessageStatus.PLANNED,
            next_attempt_at__gt=now,
            next_attempt_at__lte=now + WAIT_AT_MOST,
        )
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if early is not None:
        return Outcome("early", retry_in=(early - now).total_seconds())
    return Outcome("not_claimed")


def deliver_batch(
    message_ids: Sequence[int],
    now: datetime | None = None,
    *,
    time_budget: float | None = None,
) -> dict[int, Outcome]:
    """Claim the due rows among ``message_ids`` at once and send them one by one, each with
    its own checkpoint before the final "." and its own mark-sent (a kill mid-batch leaves
    every row either handed over or not, as for a single message). Rows not claimed (sent,
    claimed by someone else, not yet due) are not in the result.

    ``time_budget`` (seconds): rows not reached by then are given back (``planned``, not
    counted as an attempt) and returned as ``released``, for the caller to enqueue again, so
    that a slow mail server never keeps rows claimed until the scan thinks them abandoned."""
    token = uuid.uuid4()
    started = time.monotonic()
    messages = claim_batch(message_ids, token, now)
    if not messages:
        return {}
    batch = Batch(messages)
    outcomes: dict[int, Outcome] = {}
    for index, message in enumerate(messages):
        if time_budget is not None and index and time.monotonic() - started > time_budget:
            rest = [later.pk for later in messages[index:]]
            OutgoingMessage.objects.filter(
                pk__in=rest, claim_token=token, status=MessageStatus.SENDING
            ).update(
                status=MessageStatus.PLANNED,
                claim_token=None,
                claimed_at=None,
                attempts=F("attempts") - 1,
            )
            outcomes.update((pk, Outcome("released")) for pk in rest)
            break
        outcomes[message.pk] = _deliver_claimed(message, token, batch)
    return outcomes


def _deliver_claimed(message: OutgoingMessage, token: uuid.UUID, batch: Batch) -> Outcome:
    """Send one claimed row of a batch and record how it went."""
    mine = OutgoingMessage.objects.filter(pk=message.pk, claim_token=token)
    if message.kind == OutgoingMessage.Kind.REMINDER:
        reason = batch.still_due(message)
        if reason == "moved":
            mine.update(status=MessageStatus.PLANNED, claim_token=None, enqueued_at=None)
            planning.reconcile(message.rule, [message.state_id])
            return Outcome("replanned")
        if reason:
            mine.update(status=MessageStatus.SKIPPED, claim_token=None, note=reason)
            return Outcome("skipped")
        try:
            render.fill_reminder(message, strict=True, missing=_LazyMissing(batch))
        except MergeError as problem:
            # Never "Article 7 report for ": the row fails, with the reason, for staff to see.
            text = _("Not sent: %(problem)s for this recipient.") % {"problem": problem}
            mine.update(status=MessageStatus.FAILED, claim_token=None, last_error=text)
            log.warning("message %s not sent: %s", message.pk, text)
            return Outcome("failed")
    # What was written is kept with the first update that follows (no round trip of its own).
    content = {
        "to_address": message.to_address,
        "language": message.language,
        "subject": message.subject,
        "body": message.body,
    }

    handed_over = False

    def checkpoint() -> None:
        nonlocal handed_over
        handed = mine.filter(status=MessageStatus.SENDING)
        if not handed.update(handed_over_at=timezone.now(), **content):
            raise Overtaken
        handed_over = True

    try:
        transmit(build_email(message), checkpoint)
    except Overtaken:
        return Outcome("overtaken")
    except Exception as error:
        return _after_failure(message, mine, error, handed_over=handed_over, content=content)
    # Right after the server's reply: the one statement that records the send.
    mine.filter(status__in=[MessageStatus.SENDING, MessageStatus.SENT]).update(
        status=MessageStatus.SENT, sent_at=timezone.now(), unconfirmed=False, last_error="", note=""
    )
    return Outcome("sent")


def _after_failure(
    message, mine, error: BaseException, *, handed_over: bool, content: dict
) -> Outcome:
    code = smtp_code(error)
    text = describe(error)
    if handed_over and code is None:
        # The final "." was written but no reply was read: the server may well have the
        # message. Never send it again; say that it is unconfirmed.
        mine.update(
            **content,
            status=MessageStatus.SENT,
            sent_at=timezone.now(),
            unconfirmed=True,
            last_error=text,
            note=_("Handed over to the mail server, but its acceptance was not confirmed."),
        )
        log.warning("message %s: handed over, unconfirmed: %s", message.pk, text)
        return Outcome("unconfirmed")
    permanent = (code is not None and code >= 500) or isinstance(
        error, ValueError | smtplib.SMTPNotSupportedError
    )
    failures = message.transient_failures + 1
    if permanent or failures >= settings.MAIL_MAX_ATTEMPTS:
        if not permanent:
            text = _("Gave up after %(count)s attempts: %(error)s") % {
                "count": failures,
                "error": text,
            }
        mine.update(
            **content,
            status=MessageStatus.FAILED,
            claim_token=None,
            handed_over_at=None,
            transient_failures=failures if not permanent else message.transient_failures,
            last_error=text,
        )
        log.warning("message %s failed: %s", message.pk, text)
        return Outcome("failed")
    delay = backoff_seconds(failures)
    retry_at = timezone.now() + timedelta(seconds=delay)
    mine.update(
        **content,
        status=MessageStatus.PLANNED,
        claim_token=None,
        handed_over_at=None,
        next_attempt_at=retry_at,
        # The retry task is published now and runs at retry_at.
        enqueued_at=retry_at,
        transient_failures=failures,
        last_error=text,
    )
    log.info("message %s: transient failure, retry in %.0f s: %s", message.pk, delay, text)
    return Outcome("retry", retry_in=delay)
