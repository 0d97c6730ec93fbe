"""Stored files leave the application only here: as attachments, after the caller checked that
the user may read the record they belong to. Nothing is served from ``MEDIA_URL``."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

from .uploads import DOCUMENT_KINDS


def attachment(file: FieldFile, filename: str | None = None) -> FileResponse:
    """A download of ``file``: never shown inline, never sniffed, never cached by a proxy."""
    if not file or not default_storage.exists(file.name):
        raise Http404
    name = filename or PurePosixPath(file.name).name
    kind = DOCUMENT_KINDS.get(PurePosixPath(name).suffix.lstrip(".").lower())
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Even opened by mistake in the browser, the file can run nothing of its own.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
