"""Article 7 transparency reports (what is owed, what arrived) and Article 9 measures.

``ExpectedReport`` rows are derived from each State's dates by ``services.sync_expected_reports``
and carry ``received_on`` copied from the matching ``Submission``, so that every compliance list
and dashboard reads one table with plain predicates. Only ``services`` writes either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line
from common.uploads import validate_document
from common.visibility import Visibility
from states_parties.models import StateParty

from .rules import ReportKind, is_overdue, overdue_q

FORMS = "ABCDEFGHIJ"
FORM_LABELS = {
    "A": _("A: national implementation measures"),
    "B": _("B: stockpiled anti-personnel mines"),
    "C": _("C: mined areas"),
    "D": _("D: mines retained or transferred"),
    "E": _("E: conversion of production facilities"),
    "F": _("F: destruction programmes"),
    "G": _("G: mines destroyed"),
    "H": _("H: technical characteristics"),
    "I": _("I: warnings to the population"),
    "J": _("J: other matters (victim assistance, cooperation)"),
}


class ReportStatus(models.TextChoices):
    NOT_YET_DUE = "not_yet_due", _("Not yet due")
    ON_TIME = "on_time", _("Received on time")
    LATE = "late", _("Received late")
    OVERDUE = "overdue", _("Overdue")
    NOT_REQUIRED = "not_required", _("Not required")


class ExpectedReportQuerySet(models.QuerySet):
    def with_status(self, today: date | None = None) -> ExpectedReportQuerySet:
        """Annotate ``status`` and ``days`` (late by, or overdue for) as of ``today``."""
        today = today or timezone.localdate()
        return self.annotate(
            status=Case(
                When(
                    received_on__isnull=False,
                    received_on__lte=F("due_date"),
                    then=Value(ReportStatus.ON_TIME),
                ),
                When(received_on__isnull=False, then=Value(ReportStatus.LATE)),
                When(overdue_q(today), then=Value(ReportStatus.OVERDUE)),
                default=Value(ReportStatus.NOT_YET_DUE),
                output_field=models.CharField(),
            ),
        )

    def overdue(self, today: date | None = None) -> ExpectedReportQuerySet:
        return self.filter(overdue_q(today or timezone.localdate()))

    def due_by(self, today: date | None = None) -> ExpectedReportQuerySet:
        return self.filter(due_date__lt=today or timezone.localdate())


class ExpectedReport(models.Model):
    """A report a State owes under Article 7, derived from its dates (never edited by hand)."""

    # Derived rows follow their State: recomputed, not kept as a record of their own.
    state = models.ForeignKey(StateParty, on_delete=models.CASCADE, related_name="expected_reports")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("calendar year covered"))
    due_date = models.DateField(_("due"))
    received_on = models.DateField(_("received on"), null=True, blank=True)

    objects = ExpectedReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("expected report")
        verbose_name_plural = _("expected reports")
        ordering = ["state", "due_date"]
        constraints = [
            models.UniqueConstraint(fields=["state", "kind", "year"], name="one_expected_report")
        ]
        indexes = [
            models.Index(fields=["due_date", "received_on"], name="expected_due_received"),
            models.Index(fields=["kind", "year"], name="expected_kind_year"),
        ]

    def __str__(self) -> str:
        return f"{self.state} {self.get_kind_display()} {self.year}"

    def status_on(self, today: date) -> ReportStatus:
        if self.received_on is not None:
            return ReportStatus.ON_TIME if self.received_on <= self.due_date else ReportStatus.LATE
        if is_overdue(self.due_date, self.received_on, today):
            return ReportStatus.OVERDUE
        return ReportStatus.NOT_YET_DUE

    def days_on(self, today: date) -> int | None:
        """Days late (received) or overdue (not received); ``None`` when neither."""
        if self.received_on is not None:
            late = (self.received_on - self.due_date).days
            return late if late > 0 else None
        overdue = (today - self.due_date).days
        return overdue if overdue > 0 else None


def submission_upload_to(submission: Submission, filename: str) -> str:
    return f"reports/{submission.state.iso3}/{submission.year}-{submission.kind}-{filename}"


class Submission(models.Model):
    """An Article 7 report as the secretariat received it."""

    state = models.ForeignKey(
        StateParty, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("State")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ReportKind.choices, default=ReportKind.ANNUAL
    )
    year = models.PositiveSmallIntegerField(
        _("calendar year covered"), validators=[MinValueValidator(1999)]
    )
    received_on = models.DateField(_("received on"))
    forms = models.CharField(
        _("forms included"), max_length=10, blank=True, help_text=_("Letters A to J.")
    )
    nothing_new = models.BooleanField(_("cover page only (nothing new to report)"), default=False)
    languages = models.CharField(
        _("languages"), max_length=20, blank=True, help_text=_("E.g. en or en,fr.")
    )
    document = models.FileField(
        _("document"),
        upload_to=submission_upload_to,
        blank=True,
        validators=[validate_document],
        help_text=_(
            "PDF, Word, Excel or OpenDocument text; downloaded only by those who may read it."
        ),
    )
    link = models.URLField(_("link"), blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Who may read the report's document and link (that it arrived is public)."),
    )
    mines_retained = models.PositiveIntegerField(
        _("mines retained (Article 3)"), null=True, blank=True
    )
    stockpile_remaining = models.PositiveIntegerField(
        _("stockpiled mines remaining (Article 4)"), null=True, blank=True
    )
    mined_area_remaining = models.DecimalField(
        _("mined area remaining, m² (Article 5)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    notes = models.TextField(_("notes"), blank=True)
    # Staff acknowledge each report they receive (``services.acknowledge_submission``); until
    # then it waits on their home page.
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True, editable=False)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Article 7 report")
        verbose_name_plural = _("Article 7 reports")
        ordering = ["-received_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "kind", "year"],
                name="one_submission_per_report",
                violation_error_message=_(
                    "This report is already recorded for the State; edit it instead."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} {self.get_kind_display()} {self.year}"

    @property
    def form_list(self) -> list[str]:
        return list(self.forms)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.forms and (set(self.forms) - set(FORMS) or len(set(self.forms)) != len(self.forms)):
            errors["forms"] = _("Forms are letters A to J, each once.")
        if self.nothing_new and self.forms:
            errors["nothing_new"] = _("A cover page only has no forms; clear one or the other.")
        if self.received_on and self.received_on > timezone.localdate():
            errors["received_on"] = _("This date is in the future.")
        if (
            self.year
            and self.received_on
            and self.kind == ReportKind.ANNUAL
            and (self.received_on.year < self.year)
        ):
            errors["received_on"] = _("An annual report cannot arrive before its year begins.")
        if errors:
            raise ValidationError(errors)


class Article9Status(models.TextChoices):
    LEGISLATION_ADOPTED = "legislation_adopted", _("Legislation adopted")
    EXISTING_LAW_SUFFICIENT = "existing_law_sufficient", _("Existing law deemed sufficient")
    IN_PREPARATION = "in_preparation", _("Measures in preparation")
    NOTHING_REPORTED = "nothing_reported", _("Nothing reported")


#: Statuses under which a State's Article 9 obligation is outstanding.
ARTICLE9_OUTSTANDING = (Article9Status.IN_PREPARATION, Article9Status.NOTHING_REPORTED)


class Article9Record(models.Model):
    """A dated statement of a State's Article 9 measures; the latest one is its status."""

    state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        related_name="article9_records",
        verbose_name=_("State"),
    )
    as_of = models.DateField(_("as of"))
    status = models.CharField(_("status"), max_length=30, choices=Article9Status.choices)
    measure = models.CharField(
        _("measure"), max_length=300, blank=True, help_text=_("Title or reference of the law.")
    )
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("E.g. Article 7 report 2024, Form A.")
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Article 9 record")
        verbose_name_plural = _("Article 9 records")
        ordering = ["state", "-as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "as_of"],
                name="one_article9_record_per_day",
                violation_error_message=_("The State already has a record on this date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} {self.as_of}: {self.get_status_display()}"

    def clean(self) -> None:
        if self.as_of and self.as_of > timezone.localdate():
            raise ValidationError({"as_of": _("This date is in the future.")})
        if self.status in (Article9Status.LEGISLATION_ADOPTED,) and not self.measure.strip():
            raise ValidationError({"measure": _("Name the legislation that was adopted.")})


@dataclass(frozen=True)
class YearRate:
    year: int
    expected: int
    received: int
    on_time: int

    @property
    def covered_year(self) -> int:
        """The year the reports cover, as every list names them: the annual reports that fell
        due on 30 April of ``year`` cover the year before."""
        return self.year - 1

    @property
    def on_time_rate(self) -> float:
        return self.on_time / self.expected if self.expected else 0.0

    @property
    def total_rate(self) -> float:
        return self.received / self.expected if self.expected else 0.0

    @property
    def on_time_percent(self) -> int:
        return round(100 * self.on_time_rate)

    @property
    def total_percent(self) -> int:
        return round(100 * self.total_rate)


class Audience(models.Model):
    """A saved, named group of States: a compliance question, or States picked by hand.

    Letters and reminders address an audience; its members are worked out when they are used,
    so an audience such as "missed their latest report" follows the record."""

    class Query(models.TextChoices):
        ALL_BOUND = "all_bound", _("All States Parties")
        OVERDUE = "overdue", _("Missed their latest Article 7 reports (at least N)")
        MISSING_WITH_OBLIGATIONS = (
            "missing_with_obligations",
            _(
                "Missed at least N reports and have open obligations under Article 5 or 4, or "
                "retain mines under Article 3"
            ),
        )
        ARTICLE9_OUTSTANDING = "article9_outstanding", _("Outstanding Article 9 measures")
        CLEARANCE_DEADLINE_WITHIN = (
            "clearance_deadline_within",
            _("Article 5 deadline within N months"),
        )
        HAND_PICKED = "hand_picked", _("States picked by hand")

    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_single_line]
    )
    description = models.TextField(_("description"), blank=True)
    query = models.CharField(_("who"), max_length=40, choices=Query.choices)
    minimum_reports = models.PositiveSmallIntegerField(
        _("N (reports missed)"), default=1, validators=[MinValueValidator(1)]
    )
    months = models.PositiveSmallIntegerField(
        _("N (months ahead)"), default=12, validators=[MinValueValidator(1)]
    )
    states = models.ManyToManyField(
        StateParty, blank=True, related_name="audiences", verbose_name=_("States picked")
    )
    is_builtin = models.BooleanField(
        _("provided by the application"), default=False, editable=False
    )

    history = AuditedHistory(m2m_fields=[states])
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["-is_builtin", "name"]

    def __str__(self) -> str:
        return self.display_name

    # The audiences the application provides are translated through the catalogues (see
    # migration 0002); those staff make are shown as written.
    @property
    def display_name(self) -> str:
        return gettext(self.name)

    @property
    def display_description(self) -> str:
        return gettext(self.description) if self.description else ""

    def clean(self) -> None:
        if self.query != self.Query.HAND_PICKED and self.pk and self.states.exists():
            raise ValidationError(
                {"query": _("Only a hand-picked audience lists States; clear them first.")}
            )


class DueDateCount(models.Model):
    """How many Article 7 reports fall due on one day, and how many of them arrived (on time):
    a read model that the reporting-rate chart sums per year for any ``today`` in a few hundred
    rows, instead of counting every expected report. Recounted by ``services.recount_due_dates``
    for the due dates a write touched."""

    due_date = models.DateField(primary_key=True)
    expected = models.PositiveIntegerField(default=0)
    received = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reports due on a day")
        verbose_name_plural = _("reports due per day")

    def __str__(self) -> str:
        return f"{self.due_date}: {self.received}/{self.expected}"


class ReportingSummary(models.Model):
    """Each State's Article 7 record on ``computed_on``, and its latest Article 9 statement: a
    read model that lists and
    dashboards filter and sort on, so that they read one short table however many States and
    years there are. Rebuilt by ``services.refresh_summaries`` whenever reports or dates change
    and on the first read of a new day (reports fall overdue as days pass)."""

    state = models.OneToOneField(
        StateParty, on_delete=models.CASCADE, primary_key=True, related_name="reporting"
    )
    computed_on = models.DateField(db_index=True)
    overdue_count = models.PositiveIntegerField(default=0)
    consecutive_missing = models.PositiveIntegerField(default=0, db_index=True)
    last_received_due = models.DateField(null=True, blank=True)
    missing_years = models.CharField(max_length=400, blank=True)
    # The latest Article 9 statement ("" when there is none).
    article9_status = models.CharField(
        max_length=30, choices=Article9Status.choices, blank=True, db_index=True
    )
    article9_as_of = models.DateField(null=True, blank=True)
    article9_measure = models.CharField(max_length=300, blank=True)
    article9_source = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("reporting summary")
        verbose_name_plural = _("reporting summaries")

    def __str__(self) -> str:
        return f"{self.state}: {self.consecutive_missing} missing ({self.computed_on})"
