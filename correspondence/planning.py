"""Planning reminders: from rules and the record to one row per send.

For each rule, every *occurrence* of its anchor (a State's annual report for a year, its
current Article 5 deadline, a letter awaiting its reply, a committee term) gives, for each
contact and each offset, one ``OutgoingMessage`` whose send time is the anchor date plus the
offset at the rule's time of day. ``reconcile`` makes the rows what the record says now and is
idempotent, so it runs whenever something moves (a State's dates, a report received, a reply
recorded, a rule saved) and every hour for what moves with time (audiences):

- a missing row is created, unless its send time is before the rule existed or took effect
  (so creating a rule never mails the past), and as ``missed`` if its time passed longer ago
  than the catch-up window;
- a row not yet sent whose anchor date moved gets the new send time ("re-armed"), or becomes
  ``missed`` if that time is long past;
- when the obligation is met (report received, reply recorded, clearance completed) the rows
  not yet sent are ``skipped``; if the record is corrected they come back;
- rows that no longer apply (rule switched off, State out of the audience, contact inactive,
  offset removed) are ``skipped``; rows being sent or sent are never touched.
The unique constraint on (rule, State, contact, period, offset) makes a second row impossible
even when two planners run at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.models import SeatTerm
from reporting import audiences
from reporting.models import ExpectedReport, ReportKind
from states_parties import rules
from states_parties.models import Article5Extension, StateParty

from .models import (
    REPLANNABLE,
    Anchor,
    LetterRecipient,
    MessageStatus,
    OutgoingMessage,
    ReminderRule,
    Reply,
    contacts_of_kinds,
)


@dataclass(frozen=True)
class Occurrence:
    """One dated thing a rule reminds a State of."""

    state_id: int
    period: str
    anchor_date: date
    met: bool


def _report_occurrences(rule: ReminderRule, state_ids: set[int] | None) -> list[Occurrence]:
    kind = ReportKind.ANNUAL if rule.anchor == Anchor.ARTICLE7_ANNUAL else ReportKind.INITIAL
    reports = ExpectedReport.objects.filter(kind=kind)
    if state_ids is not None:
        reports = reports.filter(state_id__in=state_ids)
    return [
        Occurrence(state_id, f"{kind}-{year}", due, received is not None)
        for state_id, year, due, received in reports.values_list(
            "state_id", "year", "due_date", "received_on"
        )
    ]


def _clearance_occurrences(
    rule: ReminderRule, state_ids: set[int] | None, today: date
) -> list[Occurrence]:
    """The current Article 5 deadline of each affected State. Each deadline is a period of its
    own (the original, or the extension that set it), so that a granted extension starts a
    new round of reminders. (The date a request is expected is the extension process's
    anchor, registered by ``extensions``.)"""
    states = StateParty.objects.filter(has_mined_areas=True, clearance_deadline__isnull=False)
    states = states.exclude(withdrawal_effective__lte=today)
    extensions = Article5Extension.objects.filter(outcome=Article5Extension.Outcome.GRANTED)
    if state_ids is not None:
        states = states.filter(pk__in=state_ids)
        extensions = extensions.filter(state_id__in=state_ids)
    granted: dict[int, list[tuple[int, date | None]]] = defaultdict(list)
    for pk, state_id, until in extensions.order_by("submitted_on", "pk").values_list(
        "pk", "state_id", "granted_until"
    ):
        granted[state_id].append((pk, until))
    occurrences = []
    for state_id, deadline, completed in states.values_list(
        "pk", "clearance_deadline", "clearance_completed_on"
    ):
        # The extension that set the stored deadline (the same rule as StateParty's).
        extension = rules.governing_extension(granted[state_id])
        period = f"article5-extension-{extension[0]}" if extension else "article5-original"
        occurrences.append(Occurrence(state_id, period, deadline, completed is not None))
    return occurrences


def _letter_occurrences(rule: ReminderRule, state_ids: set[int] | None) -> list[Occurrence]:
    letter = rule.letter
    if letter is None or letter.reply_due is None or letter.sent_at is None:
        return []
    recipients = LetterRecipient.objects.filter(letter=letter).annotate(
        replied=Exists(Reply.objects.filter(recipient=OuterRef("pk")))
    )
    if state_ids is not None:
        recipients = recipients.filter(state_id__in=state_ids)
    return [
        Occurrence(state_id, f"letter-{letter.pk}", letter.reply_due, replied)
        for state_id, replied in recipients.values_list("state_id", "replied")
    ]


def _term_occurrences(rule: ReminderRule, state_ids: set[int] | None) -> list[Occurrence]:
    terms = SeatTerm.objects.all()
    if rule.committee_id:
        terms = terms.filter(committee_id=rule.committee_id)
    if state_ids is not None:
        terms = terms.filter(state_id__in=state_ids)
    return [
        Occurrence(state_id, f"term-{pk}", end, False)
        for pk, state_id, end in terms.values_list("pk", "state_id", "end_meeting__end_date")
    ]


#: ``source(rule, state_ids or None, today)``: the occurrences of an anchor whose dates an app
#: above this one keeps (the Article 5 extension process), registered from its ``ready()``.
AnchorSource = Callable[[ReminderRule, "set[int] | None", date], list[Occurrence]]
_anchor_sources: dict[str, AnchorSource] = {}


def register_anchor(anchor: str, source: AnchorSource) -> None:
    """Let ``source`` say when ``anchor`` falls for each State (registering again replaces)."""
    _anchor_sources[anchor] = source


def occurrences(
    rule: ReminderRule, state_ids: Iterable[int] | None = None, today: date | None = None
) -> list[Occurrence]:
    """Every occurrence of the rule's anchor for the States in its audience (all of them, or
    only ``state_ids``), as the record stands ``today``."""
    today = today or timezone.localdate()
    wanted = set(state_ids) if state_ids is not None else None
    if rule.audience_id:
        members = set(
            audiences.members(rule.audience, today).order_by().values_list("pk", flat=True)
        )
        wanted = members if wanted is None else wanted & members
    if wanted is not None and not wanted:
        return []
    if rule.anchor in _anchor_sources:
        return _anchor_sources[rule.anchor](rule, wanted, today)
    if rule.anchor in (Anchor.ARTICLE7_ANNUAL, Anchor.ARTICLE7_INITIAL):
        return _report_occurrences(rule, wanted)
    if rule.anchor == Anchor.ARTICLE5_DEADLINE:
        return _clearance_occurrences(rule, wanted, today)
    if rule.anchor == Anchor.LETTER_REPLY:
        return _letter_occurrences(rule, wanted)
    if rule.anchor == Anchor.TERM_END:
        return _term_occurrences(rule, wanted)
    raise ValueError(rule.anchor)


def send_time(rule: ReminderRule, anchor_date: date, offset: int) -> datetime:
    """The anchor date plus the offset, at the rule's time of day in Geneva."""
    day = anchor_date + timedelta(days=offset)
    return timezone.make_aware(datetime.combine(day, rule.send_time))


def earliest_send(rule: ReminderRule) -> datetime:
    """Nothing planned before the rule took effect or existed is ever sent."""
    start = timezone.make_aware(datetime.combine(rule.effective_from, datetime.min.time()))
    return max(start, rule.created_at) if rule.created_at else start


@dataclass
class PlanCounts:
    created: int = 0
    updated: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated}


#: What one row should be: ``(send time, anchor date, status, note)``, by
#: ``(state id, contact id, period, offset)``.
Wanted = dict[tuple[int, int, str, int], tuple[datetime, date, str, str]]

#: The fields ``reconcile`` reads and changes on existing rows.
_ROW_FIELDS = (
    "pk",
    "state_id",
    "contact_id",
    "period",
    "offset_days",
    "status",
    "send_at",
    "anchor_date",
    "note",
)
_CHANGED_FIELDS = ["status", "note", "send_at", "anchor_date", "next_attempt_at", "enqueued_at"]


def reconcile(
    rule: ReminderRule, state_ids: Iterable[int] | None = None, now: datetime | None = None
) -> PlanCounts:
    """Make the rule's rows (for all States, or only ``state_ids``) what the record says:
    work out the rows wanted, bring the existing ones in step, create the missing ones."""
    now = now or timezone.now()
    state_ids = list(state_ids) if state_ids is not None else None
    found = occurrences(rule, state_ids, timezone.localdate(now)) if rule.active else []
    wanted = _wanted_rows(rule, found, now)
    existing = OutgoingMessage.objects.filter(rule=rule)
    if state_ids is not None:
        existing = existing.filter(state_id__in=state_ids)
    # Pops the rows that exist from ``wanted``: what remains is to be created.
    changed = _rows_to_change(rule, existing, wanted)
    to_create = _new_rows(rule, wanted)
    _write(to_create, changed)
    return PlanCounts(created=len(to_create), updated=len(changed))


def _contacts_by_state(rule: ReminderRule, found: list[Occurrence]) -> dict[int, list[int]]:
    """The rule's recipients (active contacts of its kinds) of each State that has an
    occurrence."""
    contacts = contacts_of_kinds(rule.contact_kinds).filter(
        state_id__in={occurrence.state_id for occurrence in found}
    )
    by_state: dict[int, list[int]] = defaultdict(list)
    for contact_id, state_id in contacts.values_list("pk", "state_id"):
        by_state[state_id].append(contact_id)
    return by_state


def _wanted_rows(rule: ReminderRule, found: list[Occurrence], now: datetime) -> Wanted:
    """One row per occurrence, contact and offset: planned, skipped (obligation met) or missed
    (its time passed longer ago than the catch-up window); none before the rule took effect."""
    contacts_by_state = _contacts_by_state(rule, found)
    earliest = earliest_send(rule)
    catch_up = now - timedelta(hours=settings.REMINDER_CATCH_UP_HOURS)
    met_note = _("The obligation was met.")
    missed_note = _("Its time had passed by more than the catch-up window.")
    wanted: Wanted = {}
    for occurrence in found:
        for contact_id in contacts_by_state.get(occurrence.state_id, ()):
            for offset in rule.offsets:
                when = send_time(rule, occurrence.anchor_date, offset)
                if when < earliest:
                    continue
                if occurrence.met:
                    status, note = MessageStatus.SKIPPED, met_note
                elif when < catch_up:
                    status, note = MessageStatus.MISSED, missed_note
                else:
                    status, note = MessageStatus.PLANNED, ""
                key = (occurrence.state_id, contact_id, occurrence.period, offset)
                wanted[key] = (when, occurrence.anchor_date, status, note)
    return wanted


def _rows_to_change(rule: ReminderRule, existing, wanted: Wanted) -> list[OutgoingMessage]:
    """The existing rows, not yet sent, that must change: re-armed at a new time, skipped or
    missed; rows no longer wanted are skipped with the reason. Removes from ``wanted`` every
    row that exists."""
    gone_note = (
        _("The rule is switched off.")
        if not rule.active
        else _("No longer applies (audience, contact or dates changed).")
    )
    changed: list[OutgoingMessage] = []
    for row in existing.only(*_ROW_FIELDS).iterator(chunk_size=5000):
        key = (row.state_id, row.contact_id, row.period, row.offset_days)
        target = wanted.pop(key, None)
        if row.status not in REPLANNABLE:
            continue
        if target is None:
            if row.status != MessageStatus.SKIPPED:
                row.status, row.note = MessageStatus.SKIPPED, gone_note
                changed.append(row)
            continue
        when, anchor_date, status, note = target
        if row.status == MessageStatus.PLANNED == status and (row.anchor_date, row.send_at) == (
            anchor_date,
            when,
        ):
            continue  # unchanged (a row waiting to retry keeps its next attempt)
        if (row.status, row.note, row.send_at, row.anchor_date) == (
            status,
            note,
            when,
            anchor_date,
        ):
            continue
        row.status, row.note, row.send_at, row.anchor_date = status, note, when, anchor_date
        row.next_attempt_at = when
        row.enqueued_at = None
        changed.append(row)
    return changed


def _new_rows(rule: ReminderRule, wanted: Wanted) -> list[OutgoingMessage]:
    return [
        OutgoingMessage(
            kind=OutgoingMessage.Kind.REMINDER,
            rule=rule,
            state_id=state_id,
            contact_id=contact_id,
            period=period,
            offset_days=offset,
            anchor_date=anchor_date,
            send_at=when,
            next_attempt_at=when,
            status=status,
            note=note,
        )
        for (state_id, contact_id, period, offset), (when, anchor_date, status, note) in (
            wanted.items()
        )
    ]


def _write(to_create: list[OutgoingMessage], changed: list[OutgoingMessage]) -> None:
    with transaction.atomic():
        # A concurrent planner may have created some of these; the constraint keeps one.
        OutgoingMessage.objects.bulk_create(to_create, batch_size=2000, ignore_conflicts=True)
        # Only rows still re-plannable are changed: one claimed meanwhile keeps its course.
        for start in range(0, len(changed), 1000):
            batch = changed[start : start + 1000]
            still = set(
                OutgoingMessage.objects.filter(
                    pk__in=[row.pk for row in batch], status__in=REPLANNABLE
                ).values_list("pk", flat=True)
            )
            OutgoingMessage.objects.bulk_update(
                [row for row in batch if row.pk in still], _CHANGED_FIELDS
            )


def plan_all(now: datetime | None = None) -> dict[str, int]:
    totals = PlanCounts()
    for rule in ReminderRule.objects.select_related("audience", "letter"):
        counts = reconcile(rule, now=now)
        totals.created += counts.created
        totals.updated += counts.updated
    return totals.as_dict()


def replan_states(state_ids: Iterable[int], anchors: Iterable[str] | None = None) -> None:
    """Something about these States changed (dates, reports, replies): re-plan their rows."""
    state_ids = list(state_ids)
    rules_ = ReminderRule.objects.select_related("audience", "letter")
    if anchors is not None:
        rules_ = rules_.filter(anchor__in=list(anchors))
    for rule in rules_:
        reconcile(rule, state_ids)


def current_occurrences(
    rule: ReminderRule, state_ids: Iterable[int]
) -> dict[tuple[int, str], Occurrence]:
    """The occurrences of the rule for these States as the record stands now, by State and
    period (a batch of planned reminders is checked in one query per rule). The audience is
    not re-evaluated here: planning follows it."""
    wanted = set(state_ids)
    if rule.anchor in _anchor_sources:
        found = _anchor_sources[rule.anchor](rule, wanted, timezone.localdate())
    elif rule.anchor in (Anchor.ARTICLE7_ANNUAL, Anchor.ARTICLE7_INITIAL):
        found = _report_occurrences(rule, wanted)
    elif rule.anchor == Anchor.ARTICLE5_DEADLINE:
        found = _clearance_occurrences(rule, wanted, timezone.localdate())
    elif rule.anchor == Anchor.LETTER_REPLY:
        found = _letter_occurrences(rule, wanted)
    else:
        found = _term_occurrences(rule, wanted)
    by_key: dict[tuple[int, str], Occurrence] = {}
    for item in found:
        by_key.setdefault((item.state_id, item.period), item)
    return by_key


def current_occurrence(message: OutgoingMessage) -> Occurrence | None:
    """The occurrence a planned reminder belongs to, as the record stands now (``None`` when
    it no longer exists)."""
    found = current_occurrences(message.rule, [message.state_id])
    return found.get((message.state_id, message.period))
