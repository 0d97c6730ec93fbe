"""What the Meeting decided and asked of the State, completion, previously unknown mined areas
and the figures a State reports against its plan."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from committees.models import Meeting
from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line
from states_parties.models import StateParty

from .requests import ExtensionRequest


class Decision(models.Model):
    """The Meeting's decision on a request: granted or not, the new deadline, its text."""

    request = models.OneToOneField(
        ExtensionRequest,
        on_delete=models.PROTECT,
        related_name="decision",
        verbose_name=_("request"),
    )
    decided_on = models.DateField(_("decided on"))
    granted = models.BooleanField(_("granted"))
    new_deadline = models.DateField(_("new deadline"), null=True, blank=True)
    text = models.TextField(_("text of the decision"), blank=True)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision on an extension request")
        verbose_name_plural = _("decisions on extension requests")
        ordering = ["-decided_on", "pk"]

    def __str__(self) -> str:
        return _("Decision on the request of %(state)s") % {"state": self.request.state}

    def get_absolute_url(self) -> str:
        return reverse("extensions:request", args=[self.request_id])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.granted and not self.new_deadline:
            errors["new_deadline"] = _("Enter the new deadline that was granted.")
        if not self.granted and self.new_deadline:
            errors["new_deadline"] = _("Only a granted request has a new deadline.")
        if self.request_id and self.decided_on:
            request = self.request
            if self.decided_on < request.received_on:
                errors["decided_on"] = _("The decision cannot precede the request.")
            meeting = request.meeting
            if not (meeting.start_date <= self.decided_on <= meeting.end_date):
                errors["decided_on"] = _("The decision is taken while the Meeting sits.")
            deadline = request.deadline_at_request
            if self.new_deadline and deadline and self.new_deadline <= deadline:
                errors["new_deadline"] = _(
                    "The new deadline must be later than the deadline it replaces."
                )
        if errors:
            raise ValidationError(errors)


class DecisionRequirement(models.Model):
    """What the decision asks of the State by a date ("an updated work plan by 30 April
    2027"): a tracked deadline, with reminders to the State's contacts."""

    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        related_name="requirements",
        verbose_name=_("decision"),
    )
    text = models.CharField(_("what is asked"), max_length=300, validators=[validate_single_line])
    due_on = models.DateField(_("due on"))
    met_on = models.DateField(_("received on"), null=True, blank=True)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("request of the decision")
        verbose_name_plural = _("requests of the decisions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("extensions:request", args=[self.decision.request_id])


class CompletionDeclaration(models.Model):
    """A State's declaration that it has completed clearance, presented at a Meeting: it ends
    the Article 5 obligation (the State's record is marked completed)."""

    state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        related_name="completion_declarations",
        verbose_name=_("State"),
    )
    declared_on = models.DateField(_("declared on"))
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="completion_declarations",
        verbose_name=_("presented at"),
        limit_choices_to={"kind__in": Meeting.FORMAL_KINDS},
    )
    notes = models.TextField(_("notes"), blank=True)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("declaration of completion")
        verbose_name_plural = _("declarations of completion")
        ordering = ["-declared_on", "pk"]

    def __str__(self) -> str:
        return _("%(state)s: completion declared") % {"state": self.state}

    def get_absolute_url(self) -> str:
        return reverse("extensions:state", args=[self.state.iso3])


class PreviouslyUnknownArea(models.Model):
    """Mined areas a State found after declaring completion (or after its deadline), as it
    informed the States Parties, and what they decided (the decision of the Twelfth Meeting:
    inform, clear as soon as possible, and request a new deadline where needed)."""

    state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        related_name="previously_unknown_areas",
        verbose_name=_("State"),
    )
    found_on = models.DateField(_("found on"))
    area_m2 = models.PositiveBigIntegerField(_("area (m²)"), null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="previously_unknown_areas",
        verbose_name=_("States Parties informed at"),
        limit_choices_to={"kind__in": Meeting.FORMAL_KINDS},
    )
    decision = models.TextField(_("what the States Parties decided"), blank=True)
    reopens_obligation = models.BooleanField(
        _("reopens the Article 5 obligation"),
        default=True,
        help_text=_("The State is clearing again: its declaration of completion no longer holds."),
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("previously unknown mined area")
        verbose_name_plural = _("previously unknown mined areas")
        ordering = ["-found_on", "pk"]

    def __str__(self) -> str:
        return _("%(state)s: previously unknown mined areas") % {"state": self.state}

    def get_absolute_url(self) -> str:
        return reverse("extensions:state", args=[self.state.iso3])


class ProgressFigure(models.Model):
    """The area a State released in a year, as it reported it (staff enter the figure, from
    the Article 7 report's Form C or the State's update), against its work plan."""

    state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        related_name="clearance_progress",
        verbose_name=_("State"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1999), MaxValueValidator(2100)]
    )
    area_released_m2 = models.PositiveBigIntegerField(_("area released (m²)"))
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("E.g. the Article 7 report, Form C."),
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("area released in a year")
        verbose_name_plural = _("areas released by year")
        ordering = ["state", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "year"],
                name="one_progress_figure_per_year",
                violation_error_message=_(
                    "A figure for this year is already recorded for the State; edit it instead."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} {self.year}: {self.area_released_m2} m²"
