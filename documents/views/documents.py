"""The pages of a document: the list, the record, its working draft and the workflow."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can_approve_for, can_edit_records, staff_required
from committees.models import Committee
from common.views import form_page, list_page

from .. import services
from ..assembly import ordered_paragraphs
from ..filters import DocumentFilter
from ..forms import DocumentForm, NewParagraphForm, TransitionForm
from ..kinds import ROMAN
from ..models import Document, DocumentVersion, RenderJob
from ..pdf import render_html
from ..tables import DOCUMENTS
from .jobs import render_refused


def visible_documents(request: HttpRequest):
    return Document.objects.visible_to(request.user).select_related("committee")


def _document_for(request: HttpRequest, pk: int) -> Document:
    return get_object_or_404(visible_documents(request), pk=pk)


def draft_for(request: HttpRequest, pk: int) -> Document:
    """The working draft, for those who may read it (staff, the committee's own members)."""
    return get_object_or_404(
        Document.objects.drafts_visible_to(request.user).select_related("committee"), pk=pk
    )


def document_list(request: HttpRequest) -> HttpResponse:
    documents = DocumentFilter(
        request.GET or None,
        queryset=visible_documents(request)
        .annotate(version_count=Count("versions"))
        .order_by("-date", "-pk"),
    )
    return list_page(
        request,
        "documents/document_list.html",
        documents,
        target="document-results",
        table=DOCUMENTS,
        context={"can_edit": can_edit_records(request.user)},
    )


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
    return form_page(request, form, _("New document"), reverse("documents:list"))


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
    return form_page(request, form, str(document), document.get_absolute_url())


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


def workspace_context(request: HttpRequest, document: Document) -> dict:
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
        context.update(workspace_context(request, document))
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


def refused(request: HttpRequest, document: Document, error: ValidationError) -> HttpResponse:
    messages.error(request, " ".join(error.messages))
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = document.get_absolute_url()
        return response
    return redirect(document)


@staff_required
@require_POST
def document_language_version(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """Create the document in another language, drawn from the records' translations."""
    document = get_object_or_404(Document.objects.select_related("committee"), pk=pk)
    try:
        version = services.create_language_version(document, language, request.user)
    except ValidationError as error:
        return refused(request, document, error)
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
        return refused(request, document, error)
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
    document = draft_for(request, pk)
    form = TransitionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    service, done = TRANSITIONS[action]
    try:
        service(document, request.user, note)
    except ValidationError as error:
        return refused(request, document, error)
    messages.success(request, done)
    return redirect(document)


def document_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft as the PDF will show it: the same template, in the browser."""
    document = draft_for(request, pk)
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
    document = draft_for(request, pk)
    try:
        job = services.request_pdf(document, requested_by=request.user)
    except services.RenderLimitReached as refusal:
        return render_refused(request, refusal)
    if request.htmx:
        return render(request, "documents/includes/render_job.html", {"job": job})
    return redirect(document)
