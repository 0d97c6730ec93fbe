"""Past Article 7 reports and Article 9 records, from the ISU's spreadsheets, and back out."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from common.import_cells import (
    CellValueError,
    choice_parser,
    parse_bool,
    parse_int,
    parse_list,
    parse_required_date,
)
from common.import_plan import PlannedRow
from common.imports import CsvImporter
from common.visibility import Visibility
from states_parties.models import StateParty

from . import services
from .forms import LANGUAGES
from .models import FORMS, Article9Record, Article9Status, ReportKind, Submission
from .tables import ARTICLE9_RECORDS, submissions_table

SUBMISSION_COLUMNS = submissions_table().header
ARTICLE9_COLUMNS = ARTICLE9_RECORDS.header
LANGUAGE_CODES = {code for code, _label in LANGUAGES}


class _StateRows(CsvImporter):
    def prepare(self, records: list[dict[str, str]]) -> None:
        codes = {record.get("iso3", "").strip().upper() for record in records}
        self.states = {state.iso3: state for state in StateParty.objects.filter(iso3__in=codes)}

    def state(self, text: str) -> StateParty:
        code = text.strip().upper()
        if code not in self.states:
            raise CellValueError(_("No State with the code “%(code)s”.") % {"code": code})
        return self.states[code]

    def plan_instance(self, row, key, existing, instance, values, save) -> PlannedRow:
        changes = self.changes(existing, values) if existing else {}
        for name, value in values.items():
            setattr(instance, name, value)
        self.validate_record(instance)
        if existing is None:
            return PlannedRow(row, key, "create", apply=lambda: save(instance))
        if not changes:
            return PlannedRow(row, key, "unchanged")
        return PlannedRow(row, key, "update", changes, apply=lambda: save(instance))


def _forms(text: str) -> str:
    letters = text.strip().upper().replace(";", "").replace(",", "").replace(" ", "")
    if set(letters) - set(FORMS) or len(set(letters)) != len(letters):
        raise CellValueError(_("Forms are letters A to J, each once (e.g. ACDJ)."))
    return "".join(sorted(letters))


def _languages(text: str) -> str:
    codes = [code.lower() for code in parse_list(text.replace(",", ";"))]
    unknown = [code for code in codes if code not in LANGUAGE_CODES]
    if unknown:
        raise CellValueError(
            _("Unknown language code(s): %(codes)s; use %(allowed)s.")
            % {"codes": ", ".join(unknown), "allowed": ", ".join(sorted(LANGUAGE_CODES))}
        )
    return ",".join(codes)


def _area(text: str) -> Decimal | None:
    value = text.strip().replace(" ", "")
    if not value:
        return None
    try:
        area = Decimal(value)
        if not area.is_finite():  # "NaN" and "Infinity" parse, but are no area
            raise InvalidOperation
    except InvalidOperation:
        raise CellValueError(
            _("“%(value)s” is not a number of square metres.") % {"value": text.strip()}
        ) from None
    if area < 0:
        raise CellValueError(_("Must be 0 or more."))
    return area


class SubmissionImporter(_StateRows):
    columns = SUBMISSION_COLUMNS
    optional_columns = frozenset(SUBMISSION_COLUMNS[4:])
    key_column = "iso3"
    column_for_field = {column: column for column in SUBMISSION_COLUMNS} | {"state": "iso3"}

    def row_key(self, cells: Mapping[str, str]) -> str:
        return " ".join(cells.get(c, "").strip().upper() for c in ("iso3", "kind", "year"))

    def prepare(self, records: list[dict[str, str]]) -> None:
        super().prepare(records)
        self.existing = {
            (s.state_id, s.kind, s.year): s
            for s in Submission.objects.filter(state__in=self.states.values())
        }

    def plan_row(self, row: int, cells: Mapping[str, str]) -> PlannedRow:
        values = self.parse_cells(
            cells,
            {
                "iso3": self.state,
                "kind": choice_parser(ReportKind),
                "year": lambda text: parse_int(text, minimum=1999),
                "received_on": parse_required_date,
                "forms": _forms,
                "nothing_new": parse_bool,
                "languages": _languages,
                "visibility": _visibility,
                "mines_retained": lambda text: parse_int(text, minimum=0),
                "stockpile_remaining": lambda text: parse_int(text, minimum=0),
                "mined_area_remaining": _area,
            },
        )
        state = values.pop("iso3")
        values["kind"] = values["kind"] or ReportKind.ANNUAL
        values["visibility"] = values["visibility"] or Visibility.PUBLIC
        values["link"] = cells.get("link", "").strip()
        if values["year"] is None:
            raise self.model_errors(
                ValidationError({"year": _("The year covered is required.")}), self.column_for_field
            )
        existing = self.existing.get((state.pk, values["kind"], values["year"]))
        instance = existing or Submission(state=state)
        return self.plan_instance(
            row, self.row_key(cells), existing, instance, values, services.save_submission
        )


_visibility_choice = choice_parser(Visibility)


def _visibility(text: str) -> str:
    """A level; "restricted", the word of earlier files, means for States Parties only."""
    if text.strip().lower() == "restricted":
        return Visibility.STATES_PARTIES
    return _visibility_choice(text)


class Article9Importer(_StateRows):
    columns = ARTICLE9_COLUMNS
    optional_columns = frozenset({"measure", "source"})
    key_column = "iso3"
    column_for_field = {column: column for column in ARTICLE9_COLUMNS} | {"state": "iso3"}

    def row_key(self, cells: Mapping[str, str]) -> str:
        return f"{cells.get('iso3', '').strip().upper()} {cells.get('as_of', '').strip()}"

    def prepare(self, records: list[dict[str, str]]) -> None:
        super().prepare(records)
        self.existing = {
            (r.state_id, r.as_of): r
            for r in Article9Record.objects.filter(state__in=self.states.values())
        }

    def plan_row(self, row: int, cells: Mapping[str, str]) -> PlannedRow:
        values = self.parse_cells(
            cells,
            {
                "iso3": self.state,
                "as_of": parse_required_date,
                "status": choice_parser(Article9Status),
            },
        )
        state = values.pop("iso3")
        if not values["status"]:
            raise self.model_errors(
                ValidationError({"status": _("The status is required.")}), self.column_for_field
            )
        values["measure"] = cells.get("measure", "").strip()
        values["source"] = cells.get("source", "").strip()
        existing = self.existing.get((state.pk, values["as_of"]))
        instance = existing or Article9Record(state=state)
        return self.plan_instance(
            row, self.row_key(cells), existing, instance, values, services.save_article9_record
        )
