"""The States Parties spreadsheet the ISU keeps, in and out.

``name_fr`` and ``name_es`` are optional: a blank cell keeps the name recorded (a new State
takes the United Nations' short name, ``names.default_name``)."""

from collections.abc import Mapping

from django_countries import countries

from common.import_cells import choice_parser, parse_bool, parse_optional_date
from common.import_plan import PlannedRow, RowInvalid
from common.imports import CsvImporter

from .models import Instrument, RegionalGroup, StateParty
from .services import save_state_party
from .tables import COMPUTED_COLUMNS, IMPORT_COLUMNS

# Where a model rule about a field the file does not carry is best reported.
COLUMN_FOR_FIELD = {
    **{column: column for column in (*IMPORT_COLUMNS, "regional_group")},
    "armed_conflict_ended_on": "withdrawal_suspended",
    "entry_into_force_override": "deposit_date",
    "entry_into_force_override_reason": "deposit_date",
}


class StatePartyImporter(CsvImporter):
    """Columns of the issue's spreadsheet; ``regional_group`` may be added as an extra column."""

    columns = (*IMPORT_COLUMNS, "regional_group")
    optional_columns = frozenset(
        {"name", "name_fr", "name_es", "withdrawal_suspended", "regional_group"}
    )
    ignored_columns = frozenset(COMPUTED_COLUMNS)
    key_column = "iso3"

    parsers = {
        "signature_date": parse_optional_date,
        "instrument": choice_parser(Instrument),
        "deposit_date": parse_optional_date,
        "withdrawal_deposit_date": parse_optional_date,
        "withdrawal_suspended": parse_bool,
    }

    def normalise_key(self, text: str) -> str:
        return text.strip().upper()

    def prepare(self, records: list[dict[str, str]]) -> None:
        keys = {self.normalise_key(record.get("iso3", "")) for record in records}
        self.existing = {state.iso3: state for state in StateParty.objects.filter(iso3__in=keys)}

    def plan_row(self, row: int, cells: Mapping[str, str]) -> PlannedRow:
        iso3 = self.normalise_key(cells.get("iso3", ""))
        if not iso3:
            raise RowInvalid({"iso3": ["An ISO 3166 alpha-3 code is required."]})
        values = self.parse_cells(cells, self.parsers)
        if "regional_group" in cells:
            region = self.parse_cells(cells, {"regional_group": choice_parser(RegionalGroup)})
            values["regional_group"] = region["regional_group"] or RegionalGroup.NONE
        alpha2 = countries.alpha2(iso3)
        values["name"] = cells.get("name", "").strip() or (countries.name(alpha2) if alpha2 else "")
        for field in ("name_fr", "name_es"):
            if cells.get(field, "").strip():
                values[field] = cells[field].strip()

        existing = self.existing.get(iso3)
        state = existing or StateParty(iso3=iso3)
        changes = self.changes(state, values) if existing else {}
        for field, value in values.items():
            setattr(state, field, value)
        self.validate_record(state, COLUMN_FOR_FIELD)

        if existing is None:
            return PlannedRow(row, iso3, "create", apply=lambda: save_state_party(state))
        if not changes:
            return PlannedRow(row, iso3, "unchanged")
        return PlannedRow(row, iso3, "update", changes, apply=lambda: save_state_party(state))
