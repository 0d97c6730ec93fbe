from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can_approve_for, can_edit_records, staff_required
from committees.models import Committee
from common.exports import table_response
from common.rendering import Paginator

from . import services
from .assembly import ordered_paragraphs, snapshot
from .diff import diff_snapshots
from .filters import DocumentFilter
from .forms import DocumentForm, NewParagraphForm, ParagraphForm, TransitionForm
from .kinds import ROMAN
from .models import Document, DocumentParagraph, DocumentVersion, RenderJob
from .pdf import render_html

DOCUMENT_EXPORT_COLUMNS = [
    "symbol",
    "committee",
    "kind",
    "period",
    "date",
    "language",
    "visibility",
    "status",
    "versions",
]


def _documents(request: HttpRequest):
    return Document.objects.visible_to(request.user).select_related("committee")


def _document_for(request: HttpRequest, pk: int) -> Document:
    return get_object_or_404(_documents(request), pk=pk)


def _draft_for(request: HttpRequest, pk: int) -> Document:
    """The working draft, for those who may read it (staff, the committee's own members)."""
    return get_object_or_404(
        Document.objects.drafts_visible_to(request.user).select_related("committee"), pk=pk
    )


def document_list(request: HttpRequest) -> HttpResponse:
    documents = DocumentFilter(
        request.GET or None,
        queryset=_documents(request)
        .annotate(version_count=Count("versions"))
        .order_by("-date", "-pk"),
    )
    if request.GET.get("format") in ("csv", "xlsx"):
        rows = (
            [
                document.symbol,
                document.committee.code,
                document.kind,
                document.period,
                document.date.isoformat(),
                document.language,
                document.visibility,
                document.status,
                document.version_count,
            ]
            for document in documents.qs
        )
        return table_response(request, "documents", DOCUMENT_EXPORT_COLUMNS, rows)
    context = {
        "filter": documents,
        "page": Paginator(documents.qs, settings.PAGE_SIZE).get_page(request.GET.get("page")),
        "can_edit": can_edit_records(request.user),
    }
    if request.htmx and request.htmx.target == "document-results":
        return render(request, "documents/document_list.html#results", context)
    return render(request, "documents/document_list.html", context)


@staff_required
def document_create(request: HttpRequest) -> HttpResponse:
    initial = {"date": timezone.localdate()}
    code = request.GET.get("committee", "").upper()
    if code:
        initial["committee"] = Committee.objects.filter(code=code).first()
    if request.GET.get("kind") in Document.Kind.values:
        initial["kind"] = request.GET["kind"]
    form = DocumentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.create_document(form.instance, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The draft was assembled: %(count)s paragraphs.")
                % {"count": document.paragraphs.count()},
            )
            return redirect(document)
    return render(
        request,
        "common/form_page.html",
        {"form": form, "title": _("New document"), "cancel_url": reverse("documents:list")},
    )


@staff_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document, pk=pk)
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_document_settings(form.instance, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved. Reassemble the draft to follow a new date."))
            return redirect(document)
    return render(
        request,
        "common/form_page.html",
        {"form": form, "title": str(document), "cancel_url": document.get_absolute_url()},
    )


def _sections(document: Document) -> tuple[list[dict], int]:
    """The draft's sections with their paragraphs, numbered as the document prints them, each
    with the text it prints (``shown_text``) and whether it has one in the document's language
    (``translated``)."""
    paragraphs = ordered_paragraphs(document)
    left_out = document.paragraphs.count() - len(paragraphs)
    sections, number = [], 0
    for index, section in enumerate(document.definition.sections):
        entries = []
        for paragraph in paragraphs:
            if paragraph.section == section.key:
                number += 1
                paragraph.shown_text, paragraph.translated = paragraph.text_for(document.language)
                entries.append((number, paragraph))
        sections.append({"number": ROMAN[index], "section": section, "paragraphs": entries})
    return sections, left_out


def _language_versions(request: HttpRequest, document: Document) -> list[dict]:
    """For each language: the document in it (if it exists and the user reads its draft) and
    the numbers of its paragraphs that have no text in that language yet."""
    versions = {
        version.language: version
        for version in Document.objects.drafts_visible_to(request.user)
        .filter(pk__in=document.language_versions().values("pk"))
        .select_related("committee")
    }
    rows = []
    for code, name in settings.LANGUAGES:
        version = versions.get(code)
        missing = None
        if version is not None:
            missing = [
                number
                for number, paragraph in enumerate(ordered_paragraphs(version), start=1)
                if not paragraph.text_for(code)[1]
            ]
        rows.append({"code": code, "name": name, "document": version, "missing": missing})
    return rows


def _workspace_context(request: HttpRequest, document: Document) -> dict:
    sections, left_out = _sections(document)
    can_edit = can_edit_records(request.user)
    return {
        "document": document,
        "sections": sections,
        "left_out": left_out,
        "can_edit": can_edit,
        "editable": can_edit and document.is_editable,
    }


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for(request, pk)
    versions = list(
        DocumentVersion.objects.visible_to(request.user)
        .filter(document=document)
        .prefetch_related(
            Prefetch(
                "render_jobs",
                queryset=RenderJob.objects.order_by("-pk"),
                to_attr="jobs",
            )
        )
        .order_by("-number")
    )
    for version in versions:
        done = [job for job in version.jobs if job.status == RenderJob.Status.DONE]
        version.file_job = done[-1] if done else None
        version.latest_job = version.jobs[0] if version.jobs else None
    sees_draft = Document.objects.drafts_visible_to(request.user).filter(pk=pk).exists()
    context = {
        "document": document,
        "versions": versions,
        "sees_draft": sees_draft,
        "can_edit": can_edit_records(request.user),
    }
    if sees_draft:
        context.update(_workspace_context(request, document))
        context.update(
            {
                "events": document.events.select_related("user"),
                "job": document.render_jobs.order_by("-pk").first(),
                "can_approve": can_approve_for(request.user, document.committee_id),
                "transition_form": TransitionForm(),
                "new_paragraph_form": NewParagraphForm(document=document),
                "paragraph_form_for": None,
                "language_versions": _language_versions(request, document),
            }
        )
    return render(request, "documents/document_detail.html", context)


def _paragraphs_response(request: HttpRequest, document: Document) -> HttpResponse:
    if request.htmx:
        return render(
            request,
            "documents/document_detail.html#paragraphs",
            _workspace_context(request, document),
        )
    return redirect(document)


def _editable_paragraph(request: HttpRequest, pk: int, paragraph_pk: int) -> DocumentParagraph:
    if not can_edit_records(request.user):
        raise PermissionDenied
    return get_object_or_404(
        DocumentParagraph.objects.select_related("document__committee"),
        pk=paragraph_pk,
        document=pk,
    )


def _refused(request: HttpRequest, document: Document, error: ValidationError) -> HttpResponse:
    messages.error(request, " ".join(error.messages))
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = document.get_absolute_url()
        return response
    return redirect(document)


@staff_required
def paragraph_edit(request: HttpRequest, pk: int, paragraph_pk: int) -> HttpResponse:
    paragraph = _editable_paragraph(request, pk, paragraph_pk)
    document = paragraph.document
    text, translated = paragraph.text_for(document.language)
    # Prefixed: the page holds other forms with a text field.
    form = ParagraphForm(
        request.POST or None,
        initial={"text": text if translated else ""},
        prefix=f"paragraph-{paragraph.pk}",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_paragraph(paragraph, form.cleaned_data["text"])
        except ValidationError as error:
            return _refused(request, document, error)
        return _paragraphs_response(request, document)
    context = {
        **_workspace_context(request, document),
        "paragraph": paragraph,
        "form": form,
        # Untranslated: staff translate from the original, shown above the empty field.
        "original": "" if translated else text,
    }
    if request.htmx:
        return render(request, "documents/document_detail.html#paragraph-form", context)
    return render(request, "documents/paragraph_form.html", context)


@staff_required
@require_POST
def paragraph_move(request: HttpRequest, pk: int, paragraph_pk: int) -> HttpResponse:
    paragraph = _editable_paragraph(request, pk, paragraph_pk)
    try:
        services.move_paragraph(paragraph, -1 if request.POST.get("direction") == "up" else 1)
    except ValidationError as error:
        return _refused(request, paragraph.document, error)
    return _paragraphs_response(request, paragraph.document)


@staff_required
@require_POST
def paragraph_delete(request: HttpRequest, pk: int, paragraph_pk: int) -> HttpResponse:
    paragraph = _editable_paragraph(request, pk, paragraph_pk)
    try:
        services.delete_paragraph(paragraph)
    except ValidationError as error:
        return _refused(request, paragraph.document, error)
    return _paragraphs_response(request, paragraph.document)


@staff_required
@require_POST
def paragraph_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.select_related("committee"), pk=pk)
    form = NewParagraphForm(request.POST, document=document)
    if not form.is_valid():
        messages.error(request, _("Choose a section and write the paragraph's text."))
        return redirect(document)
    try:
        services.add_paragraph(document, form.cleaned_data["section"], form.cleaned_data["text"])
    except ValidationError as error:
        return _refused(request, document, error)
    messages.success(request, _("The paragraph was added."))
    return redirect(document)


@staff_required
@require_POST
def document_language_version(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """Create the document in another language, drawn from the records' translations."""
    document = get_object_or_404(Document.objects.select_related("committee"), pk=pk)
    try:
        version = services.create_language_version(document, language, request.user)
    except ValidationError as error:
        return _refused(request, document, error)
    messages.success(
        request,
        _("The version in this language was assembled (%(language)s): %(count)s paragraphs.")
        % {"language": version.get_language_display(), "count": version.paragraphs.count()},
    )
    return redirect(version)


@staff_required
@require_POST
def document_reassemble(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.select_related("committee"), pk=pk)
    try:
        count = services.reassemble(document, request.user)
    except ValidationError as error:
        return _refused(request, document, error)
    messages.success(
        request, _("Reassembled from the record: %(count)s paragraphs.") % {"count": count}
    )
    return redirect(document)


TRANSITIONS = {
    "submit": (services.submit_to_chair, _("The document was submitted to the Chair.")),
    "approve": (services.approve, _("The document was approved.")),
    "return": (services.return_for_changes, _("The document was returned for changes.")),
    "publish": (services.publish, _("The document was published; its PDF is being rendered.")),
    "reopen": (services.reopen, _("A revision was started; the published versions stay.")),
}


@require_POST
def document_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in TRANSITIONS:
        raise Http404
    document = _draft_for(request, pk)
    form = TransitionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    service, done = TRANSITIONS[action]
    try:
        service(document, request.user, note)
    except ValidationError as error:
        return _refused(request, document, error)
    messages.success(request, done)
    return redirect(document)


def document_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft as the PDF will show it: the same template, in the browser."""
    document = _draft_for(request, pk)
    source = document.pdf_source()
    html = render_html(
        source.template_name,
        {**source.context, "back_url": document.get_absolute_url()},
        source.language,
    )
    return HttpResponse(html)


@require_POST
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a PDF of the current draft; the page polls the job."""
    document = _draft_for(request, pk)
    try:
        job = services.request_pdf(document, requested_by=request.user)
    except services.RenderLimitReached as refusal:
        return render_refused(request, refusal)
    if request.htmx:
        return render(request, "documents/includes/render_job.html", {"job": job})
    return redirect(document)


# --- versions -----------------------------------------------------------------------------------


def _version_for(request: HttpRequest, pk: int, number: int) -> DocumentVersion:
    return get_object_or_404(
        DocumentVersion.objects.visible_to(request.user).select_related("document__committee"),
        document=pk,
        number=number,
    )


def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _version_for(request, pk, number)
    previous = (
        DocumentVersion.objects.visible_to(request.user)
        .filter(document=version.document_id, number__lt=number)
        .order_by("-number")
        .first()
    )
    context = {
        "version": version,
        "document": version.document,
        "previous": previous,
        "diff": diff_snapshots(previous.snapshot, version.snapshot) if previous else None,
        "job": version.render_jobs.order_by("-pk").first(),
    }
    return render(request, "documents/version_detail.html", context)


def version_preview(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _version_for(request, pk, number)
    source = version.pdf_source()
    html = render_html(
        source.template_name,
        {**source.context, "back_url": version.get_absolute_url()},
        source.language,
    )
    return HttpResponse(html)


def draft_changes(request: HttpRequest, pk: int) -> HttpResponse:
    """What the working draft changes against the latest published version."""
    document = _draft_for(request, pk)
    version = document.versions.order_by("-number").first()
    if version is None:
        raise Http404
    context = {
        "document": document,
        "version": version,
        "diff": diff_snapshots(version.snapshot, snapshot(document)),
    }
    return render(request, "documents/draft_changes.html", context)


# --- rendering jobs (shared by every app that makes PDFs) --------------------------------------


def render_refused(request: HttpRequest, refusal: services.RenderLimitReached) -> HttpResponse:
    """429 with the reason, in place of the job's progress (htmx swaps it in: static/js/app.js)
    or as a page."""
    template = (
        "documents/includes/render_refused.html" if request.htmx else "documents/job_refused.html"
    )
    response = render(request, template, {"message": str(refusal)}, status=429)
    response["Retry-After"] = "3600"
    return response


def _job_for(request: HttpRequest, pk: int) -> RenderJob:
    job = get_object_or_404(RenderJob.objects.select_related("content_type"), pk=pk)
    target = job.target
    if target is None or not target.pdf_readable_by(request.user):
        raise Http404
    return job


def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress; htmx polls this partial until the file is ready."""
    job = _job_for(request, pk)
    if request.htmx:
        return render(request, "documents/includes/render_job.html", {"job": job})
    return render(request, "documents/job_detail.html", {"job": job})


def job_file(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    if job.status != RenderJob.Status.DONE or not job.output:
        raise Http404
    return FileResponse(
        job.output.open("rb"),
        as_attachment=request.GET.get("inline") != "1",
        filename=job.filename,
        content_type="application/pdf",
    )


@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    if job.status == RenderJob.Status.DONE:
        return render(request, "documents/includes/render_job.html", {"job": job})
    try:
        new_job = services.retry(job, requested_by=request.user)
    except services.RenderLimitReached as refusal:
        return render_refused(request, refusal)
    if request.htmx:
        return render(request, "documents/includes/render_job.html", {"job": new_job})
    return redirect("documents:job_status", pk=new_job.pk)
