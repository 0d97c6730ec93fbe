"""Published versions of a document, and what the draft changes against the latest."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..assembly import snapshot
from ..diff import diff_snapshots
from ..models import DocumentVersion
from ..pdf import render_html
from .documents import draft_for


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
    document = draft_for(request, pk)
    version = document.versions.order_by("-number").first()
    if version is None:
        raise Http404
    context = {
        "document": document,
        "version": version,
        "diff": diff_snapshots(version.snapshot, snapshot(document)),
    }
    return render(request, "documents/draft_changes.html", context)
