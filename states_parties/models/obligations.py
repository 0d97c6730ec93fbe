"""What a State reported or requested under an article: Article 5 extension requests and the
mines it retained under Article 3."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.audit import AuditedHistory, AuditedQuerySet


class Article5Extension(models.Model):
    """A request to extend the Article 5 clearance deadline and what the States Parties decided."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Not granted")
        WITHDRAWN = "withdrawn", _("Withdrawn by the State")

    state = models.ForeignKey(
        "states_parties.StateParty",
        on_delete=models.PROTECT,
        related_name="clearance_extensions",
        verbose_name=_("State"),
    )
    submitted_on = models.DateField(_("submitted on"))
    requested_until = models.DateField(_("deadline requested"))
    decision_meeting = models.CharField(
        _("decided at"),
        max_length=20,
        blank=True,
        help_text=_("The Meeting or Review Conference, e.g. 22MSP or 5RC."),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    granted_until = models.DateField(_("new deadline granted"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Article 5 extension request")
        verbose_name_plural = _("Article 5 extension requests")
        ordering = ["state", "submitted_on"]

    def __str__(self) -> str:
        return f"{self.state} {self.submitted_on:%Y-%m-%d}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        decided = self.outcome in (self.Outcome.GRANTED, self.Outcome.REFUSED)
        if self.requested_until and self.submitted_on and self.requested_until <= self.submitted_on:
            errors["requested_until"] = _("The deadline requested must be after the request.")
        if decided and not self.decided_on:
            errors["decided_on"] = _("Enter the date of the decision.")
        if self.decided_on and self.submitted_on and self.decided_on < self.submitted_on:
            errors["decided_on"] = _("The decision cannot precede the request.")
        if self.outcome == self.Outcome.GRANTED:
            if not self.granted_until:
                errors["granted_until"] = _("Enter the new deadline that was granted.")
            elif (
                self.state_id
                and self.state.clearance_original_deadline
                and self.granted_until <= self.state.clearance_original_deadline
            ):
                errors["granted_until"] = _(
                    "The new deadline must be later than the original deadline (%(date)s)."
                ) % {"date": self.state.clearance_original_deadline.isoformat()}
        elif self.granted_until:
            errors["granted_until"] = _("Only a granted request has a new deadline.")
        if self.state_id and self.state.has_mined_areas is False:
            errors["state"] = _("This State has not reported mined areas (Article 5).")
        if errors:
            raise ValidationError(errors)


class RetainedMines(models.Model):
    """Article 3: anti-personnel mines a State retained for training, as reported for a year."""

    state = models.ForeignKey(
        "states_parties.StateParty",
        on_delete=models.PROTECT,
        related_name="retained_mines",
        verbose_name=_("State"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quantity = models.PositiveIntegerField(_("mines retained"))
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("E.g. the Article 7 report, Form D.")
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mines retained (Article 3)")
        verbose_name_plural = _("mines retained (Article 3)")
        ordering = ["state", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "year"],
                name="one_retained_figure_per_year",
                violation_error_message=_(
                    "A figure for this year is already recorded for the State; edit it instead."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} {self.year}: {self.quantity}"

    def clean(self) -> None:
        this_year = timezone.localdate().year
        if self.year and not (1997 <= self.year <= this_year):
            raise ValidationError(
                {"year": _("Enter a year from 1997 to %(year)s.") % {"year": this_year}}
            )
