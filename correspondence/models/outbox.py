"""The outbox: every outgoing e-mail, one row per message and contact, and its status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from states_parties.models import Contact, StateParty

from .letters import Letter
from .reminders import Anchor, ReminderRule


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

        from ..render import draft_marking, letter_pdf_context

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
