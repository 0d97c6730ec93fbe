"""The ISU's history of extension requests and decisions, from CSV: all or nothing, every
problem by row and column, re-runnable (a row matches the request of its State for its
Meeting)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from committees.models import Meeting
from common.import_cells import (
    CellValueError,
    parse_bool,
    parse_optional_date,
    parse_required_date,
)
from common.import_plan import PlannedRow
from common.imports import CsvImporter
from states_parties.models import StateParty

from . import services
from .models import Decision, DecisionRequirement, ExtensionRequest, RequestVersion

REQUEST_COLUMNS = ("iso3", "meeting", "received_on", "requested_until", "symbol")
DECISION_COLUMNS = ("iso3", "meeting", "decided_on", "granted", "new_deadline", "text", "requests")


class _RequestRows(CsvImporter):
    """Rows naming a State (``iso3``) and a formal meeting (``meeting``: 22MSP, 5RC)."""

    key_column = "iso3"

    def row_key(self, cells: Mapping[str, str]) -> str:
        return f"{cells.get('iso3', '').strip().upper()} {cells.get('meeting', '').strip().upper()}"

    def prepare(self, records: list[dict[str, str]]) -> None:
        codes = {record.get("iso3", "").strip().upper() for record in records}
        self.states = {state.iso3: state for state in StateParty.objects.filter(iso3__in=codes)}
        self.meetings = {m.short_name: m for m in Meeting.objects.formal() if m.short_name}
        self.requests = {
            (request.state_id, request.meeting_id): request
            for request in ExtensionRequest.objects.filter(
                state__in=self.states.values()
            ).select_related("state", "meeting", "outcome_record", "decision")
        }

    def state(self, text: str) -> StateParty:
        code = text.strip().upper()
        if code not in self.states:
            raise CellValueError(_("No State with the code “%(code)s”.") % {"code": code})
        return self.states[code]

    def meeting(self, text: str) -> Meeting:
        name = text.strip().upper()
        if name not in self.meetings:
            raise CellValueError(
                _(
                    "No Meeting of the States Parties or Review Conference “%(name)s” "
                    "(e.g. 22MSP, 5RC)."
                )
                % {"name": text.strip()}
            )
        return self.meetings[name]


class ExtensionRequestImporter(_RequestRows):
    columns = REQUEST_COLUMNS
    optional_columns = frozenset({"symbol"})
    column_for_field = {
        "state": "iso3",
        "meeting": "meeting",
        "received_on": "received_on",
        "requested_until": "requested_until",
        "symbol": "symbol",
    }

    def plan_row(self, row: int, cells: Mapping[str, str]) -> PlannedRow:
        values = self.parse_cells(
            cells,
            {
                "iso3": self.state,
                "meeting": self.meeting,
                "received_on": parse_required_date,
                "requested_until": parse_required_date,
            },
        )
        state, meeting = values.pop("iso3"), values["meeting"]
        values["symbol"] = cells.get("symbol", "").strip()
        existing = self.requests.get((state.pk, meeting.pk))
        instance = existing or ExtensionRequest(state=state)
        changes = self.changes(existing, values) if existing else {}
        for name, value in values.items():
            setattr(instance, name, value)
        self.validate_record(instance)
        key = self.row_key(cells)
        if existing is None:

            def create() -> None:
                request = ExtensionRequest(state=state, **values)
                services.receive_request(request, RequestVersion(received_on=values["received_on"]))

            return PlannedRow(row, key, "create", apply=create)
        if not changes:
            return PlannedRow(row, key, "unchanged")
        return PlannedRow(
            row, key, "update", changes, apply=lambda: services.save_request(instance)
        )


def parse_requests(text: str) -> list[tuple[date, str]]:
    """``2027-04-30 An updated work plan; 2028-04-30 A report on ...``."""
    found = []
    for part in (piece.strip() for piece in text.split(";")):
        if not part:
            continue
        day, _space, what = part.partition(" ")
        due = parse_optional_date(day)
        if due is None or not what.strip():
            raise CellValueError(
                _(
                    "Each request is a date and what is asked, e.g. “2027-04-30 An updated "
                    "work plan”, separated by semicolons."
                )
            )
        found.append((due, what.strip()))
    return found


class ExtensionDecisionImporter(_RequestRows):
    """The Meetings' decisions on requests already recorded (``import_extension_requests``)."""

    columns = DECISION_COLUMNS
    optional_columns = frozenset({"new_deadline", "text", "requests"})
    column_for_field = {
        "request": "meeting",
        "decided_on": "decided_on",
        "granted": "granted",
        "new_deadline": "new_deadline",
        "text": "text",
    }
    # The State's record must accept the outcome (Article5Extension's rules): tried in a
    # transaction rolled back, so that a refusal lands on its row.
    rehearse = True

    def plan_row(self, row: int, cells: Mapping[str, str]) -> PlannedRow:
        values = self.parse_cells(
            cells,
            {
                "iso3": self.state,
                "meeting": self.meeting,
                "decided_on": parse_required_date,
                "granted": parse_bool,
                "new_deadline": parse_optional_date,
                "requests": parse_requests,
            },
        )
        state, meeting = values.pop("iso3"), values.pop("meeting")
        requirements = values.pop("requests")
        values["text"] = cells.get("text", "").strip()
        request = self.requests.get((state.pk, meeting.pk))
        if request is None:
            raise self.model_errors(
                ValidationError(
                    {"request": _("No request of this State for this Meeting; import it first.")}
                ),
                self.column_for_field,
            )
        existing = getattr(request, "decision", None)
        instance = existing or Decision(request=request)
        changes = self.changes(existing, values) if existing else {}
        for name, value in values.items():
            setattr(instance, name, value)
        self.validate_record(instance)
        key = self.row_key(cells)
        if existing is not None and not changes and not requirements:
            return PlannedRow(row, key, "unchanged")

        def write() -> None:
            decision = Decision.objects.filter(request=request).first() or Decision(request=request)
            for name, value in values.items():
                setattr(decision, name, value)
            known = (
                set(decision.requirements.values_list("due_on", "text")) if decision.pk else set()
            )
            services.record_decision(
                decision,
                [
                    DecisionRequirement(text=what, due_on=due)
                    for due, what in requirements
                    if (due, what) not in known
                ],
            )

        if existing is None:
            return PlannedRow(row, key, "create", apply=write)
        return PlannedRow(row, key, "update", changes, apply=write)
