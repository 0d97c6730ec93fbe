"""Uploaded documents: an allow-list of kinds, each checked by its content, under a size cap.

The name a browser sends proves nothing: a file is accepted when its bytes are of the kind its
extension claims (identified by puremagic, which reads inside ZIP and OLE containers) and the
container is whole (a PDF that ends, a ZIP whose every member reads back, an OLE file of whole
sectors). Larger files than ``UPLOAD_MAX_BYTES`` are never kept: the upload handler stops
writing them to disk and the validator says how large they were allowed to be.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db.models.fields.files import FieldFile
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
#: A ZIP-based document may not claim to unpack to more than this many times its own size.
MAX_EXPANSION = 100


@dataclass(frozen=True)
class DocumentKind:
    extension: str
    label: str
    content_type: str
    container: str  # "pdf", "zip" or "ole"
    #: For ZIP containers, a member every such file has.
    required_member: str = ""


DOCUMENT_KINDS = {
    kind.extension: kind
    for kind in (
        DocumentKind("pdf", "PDF", "application/pdf", "pdf"),
        DocumentKind(
            "docx",
            "Word",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "zip",
            "[Content_Types].xml",
        ),
        DocumentKind(
            "xlsx",
            "Excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "zip",
            "[Content_Types].xml",
        ),
        DocumentKind(
            "odt", "OpenDocument text", "application/vnd.oasis.opendocument.text", "zip", "mimetype"
        ),
        DocumentKind("doc", "Word 97-2003", "application/msword", "ole"),
        DocumentKind("xls", "Excel 97-2003", "application/vnd.ms-excel", "ole"),
    )
}


class CappedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Writes at most ``UPLOAD_MAX_BYTES`` of a file to disk; past that it only counts, and
    marks the file ``over_cap`` so that validation can say how large it was allowed to be."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.over_cap = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            self.over_cap = True
            return None
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size: int) -> Any:
        upload = super().file_complete(file_size)
        if upload is not None and self.over_cap:
            upload.over_cap = True
            upload.size = self.received
        return upload


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def _sniff(path: str) -> list[str]:
    """The extensions the content is most likely to have (several when equally likely, as for
    a ZIP whose members do not tell), best first; empty when it says nothing."""
    import puremagic  # here, not at start-up: every model module imports this one

    try:
        matches = puremagic.magic_file(path)
    except (puremagic.PureError, OSError, ValueError):
        return []
    if not matches:
        return []
    best = max(match.confidence for match in matches)
    return [m.extension.lstrip(".").lower() for m in matches if m.confidence == best]


def _whole(kind: DocumentKind, path: str, size: int) -> bool:
    """Is the container complete, rather than cut short or damaged?"""
    if kind.container == "pdf":
        with open(path, "rb") as handle:
            head = handle.read(5)
            handle.seek(max(0, size - 2048))
            tail = handle.read()
        return head == b"%PDF-" and b"%%EOF" in tail
    if kind.container == "ole":
        with open(path, "rb") as handle:
            head = handle.read(8)
        return head == OLE_SIGNATURE and size >= 1536 and size % 512 == 0
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_EXPANSION * max(size, 1):
                return False
            names = {member.filename for member in members}
            return kind.required_member in names and archive.testzip() is None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


@deconstructible
class DocumentValidator:
    """Accept only documents of the allowed kinds, whole, and no larger than the cap."""

    def __init__(self, extensions: tuple[str, ...] = tuple(DOCUMENT_KINDS)) -> None:
        self.extensions = tuple(extensions)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocumentValidator) and self.extensions == other.extensions

    def __call__(self, upload: Any) -> None:
        if isinstance(upload, FieldFile):
            if upload._committed:
                return  # stored earlier, checked when it was uploaded
            upload = upload.file
        cap = settings.UPLOAD_MAX_BYTES
        if getattr(upload, "over_cap", False) or (upload.size or 0) > cap:
            raise ValidationError(
                _(
                    "The file is larger than %(limit)s MB; "
                    "files of up to %(limit)s MB are accepted."
                ),
                code="too_large",
                params={"limit": _megabytes(cap)},
            )
        allowed = ", ".join(f".{extension}" for extension in self.extensions)
        extension = Path(upload.name or "").suffix.lstrip(".").lower()
        if extension not in self.extensions:
            raise ValidationError(
                _("“.%(extension)s” files are not accepted; upload one of: %(allowed)s."),
                code="extension",
                params={"extension": extension, "allowed": allowed},
            )
        kind = DOCUMENT_KINDS[extension]
        if not upload.size:
            raise ValidationError(_("The file is empty."), code="empty")
        with _local_copy(upload) as path:
            found = _sniff(path)
            same_container = kind.container == "ole" and {"doc", "xls"} & set(found)
            if extension not in found and not same_container:
                raise ValidationError(
                    _(
                        "The file is named .%(extension)s but its content is not a %(label)s "
                        "document%(found)s; save it again as %(label)s and upload that."
                    ),
                    code="content",
                    params={
                        "extension": extension,
                        "label": kind.label,
                        "found": f" (it looks like .{found[0]})" if found else "",
                    },
                )
            if not _whole(kind, path, upload.size):
                raise ValidationError(
                    _("The %(label)s file is incomplete or damaged; save it again and upload it."),
                    code="damaged",
                    params={"label": kind.label},
                )


class _local_copy:
    """A path to the upload's bytes, without the name it was sent with."""

    def __init__(self, upload: Any) -> None:
        self.upload = upload
        self.temporary: Any = None

    def __enter__(self) -> str:
        # A copy even of a file already on disk: its temporary name ends with the extension
        # the browser sent, which identification would take as a hint.
        self.temporary = tempfile.NamedTemporaryFile(suffix=".upload")
        self.upload.seek(0)
        for chunk in self.upload.chunks():
            self.temporary.write(chunk)
        self.temporary.flush()
        self.upload.seek(0)
        return self.temporary.name

    def __exit__(self, *exc: object) -> None:
        if self.temporary is not None:
            self.temporary.close()


validate_document = DocumentValidator()
