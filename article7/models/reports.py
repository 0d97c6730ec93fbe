"""The report, its sections (one per form, A to J) and its annexes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line
from common.uploads import validate_document
from common.visibility import Visibility, VisibilityQuerySet
from states_parties.models import StateParty

#: The forms of the Guide to Reporting, in order; J is voluntary.
SECTION_CODES = "ABCDEFGHIJ"
#: The forms a report must confirm or fill in before it is submitted.
REQUIRED_SECTIONS = "ABCDEFGHI"
LANGUAGES = settings.LANGUAGES

SECTION_TITLES = {
    "A": _("Form A: National implementation measures"),
    "B": _("Form B: Stockpiled anti-personnel mines"),
    "C": _("Form C: Location of mined areas"),
    "D": _("Form D: Anti-personnel mines retained or transferred"),
    "E": _("Form E: Conversion or decommissioning of production facilities"),
    "F": _("Form F: Programmes for the destruction of anti-personnel mines"),
    "G": _("Form G: Anti-personnel mines destroyed"),
    "H": _("Form H: Technical characteristics"),
    "I": _("Form I: Measures to warn the population"),
    "J": _("Form J: Other relevant matters (voluntary)"),
}


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RETURNED = "returned", _("Returned with questions")
    PUBLISHED = "published", _("Published")


#: What has left the State's hands: frozen, counted as received.
SENT_STATUSES = (
    ReportStatus.SUBMITTED,
    ReportStatus.ACKNOWLEDGED,
    ReportStatus.RETURNED,
    ReportStatus.PUBLISHED,
)


class SectionStatus(models.TextChoices):
    EMPTY = "empty", _("Not yet confirmed or edited")
    EDITED = "edited", _("Edited")
    UNCHANGED = "unchanged", _("No change")


class ReportQuerySet(VisibilityQuerySet, AuditedQuerySet):
    """Reads of reports. ``visibility`` is derived (internal until published, then public):
    staff read every report, everyone signed in the published ones, and the registered filters
    (``article7.access``) add a reporter's own State's reports."""

    committee_field = None

    def visible_to(self, user: Any) -> ReportQuerySet:
        from common.access import record_access

        from ..access import extra_visibility

        condition = record_access(user).q(committee_field=None, level_field="visibility")
        extra = extra_visibility(user) if getattr(user, "is_authenticated", False) else None
        return self.filter(condition | extra if extra is not None else condition)

    def of_state(self, state: StateParty | int) -> ReportQuerySet:
        return self.filter(state=state)

    def drafts(self) -> ReportQuerySet:
        return self.filter(status=ReportStatus.DRAFT)

    def submitted(self) -> ReportQuerySet:
        """Everything sent: submitted, acknowledged, returned or published."""
        return self.filter(status__in=SENT_STATUSES)

    def published(self) -> ReportQuerySet:
        return self.filter(status=ReportStatus.PUBLISHED)

    def for_year(self, year_covered: int | None) -> ReportQuerySet:
        if year_covered is None:
            return self.filter(year_covered__isnull=True)
        return self.filter(year_covered=year_covered)

    def _latest_among(self, among: ReportQuerySet) -> ReportQuerySet:
        newer = among.filter(state=models.OuterRef("state"), version__gt=models.OuterRef("version"))
        same_year = models.Exists(newer.filter(year_covered=models.OuterRef("year_covered")))
        initial = models.Exists(newer.filter(year_covered__isnull=True))
        return self.exclude(
            (Q(year_covered__isnull=False) & same_year) | (Q(year_covered__isnull=True) & initial)
        )

    def latest_sent_versions(self) -> ReportQuerySet:
        """The latest sent version of each State's report for each year (what the figures and
        the record count)."""
        return self.submitted()._latest_among(Report.objects.submitted())

    def published_latest(self) -> ReportQuerySet:
        """The latest published version of each State's report for each year."""
        return self.published()._latest_among(Report.objects.published())

    def latest_versions(self) -> ReportQuerySet:
        """Each State's and year's latest version only."""
        newer = Report.objects.filter(
            state=models.OuterRef("state"), version__gt=models.OuterRef("version")
        )
        same_year = models.Exists(newer.filter(year_covered=models.OuterRef("year_covered")))
        initial = models.Exists(newer.filter(year_covered__isnull=True))
        return self.exclude(
            (Q(year_covered__isnull=False) & same_year) | (Q(year_covered__isnull=True) & initial)
        )


class Report(models.Model):
    """One State's Article 7 report covering one calendar year (or its initial report), in one
    version: corrections after submission are new versions with their own receipts."""

    state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        related_name="article7_reports",
        verbose_name=_("State"),
    )
    year_covered = models.PositiveSmallIntegerField(
        _("calendar year covered"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1999), MaxValueValidator(2100)],
        help_text=_("Empty for the initial report."),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    language = models.CharField(_("language of the report"), max_length=2, choices=LANGUAGES)
    #: Incremented by every save: a form sent with an older revision is refused (EditConflict).
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    #: Internal until the ISU publishes the report (derived from ``status``).
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.INTERNAL, editable=False
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pre-filled from"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    submitted_by_name = models.CharField(
        _("submitted by (name)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    submitted_by_function = models.CharField(
        _("submitted by (function)"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    receipt_number = models.CharField(_("receipt number"), max_length=40, blank=True)
    #: Findings the ISU should look at (e.g. a stockpile past the Article 4 deadline), as
    #: their codes, recorded at submission.
    flags = models.CharField(_("flagged for the ISU"), max_length=200, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The figures the committees follow, as the report gave them (written when it is sent:
    # ``data.figures``), so that dashboards sum one table across States and years.
    stockpile = models.PositiveBigIntegerField(_("mines stockpiled"), null=True, editable=False)
    destroyed_article4 = models.PositiveBigIntegerField(
        _("stockpiled mines destroyed (Article 4)"), null=True, editable=False
    )
    destroyed_article5 = models.PositiveBigIntegerField(
        _("mines destroyed in mined areas (Article 5)"), null=True, editable=False
    )
    retained = models.PositiveBigIntegerField(
        _("mines retained (Article 3)"), null=True, editable=False
    )
    mined_area = models.PositiveBigIntegerField(
        _("mined area remaining (m²)"), null=True, editable=False
    )
    #: The letter with the ISU's questions, when the report was returned.
    return_letter = models.ForeignKey(
        "correspondence.Letter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("letter with questions"),
    )

    history = AuditedHistory()
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("online Article 7 report")
        verbose_name_plural = _("online Article 7 reports")
        ordering = ["state__name", "-year_covered", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "year_covered", "version"],
                condition=Q(year_covered__isnull=False),
                name="one_article7_report_version_per_year",
            ),
            models.UniqueConstraint(
                fields=["state", "version"],
                condition=Q(year_covered__isnull=True),
                name="one_initial_article7_report_version",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "year_covered"], name="article7_status_year"),
        ]

    def __str__(self) -> str:
        return f"{self.state} {self.period_label}" + (
            f" (v{self.version})" if self.version > 1 else ""
        )

    def get_absolute_url(self) -> str:
        return reverse("article7:report", args=[self.pk])

    @property
    def period_label(self) -> str:
        if self.year_covered is None:
            return gettext("initial report")
        return str(self.year_covered)

    @property
    def is_initial(self) -> bool:
        return self.year_covered is None

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def is_sent(self) -> bool:
        return self.status in SENT_STATUSES

    # --- the PDF, through the shared pipeline (documents.pdf) -------------------------------

    def pdf_source(self):
        """The report laid out as Forms A to J, in its own language."""
        from documents.pdf import PdfSource

        from ..pdf import pdf_context, pdf_filename

        return PdfSource(
            "article7/pdf/report.html", pdf_context(self), self.language, pdf_filename(self)
        )

    def pdf_readable_by(self, user: Any) -> bool:
        return Report.objects.visible_to(user).filter(pk=self.pk).exists()

    def set_figures(self, figures: dict[str, int]) -> None:
        for name in ("stockpile", "destroyed_article4", "destroyed_article5", "retained"):
            setattr(self, name, figures[name])
        self.mined_area = figures["mined_area"]

    @property
    def flag_list(self) -> list[str]:
        return [flag for flag in self.flags.split(",") if flag]


class FormSection(models.Model):
    """One form of a report: its narrative, whether it was confirmed unchanged ("no change
    since the report covering YEAR") or edited, and an explanation where the rules ask for one
    (why Form D's figures do not continue last year's, why the mined area grew)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(
        _("form"), max_length=1, choices=[(code, code) for code in SECTION_CODES]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SectionStatus.choices, default=SectionStatus.EMPTY
    )
    narrative = models.TextField(_("narrative"), blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    no_change_since = models.PositiveSmallIntegerField(
        _("no change since the report covering"), null=True, blank=True
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("form of an Article 7 report")
        verbose_name_plural = _("forms of Article 7 reports")
        ordering = ["report", "code"]
        constraints = [
            models.UniqueConstraint(fields=["report", "code"], name="one_section_per_form")
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.code}"

    @property
    def title(self) -> str:
        return str(SECTION_TITLES[self.code])


def annex_upload_to(annex: Annex, filename: str) -> str:
    report = annex.report
    period = report.year_covered or "initial"
    return f"article7/{report.state.iso3}/{period}-v{report.version}-{filename}"


class Annex(models.Model):
    """A file attached to a report (a map, photographs for Form H, a law for Form A), accepted
    only through the content-checked upload path."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="annexes")
    section = models.CharField(
        _("form"), max_length=1, blank=True, choices=[(code, code) for code in SECTION_CODES]
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    file = models.FileField(
        _("file"),
        upload_to=annex_upload_to,
        validators=[validate_document],
        help_text=_("PDF, Word, Excel or OpenDocument text."),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.title
