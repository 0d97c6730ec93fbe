from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import Country

from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line

from . import names, rules
from .rules import Status


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


@dataclass(frozen=True)
class TimelineEvent:
    on: date
    label: str
    future: bool


@dataclass(frozen=True)
class Deadline:
    """One dated obligation as the detail page and the export show it."""

    key: str
    label: str
    due: date | None
    rule: str
    met_on: date | None = None
    applies: bool = True
    #: False while the application does not yet record whether the obligation was met.
    tracked: bool = True
    #: A later deadline (an Article 5 extension) replaced this one.
    superseded: bool = False
    #: The day a withdrawal took effect and the State's obligations ended.
    ceased_on: date | None = None

    @property
    def state(self) -> str:
        """``not_applicable``, ``no_date``, ``met``, ``met_late``, ``superseded``, ``ceased``,
        ``untracked``, ``overdue`` or ``open``."""
        today = timezone.localdate()
        if not self.applies:
            return "not_applicable"
        if self.due is None:
            return "no_date"
        if self.met_on is not None:
            return "met_late" if self.met_on > self.due else "met"
        if self.superseded:
            return "superseded"
        if self.ceased_on is not None and self.ceased_on <= today:
            return "ceased"
        if not self.tracked:
            return "untracked"
        return "overdue" if self.due < today else "open"


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
            .order_by("-granted_until")
            .values_list("granted_until", flat=True)
            .first()
            if self.pk
            else None
        )
        self.clearance_deadline = granted or (
            rules.clearance_deadline(self.entry_into_force) if self.entry_into_force else None
        )
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
        errors: dict[str, list[str]] = {}

        def error(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        today = timezone.localdate()
        if self.signature_date and not (
            rules.SIGNATURE_OPENED <= self.signature_date <= rules.SIGNATURE_CLOSED
        ):
            error(
                "signature_date",
                _(
                    "The Convention was open for signature from 3 December 1997 to 28 February "
                    "1999 (Article 15)."
                ),
            )
        for field in (
            "signature_date",
            "deposit_date",
            "withdrawal_deposit_date",
            "armed_conflict_ended_on",
            "stockpile_destroyed_on",
            "clearance_completed_on",
        ):
            value = getattr(self, field)
            if value and value > today:
                error(field, _("This date is in the future."))
        if self.deposit_date:
            if self.deposit_date < rules.SIGNATURE_OPENED:
                error("deposit_date", _("No instrument could be deposited before 3 December 1997."))
            if not self.instrument:
                error("instrument", _("Say which instrument was deposited."))
            elif self.instrument == Instrument.RATIFICATION and not self.signature_date:
                error(
                    "signature_date",
                    _("Only a signatory ratifies; enter the signature date or choose accession."),
                )
            elif self.instrument == Instrument.ACCESSION and self.signature_date:
                error(
                    "instrument",
                    _("A signatory ratifies; accession is for States that did not sign."),
                )
            if self.signature_date and self.deposit_date < self.signature_date:
                error("deposit_date", _("The deposit cannot precede the signature."))
        elif self.instrument:
            error("deposit_date", _("Enter the date the instrument was deposited."))
        if self.entry_into_force_override:
            if not self.entry_into_force_override_reason.strip():
                error("entry_into_force_override_reason", _("Record why the date differs."))
            if not self.deposit_date:
                error("entry_into_force_override", _("There is no deposit to take effect."))
            elif self.entry_into_force_override < self.deposit_date:
                error(
                    "entry_into_force_override",
                    _("Entry into force cannot precede the deposit."),
                )
        elif self.entry_into_force_override_reason.strip():
            error(
                "entry_into_force_override_reason",
                _("Give a reason only when overriding the date of entry into force."),
            )
        if self.withdrawal_deposit_date:
            if not self.deposit_date:
                error(
                    "withdrawal_deposit_date",
                    _("Only a State that deposited an instrument can withdraw."),
                )
            elif self.withdrawal_deposit_date <= self.deposit_date:
                error(
                    "withdrawal_deposit_date",
                    _("The withdrawal must come after the deposit of the instrument."),
                )
        elif self.withdrawal_suspended:
            error("withdrawal_suspended", _("There is no withdrawal to suspend."))
        if self.armed_conflict_ended_on:
            if not self.withdrawal_suspended:
                error(
                    "armed_conflict_ended_on",
                    _("Record the end of an armed conflict only for a suspended withdrawal."),
                )
            elif self.withdrawal_deposit_date and (
                self.armed_conflict_ended_on < self.withdrawal_deposit_date
            ):
                error(
                    "armed_conflict_ended_on",
                    _("The conflict cannot end before the withdrawal was deposited."),
                )
        if self.stockpile_destroyed_on and self.had_stockpiles is not True:
            error(
                "stockpile_destroyed_on",
                _("A completion date needs “had stockpiled anti-personnel mines” set to yes."),
            )
        if self.clearance_completed_on and self.has_mined_areas is not True:
            error(
                "clearance_completed_on",
                _("A declaration of completion needs “has reported mined areas” set to yes."),
            )
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

    def deadlines(self, initial_report: date | bool | None = False) -> list[Deadline]:
        """Every dated obligation, each with the rule that produced it.

        ``initial_report`` is the day the initial Article 7 report arrived, ``None`` if it has
        not, or ``False`` when the caller does not know (it then shows as not recorded)."""
        extended = self.clearance_deadline != self.clearance_original_deadline
        ceased_on = self.withdrawal_effective
        return [
            Deadline(
                "initial_report",
                str(_("Article 7 initial transparency report")),
                self.initial_report_due,
                str(_("Entry into force + 180 days (Article 7.1)")),
                met_on=initial_report or None,
                tracked=initial_report is not False,
                ceased_on=ceased_on,
            ),
            Deadline(
                "stockpile_destruction",
                str(_("Article 4 destruction of stockpiled mines")),
                self.stockpile_destruction_deadline,
                str(_("Entry into force + 4 years, no extension (Article 4)")),
                met_on=self.stockpile_destroyed_on,
                applies=self.had_stockpiles is not False,
                tracked=self.had_stockpiles is True,
                ceased_on=ceased_on,
            ),
            Deadline(
                "clearance_original",
                str(_("Article 5 clearance of mined areas (original deadline)")),
                self.clearance_original_deadline,
                str(_("Entry into force + 10 years (Article 5.1)")),
                met_on=self.clearance_completed_on,
                applies=self.has_mined_areas is not False,
                tracked=self.has_mined_areas is True,
                superseded=extended,
                ceased_on=ceased_on,
            ),
            Deadline(
                "clearance_current",
                str(_("Article 5 clearance of mined areas (current deadline)")),
                self.clearance_deadline,
                str(
                    _("Latest extension granted (Article 5.3-6)")
                    if extended
                    else _("No extension granted: the original deadline")
                ),
                met_on=self.clearance_completed_on,
                applies=self.has_mined_areas is not False,
                tracked=self.has_mined_areas is True,
                ceased_on=ceased_on,
            ),
        ]

    def timeline(self) -> list[TimelineEvent]:
        """Everything dated in the State's record, oldest first (extensions must be prefetched
        by the caller to keep this to the queries already made)."""
        today = timezone.localdate()
        events: list[tuple[date | None, str]] = [
            (self.signature_date, _("Signed the Convention")),
            (
                self.deposit_date,
                _("Deposited its instrument of %(instrument)s")
                % {"instrument": self.get_instrument_display().lower()},
            ),
            (self.entry_into_force, _("Entry into force for the State")),
            (self.initial_report_due, _("Initial Article 7 report due")),
        ]
        if self.had_stockpiles is not False:
            events.append((self.stockpile_destruction_deadline, _("Article 4 deadline")))
        events.append((self.stockpile_destroyed_on, _("Stockpile destruction completed")))
        if self.has_mined_areas is not False:
            events.append((self.clearance_original_deadline, _("Original Article 5 deadline")))
        for extension in self.clearance_extensions.all():
            events.append((extension.submitted_on, _("Article 5 extension requested")))
            if extension.decided_on:
                events.append(
                    (
                        extension.decided_on,
                        _("Extension request: %(outcome)s; new deadline %(deadline)s")
                        % {
                            "outcome": extension.get_outcome_display().lower(),
                            # As every date on the page: the language's short format.
                            "deadline": date_format(extension.granted_until, "SHORT_DATE_FORMAT")
                            if extension.granted_until
                            else "—",
                        },
                    )
                )
        events += [
            (self.clearance_completed_on, _("Declared completion of Article 5")),
            (self.withdrawal_deposit_date, _("Withdrawal instrument received")),
            (self.withdrawal_effective, _("Withdrawal takes effect")),
        ]
        return sorted(
            (TimelineEvent(on, str(label), on > today) for on, label in events if on),
            key=lambda event: event.on,
        )

    def entry_into_force_rule(self) -> str:
        if self.entry_into_force_override:
            return str(_("Set by staff: %(reason)s")) % {
                "reason": self.entry_into_force_override_reason
            }
        if self.entry_into_force == rules.CONVENTION_ENTRY_INTO_FORCE:
            return str(_("Deposited before the Convention entered into force (Article 17.1)"))
        return str(_("First day of the sixth month after the month of deposit (Article 17.2)"))

    def withdrawal_rule(self) -> str:
        if self.withdrawal_suspended and self.withdrawal_effective is None:
            return str(
                _("Suspended while the State is engaged in an armed conflict (Article 20.3)")
            )
        if self.withdrawal_suspended:
            return str(
                _(
                    "On the end of the armed conflict, at least six months after deposit "
                    "(Article 20.3)"
                )
            )
        return str(_("Six months after the depositary received the instrument (Article 20.3)"))


class Article5Extension(models.Model):
    """A request to extend the Article 5 clearance deadline and what the States Parties decided."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Not granted")
        WITHDRAWN = "withdrawn", _("Withdrawn by the State")

    state = models.ForeignKey(
        StateParty,
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
        StateParty,
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


class Contact(models.Model):
    """Someone the secretariat writes to on behalf of a State."""

    class Kind(models.TextChoices):
        PERMANENT_MISSION = "permanent_mission", _("Permanent Mission in Geneva")
        ARTICLE7 = "article7", _("National contact point for Article 7")
        NATIONAL = "national", _("Other national contact point")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")
        SPANISH = "es", _("Spanish")

    class AddressedAs(models.TextChoices):
        """Whom a letter to this contact addresses (see ``addressing``)."""

        PERMANENT_REPRESENTATIVE = (
            "permanent_representative",
            _("The Permanent Representative (“Excellency,”)"),
        )
        MISSION = "mission", _("The Permanent Mission, by its full name")
        MS = "ms", _("A person: Ms (“Dear Ms Rossi,”)")
        MR = "mr", _("A person: Mr (“Dear Mr Rossi,”)")
        SIR_OR_MADAM = "sir_or_madam", _("Unknown (“Dear Sir or Madam,”)")

    state = models.ForeignKey(
        StateParty, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("State")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    function = models.CharField(
        _("function"), max_length=200, blank=True, validators=[validate_single_line]
    )
    email = models.EmailField(_("e-mail"))
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive contacts receive nothing.")
    )
    addressed_as = models.CharField(
        _("letters address"),
        max_length=30,
        choices=AddressedAs.choices,
        default=AddressedAs.SIR_OR_MADAM,
        help_text=_("Sets the salutation and the address block; never taken from the function."),
    )
    family_name = models.CharField(
        _("family name"),
        max_length=100,
        blank=True,
        help_text=_("For Ms or Mr: “Dear Ms Rossi,”."),
        validators=[validate_single_line],
    )
    salutation_en = models.CharField(
        _("salutation (English)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for the default of the form of address."),
        validators=[validate_single_line],
    )
    salutation_fr = models.CharField(
        _("salutation (French)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for the default of the form of address."),
        validators=[validate_single_line],
    )
    salutation_es = models.CharField(
        _("salutation (Spanish)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for the default of the form of address."),
        validators=[validate_single_line],
    )
    address_en = models.TextField(
        _("address block (English)"),
        blank=True,
        help_text=_("The lines above a letter's subject; leave empty for the default."),
    )
    address_fr = models.TextField(
        _("address block (French)"),
        blank=True,
        help_text=_("The lines above a letter's subject; leave empty for the default."),
    )
    address_es = models.TextField(
        _("address block (Spanish)"),
        blank=True,
        help_text=_("The lines above a letter's subject; leave empty for the default."),
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["state", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "kind", "email"],
                name="one_contact_per_address_and_kind",
                violation_error_message=_(
                    "This address is already recorded as this kind of contact for the State."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def clean(self) -> None:
        person = (self.AddressedAs.MS, self.AddressedAs.MR)
        if self.addressed_as in person and not self.family_name.strip():
            raise ValidationError(
                {"family_name": _("Give the family name for “Dear Ms …” or “Dear Mr …”.")}
            )

    def salutation_in(self, language: str) -> str:
        """How a letter in ``language`` opens: the contact's own, or the default."""
        from .addressing import default_salutation

        language = names.language_of(language)
        own = getattr(self, f"salutation_{language}").strip()
        return own or default_salutation(self, language)

    def address_in(self, language: str) -> str:
        """The address block of a letter in ``language``: the contact's own, or the default."""
        from .addressing import default_address

        language = names.language_of(language)
        own = getattr(self, f"address_{language}").strip()
        return own or default_address(self, language)
