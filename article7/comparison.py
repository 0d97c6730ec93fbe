"""What a report says differently from the report it was pre-filled from, form by form: rows
added or removed, values changed, narratives rewritten (the review page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .data import sections_data
from .models import ROW_MODELS, SECTION_CODES, Report


@dataclass(frozen=True)
class Change:
    """One difference between a form and the same form of the previous report: a row added or
    removed, a value changed (``field`` names it), or the narrative rewritten."""

    kind: str  # "added" | "removed" | "changed" | "narrative"
    row: int | None
    field: str
    label: str
    before: Any
    after: Any


def _field_label(code: str, name: str) -> str:
    return str(ROW_MODELS[code]._meta.get_field(name).verbose_name)


def _row_summary(code: str, row: dict) -> str:
    fields = ROW_MODELS[code].FIELDS
    return " · ".join(str(row[name]) for name in fields[:3] if row.get(name) not in (None, ""))


def compare_sections(before: dict, after: dict) -> dict[str, list[Change]]:
    """``{form: [changes]}`` between two reports' ``sections`` data, in form order."""
    changes: dict[str, list[Change]] = {}
    for code in SECTION_CODES:
        old, new = before.get(code) or {}, after.get(code) or {}
        found: list[Change] = []
        if (old.get("narrative") or "") != (new.get("narrative") or ""):
            found.append(
                Change(
                    "narrative",
                    None,
                    "narrative",
                    _("Narrative"),
                    old.get("narrative"),
                    new.get("narrative"),
                )
            )
        old_rows, new_rows = old.get("rows") or [], new.get("rows") or []
        for index in range(max(len(old_rows), len(new_rows))):
            if index >= len(old_rows):
                found.append(
                    Change(
                        "added",
                        index,
                        "",
                        _("Row added"),
                        None,
                        _row_summary(code, new_rows[index]),
                    )
                )
            elif index >= len(new_rows):
                found.append(
                    Change(
                        "removed",
                        index,
                        "",
                        _("Row removed"),
                        _row_summary(code, old_rows[index]),
                        None,
                    )
                )
            else:
                for name in ROW_MODELS[code].FIELDS:
                    if old_rows[index].get(name) != new_rows[index].get(name):
                        found.append(
                            Change(
                                "changed",
                                index,
                                name,
                                _field_label(code, name),
                                old_rows[index].get(name),
                                new_rows[index].get(name),
                            )
                        )
        changes[code] = found
    return changes


def changes_since_previous(report: Report) -> dict[str, list[Change]]:
    """What each form says differently from the report this one was pre-filled from (every
    row "added" when there is none)."""
    after = sections_data(report)
    before = sections_data(report.previous) if report.previous_id else {}
    return compare_sections(before, after)
