"""Writes to documents: creating and assembling drafts, editing paragraphs, the workflow
(draft -> submitted to the Chair -> approved -> published), and queuing PDF renderings.

Every transition is checked here, under a lock on the document row, and recorded as an event.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_approve_for, can_edit_records
from activities.periods import activity_window, parse_period
from committees.models import SYMBOL_NUMBER, Meeting
from common.services import move_within

from .assembly import assemble, snapshot, untranslated
from .kinds import Source
from .models import Document, DocumentEvent, DocumentParagraph, DocumentVersion, RenderJob

logger = logging.getLogger(__name__)

Status = Document.Status


def _lock(document: Document) -> Document:
    locked = Document.objects.select_for_update().get(pk=document.pk)
    document.status = locked.status
    return locked


def _event(document: Document, action: str, user: Any, note: str = "") -> None:
    DocumentEvent.objects.create(
        document=document, action=action, user=user if user and user.pk else None, note=note
    )


def validate_document(document: Document) -> None:
    """Field rules plus the period: its opening meeting must be recorded and the document's
    date must fall after it."""
    document.full_clean()
    try:
        activity_window(parse_period(document.period), document.date)
    except ValidationError as error:
        raise ValidationError({"date": error.messages}) from None


def next_symbol(meeting: Meeting) -> str:
    """The meeting's pattern with the next free number: APLC/MSP.22/2025/WP.4 after WP.3.
    Call it inside a transaction: the meeting row is locked until the document is saved."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    prefix, suffix = meeting.document_symbol_pattern.split(SYMBOL_NUMBER)
    numbered = re.compile(rf"^{re.escape(prefix)}(\d+){re.escape(suffix)}$")
    taken = [
        int(match[1])
        for symbol in Document.objects.filter(
            symbol__startswith=prefix, symbol__endswith=suffix
        ).values_list("symbol", flat=True)
        if (match := numbered.match(symbol))
    ]
    return f"{prefix}{max(taken, default=0) + 1}{suffix}"


@transaction.atomic
def create_document(document: Document, user: Any = None) -> Document:
    """Save a new draft and fill it from the record (activities, priorities), in its
    language. Without a symbol, it takes the next one of its meeting's pattern."""
    document.period = str(parse_period(document.period))
    if not document.symbol and document.meeting_id and document.meeting.document_symbol_pattern:
        document.symbol = next_symbol(document.meeting)
    if not document.symbol:
        raise ValidationError(
            {
                "symbol": _(
                    "Give the document a symbol, or choose a meeting whose document symbols "
                    "are numbered by a pattern."
                )
            }
        )
    validate_document(document)
    document.status = Status.DRAFT
    document.created_by = user if user and user.pk else None
    document.save()
    DocumentParagraph.objects.bulk_create(assemble(document))
    _event(document, DocumentEvent.Action.CREATED, user)
    return document


@transaction.atomic
def create_language_version(document: Document, language: str, user: Any = None) -> Document:
    """The document in another language: same committee, kind, period, date, symbol,
    meeting and visibility, its paragraphs the records' translations (those not translated yet
    are flagged until they are). The agenda item's title is left for staff to write in that
    language."""
    if not can_edit_records(user):
        raise PermissionDenied
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Documents are issued in English, French and Spanish."))
    if document.language_versions().filter(language=language).exists():
        raise ValidationError(_("The document already exists in this language."))
    return create_document(
        Document(
            committee=document.committee,
            kind=document.kind,
            period=document.period,
            date=document.date,
            language=language,
            symbol=document.symbol,
            meeting=document.meeting,
            agenda_item=document.agenda_item,
            visibility=document.visibility,
        ),
        user,
    )


@transaction.atomic
def save_document_settings(document: Document, user: Any = None) -> Document:
    """Change symbol, date, language or visibility of a draft. A change of date or visibility
    changes which activities belong in it: reassemble to follow it."""
    locked = _lock(document)
    _require_editable(locked)
    document.period = str(parse_period(document.period))
    validate_document(document)
    document.save()
    return document


@transaction.atomic
def reassemble(document: Document, user: Any = None) -> int:
    """Rebuild the record-drawn sections from the record as it is now, in date order. Text
    edited by staff is kept for paragraphs whose source is still included; paragraphs written
    for the document stay as they are. Returns the number of paragraphs drawn from the record."""
    _require_editable(_lock(document))
    drawn_sections = [
        section.key
        for section in document.definition.sections
        if section.source in (Source.ACTIVITIES, Source.PRIORITIES)
    ]
    existing = DocumentParagraph.objects.filter(document=document, section__in=drawn_sections)
    edited = {
        (paragraph.activity_id, paragraph.priority_id): paragraph.text
        for paragraph in existing
        if paragraph.edited
    }
    existing.delete()
    fresh = assemble(document)
    for paragraph in fresh:
        text = edited.get((paragraph.activity_id, paragraph.priority_id))
        if text is not None:
            paragraph.text, paragraph.edited = text, True
    DocumentParagraph.objects.bulk_create(fresh)
    _event(document, DocumentEvent.Action.ASSEMBLED, user)
    return len(fresh)


def _require_editable(document: Document) -> None:
    if not document.is_editable:
        raise ValidationError(
            _(
                "The document is %(status)s: paragraphs can change only before approval. "
                "Reopen it for a revision first."
            )
            % {"status": document.get_status_display().lower()}
        )


@transaction.atomic
def edit_paragraph(paragraph: DocumentParagraph, text: str) -> DocumentParagraph:
    _require_editable(_lock(paragraph.document))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("A paragraph needs some text; delete it instead.")})
    if text != paragraph.text:
        paragraph.text = text
        paragraph.edited = True
        paragraph.save(update_fields=["text", "edited"])
    return paragraph


@transaction.atomic
def add_paragraph(document: Document, section: str, text: str) -> DocumentParagraph:
    """A paragraph written for the document, at the end of its section."""
    _require_editable(_lock(document))
    if document.definition.section(section) is None:
        raise ValidationError({"section": _("This document has no such section.")})
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the paragraph's text.")})
    last = document.paragraphs.filter(section=section).aggregate(last=Max("position"))["last"]
    return DocumentParagraph.objects.create(
        document=document, section=section, position=(last or 0) + 1, text=text, edited=True
    )


@transaction.atomic
def delete_paragraph(paragraph: DocumentParagraph) -> None:
    _require_editable(_lock(paragraph.document))
    paragraph.delete()


@transaction.atomic
def move_paragraph(paragraph: DocumentParagraph, offset: int) -> None:
    """Move a paragraph up (-1) or down (+1) within its section."""
    _require_editable(_lock(paragraph.document))
    siblings = list(
        DocumentParagraph.objects.filter(
            document=paragraph.document_id, section=paragraph.section
        ).order_by("position", "pk")
    )
    move_within(siblings, paragraph, offset)


# --- workflow --------------------------------------------------------------------------------


def _transition(
    document: Document, allowed_from: tuple[str, ...], to: str, user: Any, action: str, note=""
) -> Document:
    locked = _lock(document)
    if locked.status not in allowed_from:
        raise ValidationError(
            _("A document that is %(status)s cannot be %(action)s.")
            % {
                "status": locked.get_status_display().lower(),
                "action": DocumentEvent.Action(action).label,
            }
        )
    document.status = to
    Document.objects.filter(pk=document.pk).update(status=to)
    _event(document, action, user, note)
    return document


@transaction.atomic
def submit_to_chair(document: Document, user: Any, note: str = "") -> Document:
    if not can_edit_records(user):
        raise PermissionDenied
    if not document.paragraphs.exists() and not document.definition.reporting_tables:
        raise ValidationError(_("The document has no paragraph yet."))
    return _transition(
        document, (Status.DRAFT,), Status.SUBMITTED, user, DocumentEvent.Action.SUBMITTED, note
    )


@transaction.atomic
def approve(document: Document, user: Any, note: str = "") -> Document:
    """The Chair approves (or ISU staff record the Chair's approval)."""
    if not can_approve_for(user, document.committee_id):
        raise PermissionDenied
    return _transition(
        document, (Status.SUBMITTED,), Status.APPROVED, user, DocumentEvent.Action.APPROVED, note
    )


@transaction.atomic
def return_for_changes(document: Document, user: Any, note: str) -> Document:
    if not can_approve_for(user, document.committee_id):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError({"note": _("Say what should change.")})
    return _transition(
        document,
        (Status.SUBMITTED, Status.APPROVED),
        Status.DRAFT,
        user,
        DocumentEvent.Action.RETURNED,
        note.strip(),
    )


@transaction.atomic
def publish(document: Document, user: Any, note: str = "") -> DocumentVersion:
    """Freeze what the approved document says as a new version and render its PDF once."""
    if not can_edit_records(user):
        raise PermissionDenied
    # A language version with a paragraph not yet translated is refused before anything
    # changes (the status is checked by the transition below).
    content = snapshot(document) if _lock(document).status == Status.APPROVED else {}
    missing = untranslated(content) if content else []
    if missing:
        raise ValidationError(
            _(
                "This version (%(language)s) cannot be published until every paragraph has its "
                "text; paragraphs %(numbers)s have none yet."
            )
            % {
                "language": document.get_language_display(),
                "numbers": ", ".join(str(paragraph["number"]) for paragraph in missing),
            }
        )
    _transition(
        document, (Status.APPROVED,), Status.PUBLISHED, user, DocumentEvent.Action.PUBLISHED, note
    )
    last = document.versions.aggregate(last=Max("number"))["last"] or 0
    version = DocumentVersion.objects.create(
        document=document,
        number=last + 1,
        snapshot=content,
        visibility=document.visibility,
        published_by=user,
        note=note.strip(),
    )
    request_pdf(version, requested_by=user, limited=False)
    return version


@transaction.atomic
def reopen(document: Document, user: Any, note: str = "") -> Document:
    """Start a revision of a published document; its published versions stay as they are."""
    if not can_edit_records(user):
        raise PermissionDenied
    return _transition(
        document, (Status.PUBLISHED,), Status.DRAFT, user, DocumentEvent.Action.REOPENED, note
    )


# --- PDF rendering -----------------------------------------------------------------------------


class RenderLimitReached(Exception):
    """The user asked for more new renderings than ``PDF_RENDERS_PER_HOUR`` allows."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(
            _(
                "You have asked for %(limit)s PDFs in the last hour, the most allowed; "
                "try again later."
            )
            % {"limit": limit}
        )


#: Rendering jobs that hold the record's one place "in flight".
IN_FLIGHT = (RenderJob.Status.QUEUED, RenderJob.Status.RENDERING)


def _in_flight(content_type: ContentType, object_id: int) -> RenderJob | None:
    return (
        RenderJob.objects.filter(
            content_type=content_type, object_id=object_id, status__in=IN_FLIGHT
        )
        .order_by("-pk")
        .first()
    )


def _stuck(job: RenderJob) -> bool:
    """A job nobody will finish unless it is queued again: the broker was unreachable when it
    was queued, or no worker has moved it for longer than a live one takes."""
    from .tasks import STALE_AFTER

    last_moved = job.started_at or job.created_at
    return bool(job.error) or last_moved < timezone.now() - STALE_AFTER


def check_render_limit(user: Any) -> None:
    """Refuse a new rendering to a user who asked for ``PDF_RENDERS_PER_HOUR`` within the last
    hour. Counted from the jobs themselves, so every web process agrees; the user's row is
    locked meanwhile, so that simultaneous requests are counted one after the other."""
    if not user or not user.pk:
        return
    limit = settings.PDF_RENDERS_PER_HOUR
    get_user_model()._default_manager.select_for_update().filter(pk=user.pk).first()
    recent = RenderJob.objects.filter(
        requested_by=user, created_at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    if recent >= limit:
        raise RenderLimitReached(limit)


@transaction.atomic
def request_pdf(target: Any, *, requested_by: Any = None, limited: bool = True) -> RenderJob:
    """Queue a rendering of ``target`` (anything with ``pdf_source()``); a worker picks it up
    once this transaction commits. Returns the job, for the page to poll.

    A record has one rendering in flight at most: asking while one is queued or rendering joins
    it (and queues it again if it is stuck). A new job counts towards the user's hourly limit
    (``RenderLimitReached``) unless ``limited`` is off (publishing renders its version once).
    """
    from .tasks import render_job

    content_type = ContentType.objects.get_for_model(target)
    job = _in_flight(content_type, target.pk)
    if job is None:
        if limited:
            check_render_limit(requested_by)
        try:
            with transaction.atomic():
                job = RenderJob.objects.create(
                    content_type=content_type,
                    object_id=target.pk,
                    requested_by=requested_by if requested_by and requested_by.pk else None,
                )
        except IntegrityError:
            # Another request queued one meanwhile (the constraint waited for it to commit).
            job = _in_flight(content_type, target.pk)
            if job is None:
                raise
            return job
    elif not _stuck(job):
        return job
    else:
        RenderJob.objects.filter(pk=job.pk).update(error="")
        job.error = ""
    job_id = job.pk
    transaction.on_commit(lambda: enqueue(job_id, render_job))
    return job


def enqueue(job_id: int, task) -> None:
    """Hand the job to the broker; if the broker cannot be reached the job stays queued and
    the page offers to try again."""
    try:
        task.delay(job_id)
    except Exception as error:  # the broker is down or unreachable: say so, lose nothing
        logger.warning("Could not queue rendering job %s: %r", job_id, error)
        RenderJob.objects.filter(pk=job_id, status=RenderJob.Status.QUEUED).update(
            error=_("The background worker could not be reached; try again in a moment.")
        )


def retry(job: RenderJob, requested_by: Any = None) -> RenderJob:
    """A failed (or never started) rendering is asked for again: the job in flight for the same
    record if there is one (queued again if stuck), else a new job."""
    return request_pdf(job.target, requested_by=requested_by)
