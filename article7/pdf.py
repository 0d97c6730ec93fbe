"""A report laid out as Forms A to J for the PDF pipeline (``documents.pdf``), in the report's
language: labels stay lazy until the worker renders them with that language active."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .data import report_data
from .models import ROW_MODELS, SECTION_CODES, Report
from .models.reports import SECTION_TITLES

YES, NO = _("yes"), _("no")


def _display(field: models.Field, value: Any) -> Any:
    if value is None or value == "":
        return "—"
    if isinstance(field, models.BooleanField):
        return YES if value else NO
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.IntegerField):
        return f"{value:,}".replace(",", "\u202f")
    return value


def pdf_context(report: Report) -> dict:
    data = report_data(report, context=False)
    sections = []
    for code in SECTION_CODES:
        section = data["sections"][code]
        model = ROW_MODELS[code]
        fields = [model._meta.get_field(name) for name in model.FIELDS]
        sections.append(
            {
                "code": code,
                "title": SECTION_TITLES[code],
                "status": section["status"],
                "no_change_since": section["no_change_since"],
                "narrative": section["narrative"],
                "explanation": section["explanation"],
                "headers": [field.verbose_name for field in fields],
                "rows": [
                    [_display(field, row.get(field.name)) for field in fields]
                    for row in section["rows"]
                ],
            }
        )
    return {
        "report": report,
        "state_name": report.state.name_in(report.language),
        "sections": sections,
        "watermark": None if report.is_sent else _("DRAFT"),
    }


def pdf_filename(report: Report) -> str:
    period = report.year_covered or "initial"
    return f"article7-{report.state.iso3}-{period}-v{report.version}.pdf"
