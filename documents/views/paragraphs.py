"""Editing a draft's paragraphs in place: change, move, delete, add."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can_edit_records, staff_required

from .. import services
from ..forms import NewParagraphForm, ParagraphForm
from ..models import Document, DocumentParagraph
from .documents import refused, workspace_context


def _paragraphs_response(request: HttpRequest, document: Document) -> HttpResponse:
    if request.htmx:
        return render(
            request,
            "documents/document_detail.html#paragraphs",
            workspace_context(request, document),
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
            return refused(request, document, error)
        return _paragraphs_response(request, document)
    context = {
        **workspace_context(request, document),
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
        return refused(request, paragraph.document, error)
    return _paragraphs_response(request, paragraph.document)


@staff_required
@require_POST
def paragraph_delete(request: HttpRequest, pk: int, paragraph_pk: int) -> HttpResponse:
    paragraph = _editable_paragraph(request, pk, paragraph_pk)
    try:
        services.delete_paragraph(paragraph)
    except ValidationError as error:
        return refused(request, paragraph.document, error)
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
        return refused(request, document, error)
    messages.success(request, _("The paragraph was added."))
    return redirect(document)
