"""Letters to States Parties, their replies, reminder rules, and every outgoing e-mail.

An ``OutgoingMessage`` is one e-mail to one contact: a letter's copy for that contact, or one
reminder a rule planned (one row per rule, State, contact, anchor period and offset, which a
unique constraint enforces). The outbox and the "upcoming sends" page are views of that one
table; ``delivery`` moves its rows from planned to sent. Only ``services``, ``planning`` and
``delivery`` write.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line
from common.uploads import validate_document
from reporting.models import Audience
from states_parties.models import Contact, StateParty

from . import merge

LANGUAGES = [code for code, _label in Contact.Language.choices]
#: When the contact's language has no text: English first, then whichever exists.
FALLBACK_ORDER = ["en", "fr", "es"]


class MultilingualText(models.Model):
    """A subject and body in English, French and Spanish, with merge fields."""

    subject_en = models.CharField(
        _("subject (English)"), max_length=300, blank=True, validators=[validate_single_line]
    )
    body_en = models.TextField(_("text (English)"), blank=True)
    subject_fr = models.CharField(
        _("subject (French)"), max_length=300, blank=True, validators=[validate_single_line]
    )
    body_fr = models.TextField(_("text (French)"), blank=True)
    subject_es = models.CharField(
        _("subject (Spanish)"), max_length=300, blank=True, validators=[validate_single_line]
    )
    body_es = models.TextField(_("text (Spanish)"), blank=True)

    class Meta:
        abstract = True

    def text_in(self, language: str) -> tuple[str, str]:
        return getattr(self, f"subject_{language}", ""), getattr(self, f"body_{language}", "")

    @property
    def languages(self) -> list[str]:
        """The languages with both a subject and a text."""
        return [code for code in LANGUAGES if all(part.strip() for part in self.text_in(code))]

    def choose(self, language: str) -> merge.Chosen:
        """The text for a contact who prefers ``language``; another one if it is missing."""
        available = self.languages
        if language in available:
            return merge.Chosen(language, *self.text_in(language), fallback=False)
        for code in FALLBACK_ORDER:
            if code in available:
                return merge.Chosen(code, *self.text_in(code), fallback=True)
        raise ValueError("no language has a text")

    def offered_fields(self) -> list[str]:
        """The merge fields this letter or reminder can fill for its audience."""
        raise NotImplementedError

    def clean_text(self) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        offered = self.offered_fields()
        for code in LANGUAGES:
            subject, body = self.text_in(code)
            if bool(subject.strip()) != bool(body.strip()):
                missing = f"body_{code}" if subject.strip() else f"subject_{code}"
                errors.setdefault(missing, []).append(
                    str(_("Give both a subject and a text in this language, or neither."))
                )
            for field, text in ((f"subject_{code}", subject), (f"body_{code}", body)):
                problems = merge.check(text, offered)
                if problems:
                    errors.setdefault(field, []).extend(problems)
        if not self.languages and not errors:
            errors["subject_en"] = [str(_("Write the text in at least one language."))]
        return errors


def contacts_of_kinds(kinds: list[str]):
    contacts = Contact.objects.filter(active=True)
    return contacts.filter(kind__in=kinds) if kinds else contacts


# --- letters ---------------------------------------------------------------------------------


class LetterQuerySet(AuditedQuerySet):
    def visible_to(self, user) -> LetterQuerySet:
        """ISU staff see every letter; committee members their committees' letters."""
        from accounts.permissions import can_edit_records, committee_ids_for

        if can_edit_records(user):
            return self
        if getattr(user, "is_observer", True):
            return self.none()
        return self.filter(committee_id__in=committee_ids_for(user))


class Letter(MultilingualText):
    """A letter to a group of States Parties, e-mailed to each State's contacts."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SENT = "sent", _("Sent")

    class Addressees(models.TextChoices):
        AUDIENCE = "audience", _("An audience")
        HAND_PICKED = "hand_picked", _("States picked by hand")
        NON_REPLIERS = "non_repliers", _("Those who have not replied to an earlier letter")

    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("For lists and the record; not sent."),
        validators=[validate_single_line],
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("sending committee"),
        help_text=_("Leave empty for a letter of the ISU; its members may then not read it."),
    )
    addressees = models.CharField(
        _("addressed to"), max_length=20, choices=Addressees.choices, default=Addressees.AUDIENCE
    )
    audience = models.ForeignKey(
        Audience,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("audience"),
    )
    states = models.ManyToManyField(
        StateParty, blank=True, related_name="letters_picked", verbose_name=_("States picked")
    )
    follow_up_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follow-up of"),
    )
    contact_kinds = models.JSONField(
        _("contacts who receive it"),
        default=list,
        blank=True,
        help_text=_("None ticked: every active contact of each State."),
    )
    reply_due = models.DateField(
        _("reply expected by"),
        null=True,
        blank=True,
        help_text=_("Leave empty when no reply is expected."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    #: The last person who changed the draft: an author too, so never its second approver.
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    #: The draft's number: 1 when written, one more at each change (shown on draft PDFs).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    signatory = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"role": "isu_staff", "is_active": True},
        verbose_name=_("signed by"),
        help_text=_(
            "For a letter of the ISU: the member of staff who signs it; empty: the ISU's "
            "Director. A committee's letter is signed by its Chair."
        ),
    )

    history = AuditedHistory(m2m_fields=[states])
    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("correspondence:letter", args=[self.pk])

    @property
    def reference(self) -> str:
        """``CCC/2026/12``: the sender, the year it was written and its number."""
        sender = self.committee.code if self.committee_id else "ISU"
        year = (self.created_at or timezone.now()).year
        return f"{sender}/{year}/{self.pk or '—'}"

    @property
    def is_editable(self) -> bool:
        return self.status != self.Status.SENT

    @property
    def letter_date(self):
        """The letter's date: the day it was approved for sending (``None`` for a draft).
        The e-mails, the PDF record and every later rendering carry it."""
        return timezone.localdate(self.approved_at) if self.approved_at else None

    @property
    def authors(self) -> set[int]:
        """Who wrote or changed the draft: never its second approver."""
        return {pk for pk in (self.created_by_id, self.updated_by_id) if pk}

    def offered_fields(self) -> list[str]:
        return merge.offered_fields(
            kind="letter",
            audience_query=self.audience.query if self.audience_id else "",
            addressees=self.addressees,
            has_committee=bool(self.committee_id),
            has_reply_due=bool(self.reply_due),
        )

    # --- a draft as PDF, for review (marked as a draft on every page) -----------------------

    def pdf_source(self):
        """The draft as its first recipient would receive it, marked "DRAFT · v3"."""
        from documents.pdf import PdfSource

        from .render import draft_marking, letter_pdf_context
        from .services import sample_copies

        samples = sample_copies(self, count=1)
        if not samples:
            raise ValueError("the letter addresses nobody yet")
        copy = samples[0]
        return PdfSource(
            "correspondence/letter_pdf.html",
            letter_pdf_context(copy, watermark=draft_marking(self, copy.language)),
            copy.language,
            f"{self.reference.replace('/', '-')}-draft-v{self.version}.pdf",
        )

    def pdf_readable_by(self, user) -> bool:
        from accounts.permissions import can_read_letter

        return can_read_letter(user, self.committee_id)

    def clean(self) -> None:
        errors = self.clean_text()
        if self.addressees == self.Addressees.AUDIENCE and not self.audience_id:
            errors.setdefault("audience", []).append(str(_("Choose the audience.")))
        if self.addressees != self.Addressees.AUDIENCE and self.audience_id:
            errors.setdefault("audience", []).append(
                str(_("An audience is used only when the letter is addressed to one."))
            )
        if self.addressees == self.Addressees.NON_REPLIERS:
            if not self.follow_up_of_id:
                errors.setdefault("follow_up_of", []).append(
                    str(_("Choose the letter this one follows up."))
                )
            elif self.follow_up_of.status != self.Status.SENT:
                errors.setdefault("follow_up_of", []).append(
                    str(_("Only a letter that was sent can be followed up."))
                )
        if self.reply_due and self.reply_due < timezone.localdate() and self.is_editable:
            errors.setdefault("reply_due", []).append(str(_("This date has passed.")))
        if self.committee_id and self.signatory_id:
            errors.setdefault("signatory", []).append(
                str(
                    _(
                        "A committee's letter is signed by its Chair; choose a signatory only "
                        "for a letter of the ISU."
                    )
                )
            )
        if errors:
            raise ValidationError(errors)


class LetterRecipientQuerySet(AuditedQuerySet):
    def awaiting_reply(self) -> LetterRecipientQuerySet:
        """Recipients of letters that expect a reply and have none recorded."""
        return self.filter(letter__reply_due__isnull=False, replies__isnull=True)


class LetterRecipient(models.Model):
    """A State a letter was sent to (fixed when it is sent)."""

    letter = models.ForeignKey(
        Letter, on_delete=models.PROTECT, related_name="recipients", verbose_name=_("letter")
    )
    state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        related_name="letters_received",
        verbose_name=_("State Party"),
    )

    history = AuditedHistory()
    objects = LetterRecipientQuerySet.as_manager()

    class Meta:
        verbose_name = _("letter recipient")
        verbose_name_plural = _("letter recipients")
        ordering = ["letter", "state__name"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "state"], name="one_recipient_per_letter")
        ]

    def __str__(self) -> str:
        return f"{self.letter.reference} → {self.state}"


class ReplyQuerySet(AuditedQuerySet):
    def visible_to(self, user) -> ReplyQuerySet:
        """A reply is read by whoever reads the letter it answers."""
        return self.filter(recipient__letter__in=Letter.objects.visible_to(user).values("pk"))


def reply_upload_to(reply: Reply, filename: str) -> str:
    return f"replies/{reply.recipient.letter_id}/{reply.recipient.state.iso3}-{filename}"


class Reply(models.Model):
    """A State's answer to a letter."""

    recipient = models.ForeignKey(
        LetterRecipient,
        on_delete=models.PROTECT,
        related_name="replies",
        verbose_name=_("letter and State"),
    )
    received_on = models.DateField(_("received on"))
    summary = models.TextField(_("summary"))
    attachment = models.FileField(
        _("attachment"),
        upload_to=reply_upload_to,
        blank=True,
        # Checked by content, size-capped, and downloaded only through
        # ``correspondence:reply_attachment`` by those who may read the letter.
        validators=[validate_document],
        help_text=_(
            "PDF, Word, Excel or OpenDocument text; downloaded only by those who may read the "
            "letter."
        ),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    history = AuditedHistory()
    objects = ReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["-received_on"]

    def __str__(self) -> str:
        return f"{self.recipient.state}: {self.received_on}"

    def clean(self) -> None:
        if self.received_on and self.received_on > timezone.localdate():
            raise ValidationError({"received_on": _("This date is in the future.")})
        letter = self.recipient.letter if self.recipient_id else None
        if (
            letter
            and letter.sent_at
            and self.received_on
            and self.received_on < timezone.localdate(letter.sent_at)
        ):
            raise ValidationError(
                {"received_on": _("A reply cannot arrive before the letter was sent.")}
            )


# --- reminder rules --------------------------------------------------------------------------


class Anchor(models.TextChoices):
    ARTICLE7_ANNUAL = "article7_annual", _("Article 7 annual report due (30 April)")
    ARTICLE7_INITIAL = "article7_initial", _("Article 7 initial report due")
    ARTICLE5_DEADLINE = "article5_deadline", _("Article 5 clearance deadline")
    ARTICLE5_EXTENSION_REQUEST = (
        "article5_extension_request",
        _("Date by which an Article 5 extension request is expected"),
    )
    LETTER_REPLY = "letter_reply", _("Reply due date of a letter")
    TERM_END = "term_end", _("End of a committee term")


def validate_offsets(value) -> None:
    if not isinstance(value, list) or not value or not all(isinstance(v, int) for v in value):
        raise ValidationError(_("Give at least one offset in days, e.g. -60, -30, -7, 1, 30."))
    if len(set(value)) != len(value):
        raise ValidationError(_("Each offset once."))
    if any(abs(v) > 3660 for v in value):
        raise ValidationError(_("Offsets are at most ten years (3,660 days) either way."))


class ReminderRule(MultilingualText):
    """When to remind whom of what: offsets in days from an anchor date, for an audience."""

    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_single_line]
    )
    anchor = models.CharField(_("anchor"), max_length=40, choices=Anchor.choices)
    offsets = models.JSONField(
        _("offsets in days"),
        validators=[validate_offsets],
        help_text=_("Negative before the anchor date, positive after, e.g. -60, -30, -7, 1, 30."),
    )
    send_time = models.TimeField(
        _("time of day"),
        default="09:00",
        help_text=_("Local time in Geneva at which the reminders of a day go out."),
    )
    audience = models.ForeignKey(
        Audience,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reminder_rules",
        verbose_name=_("audience"),
        help_text=_("Leave empty for every State the anchor applies to."),
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reminder_rules",
        verbose_name=_("committee"),
        help_text=_("The sending committee; for “end of a committee term”, whose terms."),
    )
    letter = models.ForeignKey(
        Letter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reminder_rules",
        verbose_name=_("letter"),
        help_text=_("For “reply due date of a letter”: the letter awaiting replies."),
    )
    contact_kinds = models.JSONField(
        _("contacts who receive it"),
        default=list,
        blank=True,
        help_text=_("None ticked: every active contact of each State."),
    )
    effective_from = models.DateField(
        _("effective from"),
        default=timezone.localdate,
        help_text=_("Nothing that would have gone out before this day is ever sent."),
    )
    active = models.BooleanField(_("on"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("correspondence:rule", args=[self.pk])

    @property
    def offsets_display(self) -> str:
        return ", ".join(f"{offset:+d}" if offset else "0" for offset in sorted(self.offsets))

    def offered_fields(self) -> list[str]:
        return merge.offered_fields(
            kind="reminder",
            anchor=self.anchor,
            audience_query=self.audience.query if self.audience_id else "",
            has_committee=bool(self.committee_id),
        )

    def clean(self) -> None:
        errors = self.clean_text()
        if self.anchor == Anchor.LETTER_REPLY and self.letter_id:
            # "Recordatorio: {{ letter_subject }}" must not print an English subject.
            available = self.letter.languages
            for code, label in Contact.Language.choices:
                subject, body = self.text_in(code)
                uses = {
                    name
                    for text in (subject, body)
                    if text.strip() and not merge.check(text)
                    for name in merge.usage(text).fields
                }
                if "letter_subject" in uses and code not in available:
                    errors.setdefault(f"subject_{code}", []).append(
                        str(
                            _(
                                "“{{ letter_subject }}” has no value in %(language)s: the "
                                "letter has no text in %(language)s."
                            )
                        )
                        % {"language": str(label).lower()}
                    )
        if self.anchor == Anchor.LETTER_REPLY:
            if not self.letter_id:
                errors.setdefault("letter", []).append(str(_("Choose the letter.")))
            elif not self.letter.reply_due:
                errors.setdefault("letter", []).append(
                    str(_("This letter expects no reply (it has no reply date)."))
                )
        elif self.letter_id:
            errors.setdefault("letter", []).append(
                str(_("A letter is chosen only for the anchor “reply due date of a letter”."))
            )
        if errors:
            raise ValidationError(errors)


# --- outgoing messages -----------------------------------------------------------------------


class MessageStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")
    MISSED = "missed", _("Missed")


#: States a later re-planning may change: nothing has gone out, nothing is under way.
REPLANNABLE = (MessageStatus.PLANNED, MessageStatus.SKIPPED, MessageStatus.MISSED)


class OutgoingMessageQuerySet(models.QuerySet):
    def upcoming(self) -> OutgoingMessageQuerySet:
        return self.filter(status=MessageStatus.PLANNED)

    def due(self, now) -> OutgoingMessageQuerySet:
        return self.filter(status=MessageStatus.PLANNED, next_attempt_at__lte=now)


class OutgoingMessage(models.Model):
    """One e-mail to one contact: a copy of a letter, or a reminder planned by a rule."""

    class Kind(models.TextChoices):
        LETTER = "letter", _("Letter")
        REMINDER = "reminder", _("Reminder")

    Status = MessageStatus

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        related_name="outgoing_messages",
        verbose_name=_("State Party"),
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="messages", verbose_name=_("contact")
    )
    letter = models.ForeignKey(
        Letter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("letter"),
    )
    rule = models.ForeignKey(
        ReminderRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("reminder rule"),
    )
    #: What the anchor date belongs to: the report year, the deadline, the letter, the term.
    period = models.CharField(_("anchor period"), max_length=60, blank=True)
    offset_days = models.IntegerField(_("offset in days"), null=True, blank=True)
    anchor_date = models.DateField(_("anchor date"), null=True, blank=True)
    send_at = models.DateTimeField(_("planned for"))
    #: When the next attempt may start: ``send_at``, or later after a transient failure.
    next_attempt_at = models.DateTimeField(_("next attempt"))
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PLANNED
    )
    to_address = models.EmailField(_("to"), blank=True)
    language = models.CharField(_("language"), max_length=2, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    #: Transient failures since the last manual retry; sets the backoff and the give-up point.
    transient_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(_("last error"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True)
    #: Set just before the end of the SMTP DATA is written: from then on the message may have
    #: been delivered and is never sent again (see ``delivery``).
    handed_over_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    #: Sent, but the server's acceptance was never read (the worker stopped after handing over).
    unconfirmed = models.BooleanField(_("unconfirmed"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutgoingMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-next_attempt_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "state", "contact", "period", "offset_days"],
                condition=Q(rule__isnull=False),
                name="one_reminder_per_rule_contact_period_offset",
            ),
            models.UniqueConstraint(
                fields=["letter", "contact"],
                condition=Q(letter__isnull=False),
                name="one_copy_of_a_letter_per_contact",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="letter", letter__isnull=False, rule__isnull=True)
                    | Q(kind="reminder", rule__isnull=False, letter__isnull=True)
                ),
                name="message_from_a_letter_or_a_rule",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="message_status_next"),
            models.Index(fields=["status", "claimed_at"], name="message_status_claimed"),
            models.Index(fields=["rule", "state"], name="message_rule_state"),
            models.Index(fields=["state", "send_at"], name="message_state_send_at"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()} → {self.to_address or self.contact_id}"

    @property
    def message_id(self) -> str:
        """The Message-ID header: derived from the row, the same on every attempt, so that a
        receiving system that deduplicates sees one message (the idempotency key)."""
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "secretariat"
        created = self.created_at or timezone.now()
        return f"<outbox.{self.pk}.{created:%Y%m%d%H%M%S}@{domain}>"

    @property
    def can_retry(self) -> bool:
        return self.status == MessageStatus.FAILED

    # --- the letter on letterhead, through the shared PDF pipeline (documents.pdf) ---------

    @property
    def has_pdf(self) -> bool:
        return self.kind == self.Kind.LETTER and self.letter_id is not None

    def pdf_source(self):
        """The copy as its recipient received it; a copy of a letter not (yet) sent is marked
        as a draft on every page."""
        from documents.pdf import PdfSource

        from .render import draft_marking, letter_pdf_context

        language = self.language or "en"
        sent = self.letter.status == Letter.Status.SENT
        return PdfSource(
            "correspondence/letter_pdf.html",
            letter_pdf_context(
                self, watermark=None if sent else draft_marking(self.letter, language)
            ),
            language,
            self.pdf_filename,
        )

    @property
    def pdf_filename(self) -> str:
        return f"{self.letter.reference.replace('/', '-')}-{self.state.iso3}.pdf"

    def pdf_readable_by(self, user) -> bool:
        from accounts.permissions import can_read_letter

        return self.has_pdf and can_read_letter(user, self.letter.committee_id)

    @property
    def anchor_label(self) -> str:
        return Anchor(self.rule.anchor).label if self.rule_id else ""
