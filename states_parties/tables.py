"""The States Parties spreadsheet the ISU keeps: the columns the import reads, then the dates
and status computed from them. Importing an export again changes nothing."""

from __future__ import annotations

from datetime import date

from common.exports import Column, Table

from .models import StateParty


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _field(name: str, attribute: str | None = None) -> Column:
    return Column(name, lambda state: _text(getattr(state, attribute or name)))


IMPORTED = (
    _field("iso3"),
    _field("name"),
    _field("name_fr"),
    _field("name_es"),
    _field("signature_date"),
    _field("instrument"),
    _field("deposit_date"),
    _field("withdrawal_deposit_date"),
    _field("withdrawal_suspended"),
)
COMPUTED = (
    _field("entry_into_force"),
    _field("initial_report_due"),
    _field("article4_deadline", "stockpile_destruction_deadline"),
    _field("article5_original_deadline", "clearance_original_deadline"),
    _field("article5_current_deadline", "clearance_deadline"),
    _field("withdrawal_effective"),
    Column("status", lambda state: state.status.value),
)
IMPORT_COLUMNS = tuple(column.name for column in IMPORTED)
COMPUTED_COLUMNS = tuple(column.name for column in COMPUTED)

STATES = Table("states-parties", [*IMPORTED, *COMPUTED])


def export_queryset():
    """Everything the export reads, in a fixed number of queries however many States."""
    return StateParty.objects.with_status().in_name_order("en")
