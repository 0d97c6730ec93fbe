"""Letters to States Parties, the States each was sent to, and their replies."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line
from common.uploads import validate_document
from reporting.models import Audience
from states_parties.models import StateParty

from .. import merge
from .texts import MultilingualText


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

        from ..render import draft_marking, letter_pdf_context
        from ..services import sample_copies

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
