"""Reminder rules from CSV: a year's reminders prepared in a spreadsheet.

One row per rule, matched on its name. The texts obey the same rules as in the form and the
API (``correspondence.merge``): only the merge fields the rule's anchor and audience can fill,
``if`` and a few filters; any other tag or filter is refused with its name, by row and column.
Offsets are written as two lists of whole days, before and after the anchor date
(``60;30;7`` and ``1;30``), so that no cell starts with a minus sign a spreadsheet would read
as a formula.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.models import Committee
from common.import_cells import (
    CellValueError,
    choice_parser,
    parse_bool,
    parse_list,
    parse_optional_date,
)
from common.import_plan import PlannedRow, RowInvalid
from common.imports import CsvImporter
from reporting.models import Audience
from states_parties.models import Contact

from . import services
from .models import Anchor, Letter, ReminderRule

TEXT_COLUMNS = ("subject_en", "body_en", "subject_fr", "body_fr", "subject_es", "body_es")
RULE_COLUMNS = (
    "name",
    "anchor",
    "days_before",
    "days_after",
    "send_time",
    "audience",
    "committee",
    "letter",
    "contact_kinds",
    "effective_from",
    "active",
    *TEXT_COLUMNS,
)


def _days(text: str) -> list[int]:
    days = []
    for item in parse_list(text):
        if not item.isdigit():
            raise CellValueError(_("“%(value)s” is not a whole number of days.") % {"value": item})
        days.append(int(item))
    return days


def _time(text: str) -> time | None:
    text = text.strip()
    if not text:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise CellValueError(
            _("“%(value)s” is not a time of day such as 09:00.") % {"value": text}
        ) from None


class ReminderRuleImporter(CsvImporter):
    columns = RULE_COLUMNS
    optional_columns = frozenset(RULE_COLUMNS) - {"name", "anchor"}
    key_column = "name"
    column_for_field = {
        "name": "name",
        "anchor": "anchor",
        "offsets": "days_before",
        "send_time": "send_time",
        "audience": "audience",
        "committee": "committee",
        "letter": "letter",
        "contact_kinds": "contact_kinds",
        "effective_from": "effective_from",
        "active": "active",
        **{column: column for column in TEXT_COLUMNS},
    }
    parse_anchor = staticmethod(choice_parser(Anchor))
    parse_kind = staticmethod(choice_parser(Contact.Kind))

    def normalise_key(self, text: str) -> str:
        return text.strip().casefold()

    def prepare(self, records: list[dict[str, str]]) -> None:
        self.rules = {rule.name.casefold(): rule for rule in ReminderRule.objects.all()}
        self.audiences = {
            name.casefold(): audience
            for audience in Audience.objects.all()
            for name in (audience.name, audience.display_name)
        }
        self.committees = {committee.code: committee for committee in Committee.objects.all()}

    def _audience(self, text: str) -> Audience | None:
        text = text.strip()
        if not text:
            return None
        audience = self.audiences.get(text.casefold())
        if audience is None:
            raise CellValueError(_("No audience is called “%(value)s”.") % {"value": text})
        return audience

    def _committee(self, text: str) -> Committee | None:
        code = text.strip().upper()
        if not code:
            return None
        if code not in self.committees:
            raise CellValueError(_("No committee with the code “%(code)s”.") % {"code": code})
        return self.committees[code]

    @staticmethod
    def _letter(text: str) -> Letter | None:
        """A letter by its reference, "CCC/2026/12"."""
        reference = text.strip()
        if not reference:
            return None
        number = reference.rsplit("/", 1)[-1]
        letter = (
            Letter.objects.select_related("committee").filter(pk=int(number)).first()
            if number.isdigit() and len(number) < 12
            else None
        )
        if letter is None or letter.reference != reference:
            raise CellValueError(_("No letter has the reference “%(value)s”.") % {"value": text})
        return letter

    def _kinds(self, text: str) -> list[str]:
        return [self.parse_kind(item) for item in parse_list(text)]

    def plan_row(self, row: int, cells: Mapping[str, str]) -> PlannedRow:
        values = self.parse_cells(
            cells,
            {
                "anchor": self.parse_anchor,
                "days_before": _days,
                "days_after": _days,
                "send_time": _time,
                "audience": self._audience,
                "committee": self._committee,
                "letter": self._letter,
                "contact_kinds": self._kinds,
                "effective_from": parse_optional_date,
                "active": lambda text: parse_bool(text) if text.strip() else True,
            },
        )
        if not values["anchor"]:
            raise RowInvalid({"anchor": [_("The anchor is required.")]})
        existing = self.rules.get(self.row_key(cells))
        # Left blank: what the rule has (a new one: 09:00, from today).
        kept_time = existing.send_time if existing else time(9, 0)
        kept_start = existing.effective_from if existing else timezone.localdate()
        fields = {
            "name": cells.get("name", "").strip(),
            "anchor": values["anchor"],
            "offsets": sorted({-day for day in values["days_before"]} | set(values["days_after"])),
            "send_time": values["send_time"] or kept_time,
            "audience": values["audience"],
            "committee": values["committee"],
            "letter": values["letter"],
            "contact_kinds": values["contact_kinds"],
            "effective_from": values["effective_from"] or kept_start,
            "active": values["active"],
            **{column: cells.get(column, "").strip() for column in TEXT_COLUMNS},
        }
        rule = existing or ReminderRule()
        changes = self.changes(rule, fields) if existing else {}
        for name, value in fields.items():
            setattr(rule, name, value)
        try:
            rule.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise self.model_errors(error, self.column_for_field) from None
        key = self.row_key(cells)
        if existing is None:
            return PlannedRow(row, key, "create", apply=lambda: services.save_rule(rule))
        if not changes:
            return PlannedRow(row, key, "unchanged")
        return PlannedRow(row, key, "update", changes, apply=lambda: services.save_rule(rule))
