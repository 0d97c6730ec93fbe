"""A State's record under the Convention: its dates, status, regional group and obligations."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import Country

from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line

from .. import names, rules
from ..consistency import StateRecord, record_errors
from ..rules import Status
from .obligations import Article5Extension, RetainedMines

if TYPE_CHECKING:
    from ..deadlines import Deadline, TimelineEvent


def validate_iso3(code: str) -> None:
    if not countries.alpha2(code):
        raise ValidationError(
            _("“%(code)s” is not an ISO 3166 alpha-3 country code."),
            code="unknown_country",
            params={"code": code},
        )


class RegionalGroup(models.TextChoices):
    AFRICAN = "african", _("African Group")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific Group")
    EASTERN_EUROPEAN = "eastern_european", _("Eastern European Group")
    LATIN_AMERICAN_CARIBBEAN = "grulac", _("Latin American and Caribbean Group")
    WESTERN_EUROPEAN_OTHERS = "weog", _("Western European and Others Group")
    NONE = "none", _("No regional group")


class Instrument(models.TextChoices):
    RATIFICATION = "ratification", _("Ratification")
    ACCESSION = "accession", _("Accession")
    SUCCESSION = "succession", _("Succession")


class OpenObligation(models.TextChoices):
    ARTICLE_3 = "article3", _("Article 3: retains mines")
    ARTICLE_4 = "article4", _("Article 4: stockpile destruction")
    ARTICLE_5 = "article5", _("Article 5: mine clearance")


class StatePartyQuerySet(AuditedQuerySet):
    def in_name_order(self, language: str | None = None) -> StatePartyQuerySet:
        """Alphabetical by the name in ``language`` (default: the reader's), as lists show it."""
        return self.order_by(names.name_order(language=language), "pk")

    def with_status(self, on: date | None = None) -> StatePartyQuerySet:
        """Annotate ``status_code`` as of a day, by the same rule as ``rules.status_on``."""
        on = on or timezone.localdate()
        return self.annotate(
            status_code=Case(
                When(withdrawal_effective__lte=on, then=Value(Status.WITHDRAWN.value)),
                When(
                    withdrawal_deposit_date__lte=on,
                    then=Value(Status.WITHDRAWAL_PENDING.value),
                ),
                When(entry_into_force__lte=on, then=Value(Status.STATE_PARTY.value)),
                When(deposit_date__lte=on, then=Value(Status.ENTRY_INTO_FORCE_PENDING.value)),
                When(signature_date__lte=on, then=Value(Status.SIGNATORY.value)),
                default=Value(Status.NOT_PARTY.value),
                output_field=models.CharField(),
            )
        )

    def bound_on(self, on: date | None = None) -> StatePartyQuerySet:
        """States bound by the Convention on a day: in force, withdrawal not yet effective."""
        on = on or timezone.localdate()
        return self.filter(entry_into_force__lte=on).exclude(withdrawal_effective__lte=on)

    def with_latest_retained_mines(self) -> StatePartyQuerySet:
        latest = RetainedMines.objects.filter(state=OuterRef("pk")).order_by("-year")
        return self.annotate(
            latest_retained_year=Subquery(latest.values("year")[:1]),
            latest_retained_quantity=Subquery(latest.values("quantity")[:1]),
        )

    def with_open_obligations(self, obligations: list[str]) -> StatePartyQuerySet:
        """States with any of the named obligations still open."""
        conditions = {
            OpenObligation.ARTICLE_3: Q(latest_retained_quantity__gt=0),
            OpenObligation.ARTICLE_4: Q(had_stockpiles=True, stockpile_destroyed_on__isnull=True),
            OpenObligation.ARTICLE_5: Q(has_mined_areas=True, clearance_completed_on__isnull=True),
        }
        queryset = self
        if (
            OpenObligation.ARTICLE_3 in obligations
            and "latest_retained_quantity" not in self.query.annotations
        ):
            queryset = queryset.with_latest_retained_mines()
        q = Q()
        for obligation in obligations:
            q |= conditions[OpenObligation(obligation)]
        return queryset.filter(q)


class StateParty(models.Model):
    """A State's record under the Convention, party or not yet, current or withdrawn.

    Dates the Convention derives (entry into force, when a withdrawal takes effect) are kept in
    columns so that lists can filter and sort on them; ``save`` recomputes them from the
    entered dates every time, by ``rules``.
    """

    iso3 = models.CharField(
        _("ISO 3166 alpha-3 code"),
        max_length=3,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Z]{3}$", _("Three capital letters, e.g. KHM.")),
            validate_iso3,
        ],
    )
    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("The short name used in the Convention's documents."),
        validators=[validate_single_line],
    )
    name_fr = models.CharField(
        _("name in French"),
        max_length=120,
        blank=True,
        help_text=_("The United Nations' short name in French; filled in when left blank."),
        validators=[validate_single_line],
    )
    name_es = models.CharField(
        _("name in Spanish"),
        max_length=120,
        blank=True,
        help_text=_("The United Nations' short name in Spanish; filled in when left blank."),
        validators=[validate_single_line],
    )
    regional_group = models.CharField(
        _("UN regional group"),
        max_length=20,
        choices=RegionalGroup.choices,
        default=RegionalGroup.NONE,
    )
    signature_date = models.DateField(_("signature"), null=True, blank=True)
    instrument = models.CharField(
        _("instrument"), max_length=20, choices=Instrument.choices, blank=True
    )
    deposit_date = models.DateField(
        _("deposit of instrument"),
        null=True,
        blank=True,
        help_text=_("The day the UN Secretary-General received the instrument."),
    )
    entry_into_force_override = models.DateField(
        _("entry into force (override)"),
        null=True,
        blank=True,
        help_text=_("Only when the depositary's date differs from the Article 17 rule."),
    )
    entry_into_force_override_reason = models.TextField(_("reason for the override"), blank=True)
    entry_into_force = models.DateField(_("entry into force"), null=True, editable=False)

    withdrawal_deposit_date = models.DateField(
        _("withdrawal instrument received"), null=True, blank=True
    )
    withdrawal_suspended = models.BooleanField(
        _("withdrawal suspended by armed conflict"),
        default=False,
        help_text=_("Article 20.3: the withdrawal takes effect only when the armed conflict ends."),
    )
    armed_conflict_ended_on = models.DateField(_("armed conflict ended on"), null=True, blank=True)
    withdrawal_effective = models.DateField(_("withdrawal takes effect"), null=True, editable=False)

    had_stockpiles = models.BooleanField(
        _("had stockpiled anti-personnel mines"),
        null=True,
        blank=True,
        help_text=_("Unknown until reported."),
    )
    stockpile_destroyed_on = models.DateField(
        _("stockpile destruction completed on"), null=True, blank=True
    )
    has_mined_areas = models.BooleanField(
        _("has reported mined areas"),
        null=True,
        blank=True,
        help_text=_("Areas under its jurisdiction or control (Article 5)."),
    )
    clearance_completed_on = models.DateField(
        _("completion of Article 5 declared on"), null=True, blank=True
    )
    clearance_deadline = models.DateField(
        _("current Article 5 deadline"),
        null=True,
        editable=False,
        db_index=True,
        help_text=_("The original deadline, or the latest one an extension granted."),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = AuditedHistory()
    objects = StatePartyQuerySet.as_manager()
    #: Records whose history shows on the State's history page.
    history_includes = (
        ("states_parties.Contact", "state"),
        ("states_parties.Article5Extension", "state"),
        ("states_parties.RetainedMines", "state"),
        ("reporting.Submission", "state"),
        ("reporting.Article9Record", "state"),
    )

    class Meta:
        verbose_name = _("State")
        verbose_name_plural = _("States")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(instrument="") | Q(deposit_date__isnull=True),
                name="deposit_has_instrument",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        self.refresh_derived_dates()
        self.fill_default_names()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("states_parties:detail", args=[self.iso3])

    # --- identity ---------------------------------------------------------------------------

    def name_in(self, language: str | None) -> str:
        """The State's name in English, French or Spanish (any other language: English)."""
        language = names.language_of(language)
        if language == "fr":
            return self.name_fr or self.name
        if language == "es":
            return self.name_es or self.name
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the language of the page, document or message being made."""
        return self.name_in(translation.get_language())

    def fill_default_names(self) -> None:
        """French and Spanish names left blank take the UN short names."""
        for language in ("fr", "es"):
            field = f"name_{language}"
            if not getattr(self, field) and self.iso3:
                setattr(self, field, names.default_name(self.iso3, language))

    @property
    def country(self) -> Country:
        return Country(code=countries.alpha2(self.iso3) or self.iso3)

    # --- derived dates ----------------------------------------------------------------------

    @property
    def computed_entry_into_force(self) -> date | None:
        return rules.entry_into_force(self.deposit_date) if self.deposit_date else None

    def refresh_derived_dates(self) -> None:
        self.entry_into_force = self.entry_into_force_override or self.computed_entry_into_force
        granted = (
            self.clearance_extensions.filter(outcome=Article5Extension.Outcome.GRANTED)
            .order_by("submitted_on", "pk")
            .values_list("granted_until", flat=True)
            if self.pk
            else []
        )
        self.clearance_deadline = rules.current_clearance_deadline(self.entry_into_force, granted)
        self.withdrawal_effective = (
            rules.withdrawal_effective(
                self.withdrawal_deposit_date,
                suspended_by_armed_conflict=self.withdrawal_suspended,
                conflict_ended_on=self.armed_conflict_ended_on,
            )
            if self.withdrawal_deposit_date
            else None
        )

    # --- validation -------------------------------------------------------------------------

    def clean(self) -> None:
        """The record's dates must be possible and consistent (``consistency``)."""
        errors = record_errors(StateRecord.of(self), timezone.localdate())
        if errors:
            raise ValidationError(errors)

    # --- status and obligations ---------------------------------------------------------------

    def status_on(self, on: date) -> Status:
        return rules.status_on(
            on,
            signature=self.signature_date,
            deposit=self.deposit_date,
            in_force=self.entry_into_force,
            withdrawal_deposit=self.withdrawal_deposit_date,
            withdrawal_effective_on=self.withdrawal_effective,
        )

    @cached_property
    def status(self) -> Status:
        code = getattr(self, "status_code", None)
        return Status(code) if code else self.status_on(timezone.localdate())

    @property
    def initial_report_due(self) -> date | None:
        return rules.initial_report_due(self.entry_into_force) if self.entry_into_force else None

    @property
    def stockpile_destruction_deadline(self) -> date | None:
        if not self.entry_into_force:
            return None
        return rules.stockpile_destruction_deadline(self.entry_into_force)

    @property
    def clearance_original_deadline(self) -> date | None:
        return rules.clearance_deadline(self.entry_into_force) if self.entry_into_force else None

    @property
    def article4_open(self) -> bool:
        return bool(self.had_stockpiles) and self.stockpile_destroyed_on is None

    @property
    def article5_open(self) -> bool:
        return bool(self.has_mined_areas) and self.clearance_completed_on is None

    # The dated obligations and the record's story: ``deadlines`` (one place for both).

    def deadlines(self, initial_report: date | bool | None = False) -> list[Deadline]:
        """Every dated obligation, each with the rule that produced it (see
        ``deadlines.deadlines_of``)."""
        from ..deadlines import deadlines_of

        return deadlines_of(self, initial_report)

    def timeline(self) -> list[TimelineEvent]:
        """Everything dated in the State's record, oldest first (``deadlines.timeline_of``)."""
        from ..deadlines import timeline_of

        return timeline_of(self)

    def entry_into_force_rule(self) -> str:
        from ..deadlines import entry_into_force_rule

        return entry_into_force_rule(self)

    def withdrawal_rule(self) -> str:
        from ..deadlines import withdrawal_rule

        return withdrawal_rule(self)
