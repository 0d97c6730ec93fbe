"""A request to extend a State's Article 5 deadline, its versions and their content."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from committees.models import Meeting
from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line
from common.uploads import validate_document
from states_parties.models import Article5Extension, StateParty


class ExtensionRequestQuerySet(AuditedQuerySet):
    def for_meeting(self, meeting: Meeting) -> ExtensionRequestQuerySet:
        return self.filter(meeting=meeting)

    def undecided(self) -> ExtensionRequestQuerySet:
        return self.filter(decision__isnull=True)


class ExtensionRequest(models.Model):
    """What a State asked for, for which Meeting; the outcome is kept on the State's record
    (``states_parties.Article5Extension``), which sets its current deadline (one rule)."""

    state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        related_name="extension_requests",
        verbose_name=_("State"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="extension_requests",
        verbose_name=_("deciding Meeting"),
        limit_choices_to={"kind__in": Meeting.FORMAL_KINDS},
        help_text=_("The Meeting of the States Parties or Review Conference that decides it."),
    )
    received_on = models.DateField(_("received on"))
    symbol = models.CharField(
        _("document symbol"),
        max_length=60,
        blank=True,
        validators=[validate_single_line],
        help_text=_("E.g. APLC/MSP.22/2025/WP.3."),
    )
    deadline_at_request = models.DateField(
        _("deadline when requested"),
        null=True,
        editable=False,
        help_text=_("The State's current Article 5 deadline when the request arrived."),
    )
    requested_until = models.DateField(_("deadline requested"))
    observations_presented_on = models.DateField(
        _("preliminary observations presented on"),
        null=True,
        blank=True,
        help_text=_("At the Intersessional Meetings."),
    )
    presented_on = models.DateField(
        _("analysis presented at the Meeting on"), null=True, blank=True
    )
    outcome_record = models.OneToOneField(
        Article5Extension,
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="process",
        verbose_name=_("record on the State's page"),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = AuditedHistory()
    objects = ExtensionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["-meeting__start_date", "state__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "meeting"],
                name="one_extension_request_per_meeting",
                violation_error_message=_(
                    "This State already has a request for this Meeting; add a version to it."
                ),
            )
        ]

    def __str__(self) -> str:
        return _("%(state)s, request for %(meeting)s") % {
            "state": self.state,
            "meeting": self.meeting.short_name or self.meeting,
        }

    def get_absolute_url(self) -> str:
        return reverse("extensions:request", args=[self.pk])

    @property
    def period(self) -> relativedelta | None:
        """The extension asked for, from the deadline it would replace."""
        if self.deadline_at_request is None:
            return None
        return relativedelta(self.requested_until, self.deadline_at_request)

    @property
    def period_months(self) -> int | None:
        period = self.period
        return None if period is None else period.years * 12 + period.months

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.meeting_id and not self.meeting.is_formal:
            errors["meeting"] = _("Choose a Meeting of the States Parties or a Review Conference.")
        if self.received_on and self.requested_until and self.requested_until <= self.received_on:
            errors["requested_until"] = _("The deadline requested must be after the request.")
        if self.meeting_id and self.received_on and self.received_on > self.meeting.end_date:
            errors["received_on"] = _("The request must arrive before the Meeting closes.")
        if self.state_id and self.state.has_mined_areas is False:
            errors["state"] = _("This State has not reported mined areas (Article 5).")
        if errors:
            raise ValidationError(errors)


def version_upload_to(version: RequestVersion, filename: str) -> str:
    request = version.request
    return f"extensions/{request.state.iso3}/{request.pk}-v{version.number}-{filename}"


class RequestVersion(models.Model):
    """The request as submitted (the initial version) or revised after the dialogue with the
    Committee, with its file and its content as data: remaining contamination, the yearly work
    plan, the budget and who funds it, what impedes completion and the implications."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("Initial request")
        REVISED = "revised", _("Revised request")

    request = models.ForeignKey(
        ExtensionRequest,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("request"),
    )
    number = models.PositiveSmallIntegerField(_("version"), editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    received_on = models.DateField(_("received on"))
    document = models.FileField(
        _("document"),
        upload_to=version_upload_to,
        blank=True,
        validators=[validate_document],
        help_text=_("PDF, Word, Excel or OpenDocument text."),
    )
    impeding_circumstances = models.TextField(_("circumstances impeding completion"), blank=True)
    humanitarian_implications = models.TextField(_("humanitarian implications"), blank=True)
    social_implications = models.TextField(_("social implications"), blank=True)
    economic_implications = models.TextField(_("economic implications"), blank=True)
    environmental_implications = models.TextField(_("environmental implications"), blank=True)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("version of a request")
        verbose_name_plural = _("versions of requests")
        ordering = ["request", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "number"], name="one_extension_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("extensions:version", args=[self.request_id, self.number])

    def clean(self) -> None:
        if self.request_id and self.received_on and self.received_on < self.request.received_on:
            raise ValidationError({"received_on": _("A version cannot arrive before the request.")})


class HazardousArea(models.Model):
    """Remaining contamination: a confirmed or suspected hazardous area and its size."""

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed hazardous area")
        SUSPECTED = "suspected", _("Suspected hazardous area")

    version = models.ForeignKey(
        RequestVersion, on_delete=models.CASCADE, related_name="areas", verbose_name=_("version")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    location = models.CharField(
        _("location"), max_length=200, blank=True, validators=[validate_single_line]
    )
    area_m2 = models.PositiveBigIntegerField(_("area (m²)"))

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hazardous area")
        verbose_name_plural = _("hazardous areas")
        ordering = ["version", "kind", "location", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.location} {self.area_m2} m²"


class WorkPlanYear(models.Model):
    """One year of the work plan: the area the State plans to release that year."""

    version = models.ForeignKey(
        RequestVersion,
        on_delete=models.CASCADE,
        related_name="work_plan",
        verbose_name=_("version"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1999), MaxValueValidator(2100)]
    )
    area_m2 = models.PositiveBigIntegerField(_("area to release (m²)"))
    budget = models.DecimalField(
        _("budget (USD)"), max_digits=14, decimal_places=0, null=True, blank=True
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("work plan year")
        verbose_name_plural = _("work plan years")
        ordering = ["version", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "year"],
                name="one_work_plan_figure_per_year",
                violation_error_message=_("This year is already in the work plan."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.area_m2} m²"


class Funding(models.Model):
    """Who funds the plan, and how much."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National")
        INTERNATIONAL = "international", _("International")

    version = models.ForeignKey(
        RequestVersion, on_delete=models.CASCADE, related_name="funding", verbose_name=_("version")
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    funder = models.CharField(_("funder"), max_length=200, validators=[validate_single_line])
    amount = models.DecimalField(_("amount (USD)"), max_digits=14, decimal_places=0)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["version", "kind", "funder", "pk"]

    def __str__(self) -> str:
        return f"{self.funder}: {self.amount}"
