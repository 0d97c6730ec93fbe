"""What committees do and plan: action plans and their numbered actions, the activity log,
priorities, and the confidential compliance matters.

Every activity carries a visibility level (``common.visibility``); reads go through
``ActivityQuerySet.visible_to`` so that pages, exports and documents apply one rule.
Compliance matters are always confidential: ISU staff and the Committee on Cooperative
Compliance only.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from committees.models import Committee, Meeting
from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line
from common.visibility import COMPLIANCE_COMMITTEE_CODE, Visibility, VisibilityQuerySet
from states_parties.models import StateParty

from .periods import Period, activity_window, parse_period, validate_period

#: The languages the committees' texts are kept in; ``text`` holds the original (English).
TEXT_LANGUAGES = ("en", "fr", "es")


class TranslatedText(models.Model):
    """A paragraph kept in the original (English) and in French and Spanish, as the
    committees' documents are issued in the three languages. A blank translation means "not
    translated yet": documents in that language flag the paragraph and are not published."""

    text_fr = models.TextField(
        _("paragraph in French"),
        blank=True,
        help_text=_("Leave blank until translated; French documents flag it until then."),
    )
    text_es = models.TextField(
        _("paragraph in Spanish"),
        blank=True,
        help_text=_("Leave blank until translated; Spanish documents flag it until then."),
    )

    class Meta:
        abstract = True

    def text_in(self, language: str | None) -> str:
        """The paragraph in ``language`` (English: the original); "" while untranslated."""
        from states_parties.names import language_of

        code = language_of(language)
        if code == "fr":
            return self.text_fr.strip()
        if code == "es":
            return self.text_es.strip()
        return self.text

    @property
    def missing_translations(self) -> list[str]:
        """The languages (``fr``, ``es``) this paragraph has no text in yet."""
        return [code for code in TEXT_LANGUAGES[1:] if not self.text_in(code)]

    @property
    def translations(self) -> list[tuple[str, str, str]]:
        """``(code, language name, text)`` for French and Spanish, for the record's page."""
        names = dict(settings.LANGUAGES)
        return [(code, names[code], self.text_in(code)) for code in TEXT_LANGUAGES[1:]]


class Article(models.Model):
    """An article of the Convention, as activities and priorities cite it."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["number"]

    def __str__(self) -> str:
        return _("Article %(number)s") % {"number": self.number}


class PublicQuerySet(AuditedQuerySet):
    """Records that are public as a whole (action plans, priorities): every signed-in reader."""

    def visible_to(self, user) -> PublicQuerySet:
        from accounts.permissions import can_see

        return self if can_see(user, Visibility.PUBLIC) else self.none()


class ActionPlanQuerySet(PublicQuerySet):
    def covering(self, year: int) -> ActionPlanQuerySet:
        return self.filter(start_year__lte=year, end_year__gte=year)


class ActionPlan(models.Model):
    """A five-year plan of numbered actions adopted by a Review Conference."""

    code = models.SlugField(
        _("short code"), max_length=20, unique=True, help_text=_("E.g. OAP, SRAAP.")
    )
    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_single_line]
    )
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(1999)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(1999)]
    )
    adopted_at = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
        verbose_name=_("adopted at"),
        limit_choices_to={"kind": Meeting.Kind.REVIEW_CONFERENCE},
    )

    history = AuditedHistory()
    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="action_plan_ends_after_it_starts",
                violation_error_message=_("An action plan cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.code = self.code.upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("activities:plan_detail", args=[self.code])

    @property
    def period_label(self) -> str:
        return f"{self.start_year}-{self.end_year}"

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("An action plan cannot end before it starts.")})
        if self.adopted_at_id and self.adopted_at.kind != Meeting.Kind.REVIEW_CONFERENCE:
            raise ValidationError(
                {"adopted_at": _("Action plans are adopted by Review Conferences.")}
            )


class Action(models.Model):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.PROTECT, related_name="actions", verbose_name=_("action plan")
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    section = models.CharField(_("section"), max_length=200, blank=True)
    short_title = models.CharField(
        _("short title"), max_length=200, validators=[validate_single_line]
    )
    text = models.TextField(_("text"))

    history = AuditedHistory()
    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="one_action_per_plan_and_number",
                violation_error_message=_("This plan already has an action with this number."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan.code} {self.number}: {self.short_title}"

    @property
    def reference(self) -> str:
        """How imports and exports write it: ``SRAAP 48``."""
        return f"{self.plan.code} {self.number}"


# --- activities ------------------------------------------------------------------------------


class ActivityQuerySet(VisibilityQuerySet, AuditedQuerySet):
    """``visible_to(user)`` (the one rule for reading activities: pages, exports and documents
    all use it) by the activity's level and committee."""

    committee_field = "committee"

    def at_most(self, level: str) -> ActivityQuerySet:
        """Activities a document assembled at ``level`` may include."""
        from common.visibility import levels_up_to

        return self.filter(visibility__in=levels_up_to(level))

    def in_window(self, after: date, until: date) -> ActivityQuerySet:
        return self.filter(date__gt=after, date__lte=until)

    def in_period(self, period: Period, until: date, calendar=None) -> ActivityQuerySet:
        after, until = activity_window(period, until, calendar)
        return self.in_window(after, until)

    def in_document_order(self) -> ActivityQuerySet:
        return self.order_by("date", "end_date", "pk")

    def with_links(self) -> ActivityQuerySet:
        """Everything a list or a document shows, in a fixed number of queries."""
        return self.select_related("committee", "meeting", "compliance_matter").prefetch_related(
            models.Prefetch("states", queryset=StateParty.objects.in_name_order()),
            models.Prefetch("actions", queryset=Action.objects.select_related("plan")),
            "articles",
        )


class Activity(TranslatedText):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        LETTER = "letter", _("Letter")
        WORKSHOP = "workshop", _("Workshop")
        ENGAGEMENT = "engagement", _("Engagement with a State Party")
        OBSERVATIONS = "observations", _("Observations presented")
        OTHER = "other", _("Other")

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="activities", verbose_name=_("committee")
    )
    date = models.DateField(_("date"))
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("For an activity over several days.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(
        _("paragraph"), help_text=_("As it will read in the committee's documents.")
    )
    states = models.ManyToManyField(
        StateParty, blank=True, related_name="activities", verbose_name=_("States Parties")
    )
    actions = models.ManyToManyField(
        Action, blank=True, related_name="activities", verbose_name=_("action-plan actions")
    )
    articles = models.ManyToManyField(
        Article, blank=True, related_name="activities", verbose_name=_("articles")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("meeting"),
    )
    compliance_matter = models.ForeignKey(
        "ComplianceMatter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagements",
        verbose_name=_("compliance matter"),
        help_text=_("An engagement on a compliance matter is confidential."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("created by"),
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = AuditedHistory(m2m_fields=[states, actions, articles])
    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["committee", "date"], name="activity_committee_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")),
                name="activity_ends_after_it_starts",
                violation_error_message=_("An activity cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee.code} {self.date:%Y-%m-%d}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("activities:activity_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.end_date and self.date and self.end_date < self.date:
            errors["end_date"] = _("An activity cannot end before it starts.")
        if self.compliance_matter_id:
            if self.visibility != Visibility.CONFIDENTIAL:
                errors["visibility"] = _("An engagement on a compliance matter is confidential.")
            if self.committee_id and self.committee.code != COMPLIANCE_COMMITTEE_CODE:
                errors["compliance_matter"] = _(
                    "Compliance matters are handled by the Committee on Cooperative Compliance."
                )
        if errors:
            raise ValidationError(errors)


# --- priorities ------------------------------------------------------------------------------


class PriorityQuerySet(PublicQuerySet):
    def for_period(self, period: Period | str) -> PriorityQuerySet:
        return self.filter(period=str(period))

    def in_document_order(self) -> PriorityQuerySet:
        return self.order_by("position", "pk")

    def with_links(self) -> PriorityQuerySet:
        return self.select_related("committee").prefetch_related(
            models.Prefetch("actions", queryset=Action.objects.select_related("plan")), "articles"
        )


class Priority(TranslatedText):
    """What a committee means to do in a period; priorities are public, as the documents that
    print them."""

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="priorities", verbose_name=_("committee")
    )
    period = models.CharField(
        _("period"), max_length=20, validators=[validate_period], help_text=_("E.g. 2025-2026.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("paragraph"), help_text=_("As it will read in the document."))
    actions = models.ManyToManyField(
        Action, blank=True, related_name="priorities", verbose_name=_("action-plan actions")
    )
    articles = models.ManyToManyField(
        Article, blank=True, related_name="priorities", verbose_name=_("articles")
    )

    history = AuditedHistory(m2m_fields=[actions, articles])
    objects = PriorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["committee", "-period", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.committee.code} {self.period}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("activities:priority_edit", args=[self.pk])

    def clean(self) -> None:
        if self.period:
            try:
                self.period = str(parse_period(self.period))
            except ValidationError as error:
                raise ValidationError({"period": error.messages}) from None


# --- compliance matters ----------------------------------------------------------------------


class ComplianceMatterQuerySet(AuditedQuerySet):
    def visible_to(self, user) -> ComplianceMatterQuerySet:
        from accounts.permissions import can_see_compliance_matters

        return self if can_see_compliance_matters(user) else self.none()


class ComplianceMatter(models.Model):
    """A compliance concern under Article 1 handled cooperatively (Art. 8.1): confidential."""

    class Kind(models.TextChoices):
        ALLEGED_USE = "alleged_use", _("Alleged use")
        ALLEGED_TRANSFER = "alleged_transfer", _("Alleged transfer")
        ALLEGED_PRODUCTION = "alleged_production", _("Alleged production or stockpiling")
        OTHER = "other", _("Other concern")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_DIALOGUE = "in_dialogue", _("In dialogue")
        CLARIFICATION_REQUESTED = "clarification", _("Request for clarification (Art. 8.2)")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    states = models.ManyToManyField(
        StateParty, related_name="compliance_matters", verbose_name=_("States concerned")
    )
    opened_on = models.DateField(_("opened on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="open")
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    history = AuditedHistory(m2m_fields=[states])
    objects = ComplianceMatterQuerySet.as_manager()

    class Meta:
        verbose_name = _("compliance matter")
        verbose_name_plural = _("compliance matters")
        ordering = ["-opened_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:matter_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.status == self.Status.CLOSED and not self.closed_on:
            errors["closed_on"] = _("Say when the matter was closed.")
        if self.closed_on and self.status != self.Status.CLOSED:
            errors["status"] = _("A matter with a closing date is closed.")
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            errors["closed_on"] = _("A matter cannot close before it opens.")
        if errors:
            raise ValidationError(errors)
