"""A report as data: the dictionary the rules check, the JSON export writes and the import and
the API read back. ``report_data`` reads a report (11 queries whatever its size);
``context_for`` adds what the record says about the State and its previous report."""

from __future__ import annotations

from datetime import date
from typing import Any

from . import rules
from .models import ROW_MODELS, SECTION_CODES, FormSection, Report, SectionStatus

FORMAT = "article7-report/1"
SECTION_KEYS = ("status", "narrative", "explanation", "no_change_since", "rows")


def empty_section() -> dict:
    return {
        "status": SectionStatus.EMPTY.value,
        "narrative": "",
        "explanation": "",
        "no_change_since": None,
        "rows": [],
    }


def rows_by_section(report: Report) -> dict[str, list]:
    """Each form's row objects, in order (one query per form)."""
    return {
        code: list(model.objects.filter(report=report).order_by("position", "pk"))
        for code, model in ROW_MODELS.items()
    }


def sections_data(report: Report) -> dict[str, dict]:
    sections = {code: empty_section() for code in SECTION_CODES}
    for section in FormSection.objects.filter(report=report):
        sections[section.code].update(
            status=section.status,
            narrative=section.narrative,
            explanation=section.explanation,
            no_change_since=section.no_change_since,
        )
    for code, rows in rows_by_section(report).items():
        sections[code]["rows"] = [row.as_data() for row in rows]
    return sections


def report_data(report: Report, *, context: bool = True) -> dict:
    data: dict[str, Any] = {
        "format": FORMAT,
        "state": report.state.iso3,
        "year_covered": report.year_covered,
        "version": report.version,
        "language": report.language,
        "status": report.status,
        "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
        "submitted_by_name": report.submitted_by_name,
        "submitted_by_function": report.submitted_by_function,
        "receipt_number": report.receipt_number,
        "sections": sections_data(report),
    }
    if context:
        data["context"] = context_for(report)
    return data


def previous_report(state_id: int, year_covered: int | None) -> Report | None:
    """The State's latest sent version of the report covering the year before."""
    if year_covered is None:
        return None
    return (
        Report.objects.filter(state_id=state_id, year_covered=year_covered - 1)
        .submitted()
        .order_by("-version")
        .first()
    )


def context_for(report: Report, previous: dict | None = None) -> dict:
    """What the rules need beyond the report: the State's Article 4 deadline and completion of
    Article 5, and the figures of the report covering the year before (``previous``:
    ``{"year_covered", "retained_at_end", "mined_area"}``, when the caller has them)."""
    state = report.state
    if previous is None:
        earlier = previous_report(report.state_id, report.year_covered)
        if earlier is not None and earlier.retained is not None:
            # A sent report keeps its figures: no need to read its rows.
            previous = {
                "year_covered": earlier.year_covered,
                "retained_at_end": earlier.retained,
                "mined_area": earlier.mined_area,
            }
        elif earlier is not None:
            data = report_data(earlier, context=False)
            previous = {
                "year_covered": data["year_covered"],
                "retained_at_end": rules.retained_at_end(data),
                "mined_area": rules.mined_area(data),
            }
    return {
        "article4_deadline": _iso(state.stockpile_destruction_deadline)
        if state.had_stockpiles
        else None,
        "article4_open": state.article4_open,
        "clearance_completed_on": _iso(state.clearance_completed_on),
        "previous": previous,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def figures(data: dict) -> dict[str, int]:
    """The figures the committees follow, from a report's data."""
    return {
        "stockpile": rules.stockpile(data),
        "destroyed_article4": rules.destroyed(data, 4),
        "destroyed_article5": rules.destroyed(data, 5),
        "retained": rules.retained_at_end(data),
        "mined_area": rules.mined_area(data),
    }
