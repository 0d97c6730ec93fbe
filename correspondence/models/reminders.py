"""Reminder rules: when to remind whom of what, in days from an anchor date."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line
from reporting.models import Audience
from states_parties.models import Contact

from .. import merge
from .letters import Letter
from .texts import MultilingualText


class Anchor(models.TextChoices):
    ARTICLE7_ANNUAL = "article7_annual", _("Article 7 annual report due (30 April)")
    ARTICLE7_INITIAL = "article7_initial", _("Article 7 initial report due")
    ARTICLE5_DEADLINE = "article5_deadline", _("Article 5 clearance deadline")
    ARTICLE5_EXTENSION_REQUEST = (
        "article5_extension_request",
        _("Date by which an Article 5 extension request is expected"),
    )
    EXTENSION_DECISION_REQUEST = (
        "extension_decision_request",
        _("Date by which a decision on an extension asks something of the State"),
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
