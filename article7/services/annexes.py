"""A draft's annexes (a map, photographs for Form H, a law for Form A): added through the
content-checked upload path and removed while the report is a draft; frozen with it when it is
submitted (a correction copies them: ``drafting.start_correction``)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ..models import Annex, Report
from .drafting import locked_draft


@transaction.atomic
def add_annex(*, report: Report, title: str, section: str, file: UploadedFile, by: Any) -> Annex:
    """Attach ``file`` to a draft: accepted only when ``common.uploads.validate_document``
    accepts it (the model field's validator), stored through the default storage; refused
    (``ValidationError``) once the report is submitted."""
    locked = locked_draft(report, None)
    annex = Annex(report=locked, title=title.strip(), section=section, file=file)
    annex.full_clean()
    annex.save()
    return annex


@transaction.atomic
def remove_annex(*, annex: Annex, by: Any) -> None:
    """Take an annex off a draft. The stored file stays, as every stored file does: a
    correction shares its predecessor's files, and the audit trail names them."""
    locked_draft(annex.report, None)
    annex.delete()
