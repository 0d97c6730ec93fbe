"""Every write to letters, replies, reminder rules and the outbox."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.collation import sorted_by_text
from common.services import delete_unreferenced
from reporting import audiences
from states_parties.models import Contact, StateParty
from states_parties.names import language_of

from . import merge, planning, render
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
    # In the alphabetical order of the page's language ("Allemagne, Belgique, Cambodge").
    for state in sorted_by_text(states, lambda state: state.display_name):
        preview = RecipientPreview(state)
        for contact in state.recipient_contacts:
            if available:
                chosen = letter.choose(contact.preferred_language)
                preview.contacts.append((contact, chosen.language, chosen.fallback))
        previews.append(preview)
    return previews


#: How many recipients a refusal names before "and 48 more".
NAMED_RECIPIENTS = 10


def needs_second_person(letter: Letter, recipient_count: int) -> bool:
    """A letter on behalf of a committee, or to more than ``LETTER_SECOND_APPROVAL_ABOVE``
    States, is approved by someone who did not write it."""
    return bool(letter.committee_id) or recipient_count > settings.LETTER_SECOND_APPROVAL_ABOVE


def sample_copies(letter: Letter, count: int = 3, previews=None) -> list[OutgoingMessage]:
    """Up to ``count`` copies as recipients would read them, in as many different languages
    as the letter reaches (for the approval page and the draft PDF)."""
    previews = previews if previews is not None else preview_recipients(letter)
    reached = [
        (preview.state, contact, language)
        for preview in previews
        for contact, language, _fallback in preview.contacts
    ]
    chosen: list = []
    for state, contact, language in reached:
        if len(chosen) < count and language not in {picked[2] for picked in chosen}:
            chosen.append((state, contact, language))
    for item in reached:
        if len(chosen) < count and item not in chosen:
            chosen.append(item)
    renderer = render.LetterRenderer(letter, states=[state for state, _c, _l in chosen])
    copies = []
    for state, contact, _language in chosen:
        try:
            copies.append(renderer.copy(state, contact))
        except merge.MergeError:
            continue  # named by letter_problems
    return copies


def unsigned_warning(letter: Letter) -> str:
    """ "" or why the letter will carry the Chair's function without a name."""
    renderer = render.LetterRenderer(letter)
    if not renderer.signature("en").unsigned:
        return ""
    return _(
        "No Chair of %(committee)s is recorded on %(date)s: the letter will be signed "
        "“Chair of the %(committee)s” without a name. Record the Chair on the committee's page "
        "first if you can."
    ) % {
        "committee": letter.committee.display_name,
        "date": merge.format_date(renderer.on, language_of(translation.get_language())),
    }


def letter_problems(letter: Letter, previews=None) -> list[str]:
    """Why the letter cannot go as it is: a merge field with no value for some recipients
    (named, the first ten and the count), a text too long. [] when every field resolves for
    every recipient."""
    previews = previews if previews is not None else preview_recipients(letter)
    renderer = render.LetterRenderer(letter, states=[preview.state for preview in previews])
    problems: list[str] = []
    blank: dict[str, list[str]] = {}
    too_long: list[str] = []
    for preview in previews:
        name = preview.state.display_name
        for contact, language, _fallback in preview.contacts:
            values = renderer.values(preview.state, contact, language)
            subject, body = letter.text_in(language)
            for field_name in merge.blank_fields([subject, body], values):
                if name not in blank.setdefault(field_name, []):
                    blank[field_name].append(name)
            try:
                merge.render_subject(subject, values)
                merge.render(body, values)
            except merge.TooLong as error:
                if name not in too_long:
                    too_long.append(name)
                too_long_error = error
    for field_name, names in blank.items():
        problems.append(
            ngettext(
                "“{{ %(field)s }}” has no value for %(count)s recipient: %(names)s.",
                "“{{ %(field)s }}” has no value for %(count)s recipients: %(names)s.",
                len(names),
            )
            % {"field": field_name, "count": len(names), "names": _named(names)}
        )
    if too_long:
        problems.append(
            ngettext(
                "For %(count)s recipient %(problem)s: %(names)s.",
                "For %(count)s recipients %(problem)s: %(names)s.",
                len(too_long),
            )
            % {"count": len(too_long), "problem": too_long_error, "names": _named(too_long)}
        )
    return problems


def _named(names: list[str]) -> str:
    """The first ten names, and how many more."""
    shown = ", ".join(names[:NAMED_RECIPIENTS])
    more = len(names) - NAMED_RECIPIENTS
    if more <= 0:
        return shown
    return ngettext("%(names)s and %(count)s more", "%(names)s and %(count)s more", more) % {
        "names": shown,
        "count": more,
    }


@transaction.atomic
def save_letter(letter: Letter, states: Iterable[StateParty] | None, user) -> Letter:
    """Save a draft; an approved letter that is edited goes back to draft, one version on."""
    if letter.pk and not Letter.objects.filter(pk=letter.pk).exclude(status="sent").exists():
        raise ValidationError(_("A letter that was sent cannot be changed."))
    if letter.pk is None:
        letter.created_by = user
    else:
        saved = Letter.objects.filter(pk=letter.pk).values_list("version", flat=True).first()
        letter.version = (saved or 0) + 1
    letter.updated_by = user
    letter.status = Letter.Status.DRAFT
    letter.approved_at = letter.approved_by = None
    letter.save()
    letter.states.set(
        states if letter.addressees == Letter.Addressees.HAND_PICKED and states else []
    )
    return letter


@transaction.atomic
def approve_letter(letter: Letter, user) -> Letter:
    """Approve a draft for sending; this fixes the letter's date. A letter that needs a second
    person is refused to its author, and any letter whose merge fields do not all resolve for
    every recipient is refused with the field and the recipients named."""
    if not Letter.objects.filter(pk=letter.pk, status=Letter.Status.DRAFT).exists():
        raise ValidationError(_("Only a draft can be approved."))
    letter.refresh_from_db()
    previews = preview_recipients(letter)
    if needs_second_person(letter, len(previews)) and user.pk in letter.authors:
        raise ValidationError(second_person_reason(letter, len(previews)))
    problems = letter_problems(letter, previews)
    if problems:
        raise ValidationError(problems)
    updated = Letter.objects.filter(pk=letter.pk, status=Letter.Status.DRAFT).update(
        status=Letter.Status.APPROVED, approved_at=timezone.now(), approved_by=user
    )
    if not updated:
        raise ValidationError(_("Only a draft can be approved."))
    letter.refresh_from_db()
    return letter


def second_person_reason(letter: Letter, recipient_count: int) -> str:
    if letter.committee_id:
        return _(
            "A letter on behalf of a committee is approved by its Chair or by another member "
            "of the ISU staff, not by the person who wrote it."
        )
    return ngettext(
        "A letter to more than %(limit)s State is approved by a second person, not by the "
        "person who wrote it (this one addresses %(count)s).",
        "A letter to more than %(limit)s States is approved by a second person, not by the "
        "person who wrote it (this one addresses %(count)s).",
        settings.LETTER_SECOND_APPROVAL_ABOVE,
    ) % {"limit": settings.LETTER_SECOND_APPROVAL_ABOVE, "count": recipient_count}


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
    # The record may have moved since the approval: every field must still resolve.
    problems = letter_problems(letter, previews)
    if problems:
        raise ValidationError(problems)
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
    renderer = render.LetterRenderer(letter, states=[preview.state for preview in previews])
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
            renderer.fill(copy, strict=True)
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
        signatory=letter.signatory,
        created_by=user,
        updated_by=user,
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
