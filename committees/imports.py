"""The historical record in and out: meetings and committee memberships."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from common.import_cells import (
    CellValueError,
    choice_parser,
    parse_int,
    parse_list,
    parse_required_date,
)
from common.import_plan import PlannedRow, RowInvalid
from common.imports import CsvImporter
from states_parties.models import StateParty

from . import services
from .models import Committee, Meeting, Office, SeatTerm, parse_meeting_name
from .tables import MEETINGS

MEMBERSHIP_COLUMNS = (
    "committee",
    "iso3",
    "term_start_meeting",
    "term_end_meeting",
    "chair_years",
    "gender_focal_point_years",
)


class MeetingImporter(CsvImporter):
    """Formal meetings are matched on kind and number; others on kind, opening day and title.
    An optional ``committee`` column (short code) places a committee's own meeting."""

    columns = MEETINGS.header
    optional_columns = frozenset({"number", "title", "venue", "president_iso3", "committee"})
    key_column = "kind"
    column_for_field = {
        "kind": "kind",
        "number": "number",
        "title": "title",
        "start_date": "start_date",
        "end_date": "end_date",
        "venue": "venue",
        "president_state": "president_iso3",
        "committee": "committee",
    }
    parse_kind = staticmethod(choice_parser(Meeting.Kind))

    def row_key(self, cells: Mapping[str, str]) -> str:
        kind = cells.get("kind", "").strip().lower()
        number = cells.get("number", "").strip()
        if number:
            return f"{kind} {number}"
        return f"{kind} {cells.get('start_date', '').strip()} {cells.get('title', '').strip()}"

    def prepare(self, records: list[dict[str, str]]) -> None:
        self.states = {
            state.iso3: state
            for state in StateParty.objects.filter(
                iso3__in={r.get("president_iso3", "").strip().upper() for r in records}
            )
        }
        self.committees = {committee.code: committee for committee in Committee.objects.all()}
        # By key, so that a file of many rows is matched in one look-up a row.
        self.by_number: dict[tuple, Meeting] = {}
        self.by_day: dict[tuple, Meeting] = {}
        for meeting in Meeting.objects.order_by("pk"):
            if meeting.number is not None:
                self.by_number.setdefault((meeting.kind, meeting.number), meeting)
            else:
                self.by_day.setdefault((meeting.kind, meeting.start_date, meeting.title), meeting)

    def _find(self, kind: str, number: int | None, start, title: str) -> Meeting | None:
        if number is not None:
            return self.by_number.get((kind, number))
        return self.by_day.get((kind, start, title))

    def plan_row(self, row: int, cells: Mapping[str, str]) -> PlannedRow:
        values = self.parse_cells(
            cells,
            {
                "kind": self.parse_kind,
                "number": lambda text: parse_int(text, minimum=1),
                "start_date": parse_required_date,
                "end_date": parse_required_date,
            },
        )
        if not values["kind"]:
            raise RowInvalid({"kind": [_("The kind of meeting is required.")]})
        values["title"] = cells.get("title", "").strip()
        values["venue"] = cells.get("venue", "").strip()
        errors: dict[str, list[str]] = {}
        president_code = cells.get("president_iso3", "").strip().upper()
        values["president_state"] = self.states.get(president_code) if president_code else None
        if president_code and values["president_state"] is None:
            errors["president_iso3"] = [
                _("No State with the code “%(code)s”.") % {"code": president_code}
            ]
        committee_code = cells.get("committee", "").strip().upper()
        values["committee"] = self.committees.get(committee_code) if committee_code else None
        if committee_code and values["committee"] is None:
            errors["committee"] = [
                _("No committee with the code “%(code)s”.") % {"code": committee_code}
            ]
        if errors:
            raise RowInvalid(errors)

        existing = self._find(
            values["kind"], values["number"], values["start_date"], values["title"]
        )
        meeting = existing or Meeting()
        changes = self.changes(meeting, values) if existing else {}
        for name, value in values.items():
            setattr(meeting, name, value)
        self.validate_record(meeting)
        key = self.row_key(cells)
        if existing is None:
            return PlannedRow(row, key, "create", apply=lambda: services.save_meeting(meeting))
        if not changes:
            return PlannedRow(row, key, "unchanged")
        return PlannedRow(row, key, "update", changes, apply=lambda: services.save_meeting(meeting))


class MembershipImporter(CsvImporter):
    """One row per seat term; the listed years are exactly the years the member holds the
    office (an office not listed is removed). Checked as a whole against the rules of
    composition before anything is written."""

    columns = MEMBERSHIP_COLUMNS
    optional_columns = frozenset({"chair_years", "gender_focal_point_years"})
    key_column = "iso3"
    rehearse = True
    column_for_field = {
        "committee": "committee",
        "state": "iso3",
        "start_meeting": "term_start_meeting",
        "end_meeting": "term_end_meeting",
        "chair_years": "chair_years",
        "gender_focal_point_years": "gender_focal_point_years",
    }

    def row_key(self, cells: Mapping[str, str]) -> str:
        return " ".join(
            cells.get(column, "").strip().upper()
            for column in ("committee", "iso3", "term_start_meeting")
        )

    def prepare(self, records: list[dict[str, str]]) -> None:
        self.committees = list(Committee.objects.all())
        self.states = {
            state.iso3: state
            for state in StateParty.objects.filter(
                iso3__in={r.get("iso3", "").strip().upper() for r in records}
            )
        }
        self.meetings = {
            (meeting.kind, meeting.number): meeting for meeting in Meeting.objects.formal()
        }
        self.terms = {
            (term.committee_id, term.state_id, term.start_meeting_id): term
            for term in SeatTerm.objects.select_related("end_meeting").prefetch_related("offices")
        }

    def _committee(self, text: str) -> Committee:
        text = text.strip()
        for committee in self.committees:
            if text.upper() == committee.code or text.casefold() == committee.name.casefold():
                return committee
        raise CellValueError(_("No committee with the code or name “%(value)s”.") % {"value": text})

    def _meeting(self, text: str) -> Meeting:
        parsed = parse_meeting_name(text)
        if parsed is None:
            raise CellValueError(
                _("“%(value)s” is not a meeting name such as 22MSP or 5RC.")
                % {"value": text.strip()}
            )
        meeting = self.meetings.get(parsed)
        if meeting is None:
            raise CellValueError(
                _("%(value)s is not recorded; import the meetings first.")
                % {"value": text.strip().upper()}
            )
        return meeting

    def _state(self, text: str) -> StateParty:
        code = text.strip().upper()
        if code not in self.states:
            raise CellValueError(_("No State with the code “%(code)s”.") % {"code": code})
        return self.states[code]

    @staticmethod
    def _years(text: str) -> list[int]:
        years = []
        for item in parse_list(text):
            if not (item.isdigit() and len(item) == 4):
                raise CellValueError(_("“%(value)s” is not a year.") % {"value": item})
            years.append(int(item))
        return sorted(set(years))

    def plan_row(self, row: int, cells: Mapping[str, str]) -> PlannedRow:
        values = self.parse_cells(
            cells,
            {
                "committee": self._committee,
                "iso3": self._state,
                "term_start_meeting": self._meeting,
                "term_end_meeting": self._meeting,
                "chair_years": self._years,
                "gender_focal_point_years": self._years,
            },
        )
        committee, state = values["committee"], values["iso3"]
        start, end = values["term_start_meeting"], values["term_end_meeting"]
        wanted = {kind: set(values[column]) for kind, column in OFFICE_COLUMNS.items()}
        existing = self.terms.get((committee.pk, state.pk, start.pk))
        key = self.row_key(cells)
        changes = _term_changes(existing, end, wanted) if existing is not None else {}
        if existing is not None and not changes:
            return PlannedRow(row, key, "unchanged")
        term_id = existing.pk if existing else None
        return PlannedRow(
            row,
            key,
            "update" if existing else "create",
            changes,
            apply=lambda: _write_term(term_id, committee, state, start, end, wanted),
            finish=lambda: _write_offices(committee, state, start, wanted),
        )


#: The column that lists the years of each office.
OFFICE_COLUMNS = {
    Office.Kind.CHAIR: "chair_years",
    Office.Kind.GENDER_FOCAL_POINT: "gender_focal_point_years",
}


def _term_changes(existing: SeatTerm, end: Meeting, wanted: dict[str, set[int]]) -> dict:
    """What the row changes in a recorded term: its last meeting and the years of each office,
    as the preview lists them."""
    changes: dict = {}
    if existing.end_meeting_id != end.pk:
        changes["term_end_meeting"] = (existing.end_meeting.short_name, end.short_name)
    for kind, column in OFFICE_COLUMNS.items():
        held = {office.year for office in existing.offices.all() if office.kind == kind}
        if held != wanted[kind]:
            changes[column] = (
                ";".join(map(str, sorted(held))),
                ";".join(map(str, sorted(wanted[kind]))),
            )
    return changes


def _write_term(
    term_id: int | None,
    committee: Committee,
    state: StateParty,
    start: Meeting,
    end: Meeting,
    wanted: dict[str, set[int]],
) -> None:
    """Save the term and remove the offices the row no longer lists; the offices it adds are
    set after every row's term (``_write_offices``), so that an office moving from one member
    to another is first freed."""
    term = (
        SeatTerm.objects.get(pk=term_id)
        if term_id
        else SeatTerm(committee=committee, state=state, start_meeting=start)
    )
    term.end_meeting = end
    term = services.save_term(term)
    for office in term.offices.all():
        if office.year not in wanted[office.kind]:
            services.remove_office(office)


def _write_offices(
    committee: Committee, state: StateParty, start: Meeting, wanted: dict[str, set[int]]
) -> None:
    """Set the offices the row lists; a refusal is reported under the office's column."""
    term = SeatTerm.objects.get(committee=committee, state=state, start_meeting=start)
    held = {(office.kind, office.year) for office in term.offices.all()}
    for kind, years in wanted.items():
        for year in sorted(years):
            if (kind, year) not in held:
                try:
                    services.set_office(term, kind, year)
                except ValidationError as error:
                    raise ValidationError({OFFICE_COLUMNS[kind]: error.messages}) from error
