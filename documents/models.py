"""The committees' documents, their versions and workflow, and the rendering jobs of the one
PDF pipeline (``documents.pdf``).

A ``Document`` is a working draft: paragraphs copied from the record (activities, priorities)
that staff may reorder and edit until it is approved. Publishing freezes what the document
says into a ``DocumentVersion`` (a snapshot) and renders its PDF once; earlier versions stay,
and any two can be compared.

A ``RenderJob`` renders anything that has a ``pdf_source()`` (see ``documents.pdf.Renderable``):
a draft, a published version, a letter of the correspondence app.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, Priority
from activities.periods import validate_period
from committees.models import Committee, Meeting
from common.access import committee_ids_for, record_access
from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line
from common.visibility import ORDER, Visibility, VisibilityQuerySet

from .kinds import DocumentKind, kind_definition

# --- rendering jobs ------------------------------------------------------------------------------


class RenderJob(models.Model):
    """One PDF rendering, done by a worker: queued, claimed (rendering), done or failed.

    The page that asked for it polls the job and offers the file once it is done. The file is
    served through ``documents:job_file`` after asking the target who may read it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        WAITING = "waiting", _("Waiting for a worker")
        READING = "reading", _("Reading the record")
        LAYOUT = "layout", _("Laying out the pages")
        WRITING = "writing", _("Writing the PDF")
        STORING = "storing", _("Storing the file")
        FINISHED = "finished", _("Finished")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default="waiting")
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    output = models.FileField(_("file"), upload_to="pdf/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    #: Seconds spent in each part of the pipeline (read, template, layout, write, store).
    timings = models.JSONField(_("timings"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("requested by"),
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("rendering job")
        verbose_name_plural = _("rendering jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="renderjob_target")]
        constraints = [
            # One rendering of a record at a time: a second request joins the one in flight
            # (documents.services.request_pdf), so that asking again never multiplies the work.
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(status__in=["queued", "rendering"]),
                name="one_render_job_in_flight",
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename or self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("documents:job_status", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


# --- documents -----------------------------------------------------------------------------------


class DocumentQuerySet(VisibilityQuerySet, AuditedQuerySet):
    committee_field = "committee"

    def visible_to(self, user) -> DocumentQuerySet:
        """Documents with a published version at a level the user reads; working drafts also
        to the committee's own members (who review and approve them) and to ISU staff. (A
        document's own level is the one its next version will be published at.)"""
        if record_access(user).everything:
            return self
        published = DocumentVersion.objects.visible_to(user).filter(document=models.OuterRef("pk"))
        drafts = Document.objects.drafts_visible_to(user).values("pk")
        return self.filter(models.Exists(published) | models.Q(pk__in=drafts))

    def drafts_visible_to(self, user) -> DocumentQuerySet:
        """Whose working draft (paragraphs, workflow, draft PDFs) the user may read: ISU staff,
        and the committee's chair and members at a level they read."""
        if record_access(user).everything:
            return self
        return super().visible_to(user).filter(committee__in=sorted(committee_ids_for(user)))


class Document(models.Model):
    Kind = DocumentKind

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to the Chair")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="documents", verbose_name=_("committee")
    )
    kind = models.CharField(_("kind"), max_length=40, choices=DocumentKind.choices)
    period = models.CharField(
        _("period"), max_length=20, validators=[validate_period], help_text=_("E.g. 2025-2026.")
    )
    date = models.DateField(
        _("document date"), help_text=_("The document reports the record as of this day.")
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    symbol = models.CharField(
        _("symbol"),
        max_length=60,
        help_text=_(
            "E.g. APLC/MSP.22/2025/WP.5. Leave it blank to number the document by its "
            "meeting's pattern. The French and Spanish versions share the symbol."
        ),
        validators=[validate_single_line],
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("submitted to"),
        help_text=_("The meeting the document is submitted to, named in its heading."),
    )
    agenda_item = models.CharField(
        _("agenda item"),
        max_length=20,
        blank=True,
        help_text=_("Its number, e.g. 10 or 10 (c)."),
        validators=[validate_single_line],
    )
    agenda_title = models.CharField(
        _("agenda item title"),
        max_length=300,
        blank=True,
        help_text=_(
            "In the document's language, e.g. Review of the status and operation of the Convention."
        ),
        validators=[validate_single_line],
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_(
            "Who may read it once published; it includes only activities readable at this level."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    render_jobs = GenericRelation(RenderJob)
    history = AuditedHistory()
    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["symbol", "language"],
                name="one_document_per_symbol_and_language",
                violation_error_message=_("A document with this symbol and language exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.symbol}: {self.get_kind_display()} {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    @property
    def definition(self):
        return kind_definition(self.kind)

    @property
    def is_editable(self) -> bool:
        """Paragraphs may change until the document is approved."""
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED)

    def admits(self, level: str) -> bool:
        """Whether a record at ``level`` may appear in this document."""
        return ORDER.index(level) <= ORDER.index(self.visibility)

    @property
    def next_version_number(self) -> int:
        """The number the working draft will have once published."""
        return (self.versions.aggregate(last=models.Max("number"))["last"] or 0) + 1

    def language_versions(self) -> DocumentQuerySet:
        """This document in every language it exists in (itself included): same committee,
        same symbol."""
        return Document.objects.filter(committee=self.committee_id, symbol=self.symbol)

    # The rendering protocol (documents.pdf.Renderable): the current draft, from the record,
    # watermarked as the draft of the next version; once published, the published version.
    def pdf_source(self):
        from .assembly import pdf_source_for_snapshot, snapshot

        if self.status == self.Status.PUBLISHED:
            latest = self.versions.order_by("-number").first()
            if latest is not None:
                return latest.pdf_source()
        return pdf_source_for_snapshot(snapshot(self), draft=True, version=self.next_version_number)

    def pdf_readable_by(self, user) -> bool:
        """A draft's PDF is part of the working draft."""
        return Document.objects.drafts_visible_to(user).filter(pk=self.pk).exists()


class DocumentParagraph(models.Model):
    """A paragraph of a draft, copied from an activity or a priority (or written by staff)."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="paragraphs", verbose_name=_("document")
    )
    section = models.CharField(_("section"), max_length=30)
    position = models.PositiveIntegerField(_("position"))
    #: In the document's language; blank while a paragraph drawn from the record has no text
    #: in that language: it then reads the record's translation as soon as one is entered.
    text = models.TextField(_("text"), blank=True)
    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_paragraphs",
        verbose_name=_("from activity"),
    )
    priority = models.ForeignKey(
        Priority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_paragraphs",
        verbose_name=_("from priority"),
    )
    edited = models.BooleanField(_("edited by staff"), default=False)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("document paragraph")
        verbose_name_plural = _("document paragraphs")
        ordering = ["document", "section", "position"]

    def __str__(self) -> str:
        return f"{self.section} {self.position}: {self.text[:60]}"

    @property
    def source_date(self) -> date | None:
        return self.activity.date if self.activity_id else None

    @property
    def source(self) -> Activity | Priority | None:
        """The activity or priority the paragraph was drawn from (``None``: written for the
        document)."""
        if self.activity_id:
            return self.activity
        if self.priority_id:
            return self.priority
        return None

    def text_for(self, language: str) -> tuple[str, bool]:
        """``(text, translated)``: the paragraph in ``language``: its own text, else its
        source's translation; with neither, the source's original text, for review, and
        ``False``."""
        if self.text:
            return self.text, True
        source = self.source
        if source is None:
            return "", False
        translated = source.text_in(language)
        if translated:
            return translated, True
        return source.text, False

    def admissible_in(self, document: Document) -> bool:
        """An activity whose visibility was raised after the draft was assembled drops out."""
        return self.activity is None or document.admits(self.activity.visibility)


class DocumentVersionQuerySet(VisibilityQuerySet):
    """``visible_to(user)``: each version is read at the level it was published at."""

    committee_field = "document__committee"


class DocumentVersion(models.Model):
    """What a document said when it was published: frozen, with its PDF rendered once."""

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    visibility = models.CharField(_("visibility"), max_length=20, choices=Visibility.choices)
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    render_jobs = GenericRelation(RenderJob)
    objects = DocumentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.document.symbol} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("documents:version", args=[self.document_id, self.number])

    def pdf_source(self):
        from .assembly import pdf_source_for_snapshot

        return pdf_source_for_snapshot(self.snapshot, draft=False)

    def pdf_readable_by(self, user) -> bool:
        return DocumentVersion.objects.visible_to(user).filter(pk=self.pk).exists()

    @cached_property
    def pdf_job(self) -> RenderJob | None:
        """The frozen PDF: the first rendering that succeeded (a failed one may be retried)."""
        return self.render_jobs.filter(status=RenderJob.Status.DONE).order_by("pk").first()


class DocumentEvent(models.Model):
    """The workflow's trail: who moved the document to which status, when, and why."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        ASSEMBLED = "assembled", _("assembled from the record")
        SUBMITTED = "submitted", _("submitted to the Chair")
        RETURNED = "returned", _("returned for changes")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")
        REOPENED = "reopened", _("reopened for a revision")

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="events", verbose_name=_("document")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("document event")
        verbose_name_plural = _("document events")
        ordering = ["document", "pk"]

    def __str__(self) -> str:
        return f"{self.document_id} {self.action} {self.at:%Y-%m-%d %H:%M}"
