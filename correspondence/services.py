"""Every write to letters, replies, reminder rules and the outbox."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from common.services import delete_unreferenced
from reporting import audiences
from states_parties.models import Contact, StateParty

from . import planning, render
from .models import (
    Anchor,
    Letter,
    LetterRecipient,
    MessageStatus,
    OutgoingMessage,
    ReminderRule,
    Reply,
    contacts_of_kinds,
)
from .queue import publish_after_commit, publish_deliveries_after_commit

# --- letters ---------------------------------------------------------------------------------


@dataclass
class RecipientPreview:
    """A State a letter would go to, and who would receive it in which language."""

    state: StateParty
    contacts: list[tuple[Contact, str, bool]] = field(default_factory=list)

    @property
    def reachable(self) -> bool:
        return bool(self.contacts)


def addressed_states(letter: Letter):
    """The States a letter addresses now (for a sent letter: those it went to)."""
    if letter.status == Letter.Status.SENT:
        return StateParty.objects.filter(letters_received__letter=letter).order_by("name")
    if letter.addressees == Letter.Addressees.AUDIENCE:
        return (
            audiences.members(letter.audience) if letter.audience_id else StateParty.objects.none()
        )
    if letter.addressees == Letter.Addressees.HAND_PICKED:
        return letter.states.order_by("name")
    if letter.follow_up_of_id:
        return StateParty.objects.filter(
            pk__in=LetterRecipient.objects.filter(letter=letter.follow_up_of_id)
            .awaiting_reply()
            .values("state_id")
        ).order_by("name")
    return StateParty.objects.none()


def preview_recipients(letter: Letter) -> list[RecipientPreview]:
    """Every State the letter would reach, with each contact and the language each would
    read (and whether that is a fallback), in two queries."""
    contacts = contacts_of_kinds(letter.contact_kinds).order_by("kind", "name")
    states = addressed_states(letter).prefetch_related(
        Prefetch("contacts", queryset=contacts, to_attr="recipient_contacts")
    )
    available = letter.languages
    previews = []
    for state in states:
        preview = RecipientPreview(state)
        for contact in state.recipient_contacts:
            if available:
                chosen = letter.choose(contact.preferred_language)
                preview.contacts.append((contact, chosen.language, chosen.fallback))
        previews.append(preview)
    return previews


@transaction.atomic
def save_letter(letter: Letter, states: Iterable[StateParty] | None, user) -> Letter:
    """Save a draft; an approved letter that is edited goes back to draft."""
    if letter.pk and not Letter.objects.filter(pk=letter.pk).exclude(status="sent").exists():
        raise ValidationError(_("A letter that was sent cannot be changed."))
    if letter.pk is None:
        letter.created_by = user
    letter.status = Letter.Status.DRAFT
    letter.approved_at = letter.approved_by = None
    letter.save()
    letter.states.set(
        states if letter.addressees == Letter.Addressees.HAND_PICKED and states else []
    )
    return letter


@transaction.atomic
def approve_letter(letter: Letter, user) -> Letter:
    updated = Letter.objects.filter(pk=letter.pk, status=Letter.Status.DRAFT).update(
        status=Letter.Status.APPROVED, approved_at=timezone.now(), approved_by=user
    )
    if not updated:
        raise ValidationError(_("Only a draft can be approved."))
    letter.refresh_from_db()
    return letter


@transaction.atomic
def send_letter(letter: Letter, user) -> int:
    """Fix the recipients, render one copy per contact in each contact's language, and hand
    them to the outbox. Returns the number of e-mails. Refused unless the letter is approved
    (the status changes with a conditional update, so that a double click sends once)."""
    if not Letter.objects.filter(pk=letter.pk, status=Letter.Status.APPROVED).exists():
        raise ValidationError(_("Only an approved letter can be sent."))
    previews = preview_recipients(letter)
    if not any(preview.reachable for preview in previews):
        raise ValidationError(_("None of the States addressed has an active contact."))
    now = timezone.now()
    updated = Letter.objects.filter(pk=letter.pk, status=Letter.Status.APPROVED).update(
        status=Letter.Status.SENT, sent_at=now, sent_by=user
    )
    if not updated:
        raise ValidationError(_("Only an approved letter can be sent."))
    letter.refresh_from_db()
    LetterRecipient.objects.bulk_create(
        LetterRecipient(letter=letter, state=preview.state) for preview in previews
    )
    copies = []
    for preview in previews:
        for contact, _language, _fallback in preview.contacts:
            copy = OutgoingMessage(
                kind=OutgoingMessage.Kind.LETTER,
                letter=letter,
                state=preview.state,
                contact=contact,
                send_at=now,
                next_attempt_at=now,
                enqueued_at=now,
            )
            render.fill_letter_copy(copy, letter)
            copies.append(copy)
    created = OutgoingMessage.objects.bulk_create(copies, batch_size=1000)
    publish_deliveries_after_commit([copy.pk for copy in created])
    # Rules that remind of this letter's reply can plan now that it has recipients.
    for rule in letter.reminder_rules.all():
        publish_after_commit(_plan_rule_task(), rule.pk)
    return len(created)


def delete_letter(letter: Letter) -> None:
    if letter.status == Letter.Status.SENT:
        raise ValidationError(_("A letter that was sent is part of the record and is kept."))
    delete_unreferenced(letter)


@transaction.atomic
def duplicate_letter(letter: Letter, user) -> Letter:
    """A new draft with the same text and addressees (to reuse a letter as a template)."""
    copy = Letter(
        title=_("Copy of %(title)s") % {"title": letter.title},
        committee=letter.committee,
        addressees=letter.addressees,
        audience=letter.audience,
        follow_up_of=letter.follow_up_of,
        contact_kinds=letter.contact_kinds,
        created_by=user,
        **{
            f"{part}_{code}": getattr(letter, f"{part}_{code}")
            for part in ("subject", "body")
            for code in ("en", "fr", "es")
        },
    )
    copy.save()
    copy.states.set(letter.states.all())
    return copy


@transaction.atomic
def start_follow_up(letter: Letter, user) -> Letter:
    """A draft to those who have not replied to ``letter`` (worked out when it is sent)."""
    if letter.status != Letter.Status.SENT or not letter.reply_due:
        raise ValidationError(_("Only a sent letter that expects a reply can be followed up."))
    follow_up = duplicate_letter(letter, user)
    follow_up.title = _("Follow-up: %(title)s") % {"title": letter.title}
    follow_up.addressees = Letter.Addressees.NON_REPLIERS
    follow_up.audience = None
    follow_up.follow_up_of = letter
    follow_up.save()
    follow_up.states.clear()
    return follow_up


# --- replies ---------------------------------------------------------------------------------


@transaction.atomic
def record_reply(reply: Reply, user) -> Reply:
    """Record a State's reply; reminders about this letter stop for that State."""
    if reply.pk is None:
        reply.recorded_by = user
    reply.save()
    planning.replan_states([reply.recipient.state_id], anchors=[Anchor.LETTER_REPLY])
    return reply


def awaiting_reply():
    """Every State that has not replied to a letter expecting a reply, oldest letter first."""
    return (
        LetterRecipient.objects.awaiting_reply()
        .filter(letter__status=Letter.Status.SENT)
        .select_related("letter__committee", "state")
        .order_by("letter__sent_at", "state__name")
    )


def with_reply_flags(recipients):
    return recipients.annotate(replied=Exists(Reply.objects.filter(recipient=OuterRef("pk"))))


# --- reminder rules --------------------------------------------------------------------------


def _plan_rule_task():
    from .tasks import plan_rule

    return plan_rule


@transaction.atomic
def save_rule(rule: ReminderRule) -> ReminderRule:
    """Save a rule and re-plan its sends in the background (thousands of rows for a rule
    addressing every contact); the hourly planning catches up if the broker is down."""
    rule.save()
    publish_after_commit(_plan_rule_task(), rule.pk)
    return rule


@transaction.atomic
def switch_rule(rule: ReminderRule, active: bool) -> ReminderRule:
    ReminderRule.objects.filter(pk=rule.pk).update(active=active)
    rule.refresh_from_db()
    planning.reconcile(rule)
    return rule


def delete_rule(rule: ReminderRule) -> None:
    """A rule with sends is part of the record: switch it off instead."""
    delete_unreferenced(rule)


# --- the outbox ------------------------------------------------------------------------------


@transaction.atomic
def retry_message(message: OutgoingMessage, user) -> bool:
    """Put a failed message back in the queue now (once, however often it is clicked)."""
    now = timezone.now()
    retried = OutgoingMessage.objects.filter(pk=message.pk, status=MessageStatus.FAILED).update(
        status=MessageStatus.PLANNED,
        next_attempt_at=now,
        enqueued_at=now,
        transient_failures=0,
        note=_("Retried by %(user)s.") % {"user": user.get_username()},
    )
    if retried:
        publish_deliveries_after_commit([message.pk])
    return bool(retried)


def dispatch_now() -> None:
    from .tasks import dispatch_due

    publish_after_commit(dispatch_due)
