"""Past years in, the record out: action-plan actions, activities and priorities as CSV.

Lists inside a cell are separated by semicolons. A committee is written as its short code
(CCC) or its full name; States as ISO alpha-3 codes; articles as numbers; actions as
``SRAAP 48`` or, when one action plan covers the date, simply ``48``. ``text`` is the original
(English) paragraph; the optional ``text_fr`` and ``text_es`` columns carry its French and
Spanish translations (a blank cell leaves a translation as it is).

Activities are matched on committee, date and text, priorities on committee, period and text,
actions on plan and number: importing the same file twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from committees.models import Committee
from common.import_cells import (
    CellValueError,
    choice_parser,
    parse_int,
    parse_list,
    parse_optional_date,
    parse_required_date,
)
from common.import_plan import PlannedRow, RowInvalid
from common.imports import CsvImporter
from common.visibility import Visibility
from states_parties.models import StateParty

from . import services
from .models import Action, ActionPlan, Activity, Article, Priority
from .periods import parse_period
from .tables import ACTIONS, ACTIVITIES, PRIORITIES, listed

ACTION_COLUMNS = ACTIONS.header
ACTIVITY_COLUMNS = ACTIVITIES.header
PRIORITY_COLUMNS = PRIORITIES.header
TRANSLATION_COLUMNS = frozenset({"text_fr", "text_es"})

_ACTION_REFERENCE = re.compile(r"^(?:([A-Za-z][A-Za-z0-9_-]*?)[\s-]*)?(\d+)$")


def _normal_text(text: str) -> str:
    return " ".join(text.split())


class _RecordLookups:
    """Committees, States, articles and actions, loaded once per file."""

    def load_lookups(self, records: list[dict[str, str]]) -> None:
        self.committees = list(Committee.objects.all())
        wanted_states = {
            code.upper() for record in records for code in parse_list(record.get("states", ""))
        }
        self.states = {
            state.iso3: state for state in StateParty.objects.filter(iso3__in=wanted_states)
        }
        self.articles = {article.number: article for article in Article.objects.all()}
        self.plans = list(ActionPlan.objects.all())
        self.actions = {
            (action.plan_id, action.number): action
            for action in Action.objects.select_related("plan")
        }

    def committee(self, text: str) -> Committee:
        text = text.strip()
        if not text:
            raise CellValueError(_("The committee is required."))
        for committee in self.committees:
            if text.upper() == committee.code or text.casefold() == committee.name.casefold():
                return committee
        raise CellValueError(_("No committee with the code or name “%(value)s”.") % {"value": text})

    @staticmethod
    def _text(text: str) -> str:
        text = text.strip()
        if not text:
            raise CellValueError(_("The paragraph's text is required."))
        return text

    def state_list(self, text: str) -> list[StateParty]:
        states, unknown = [], []
        for code in parse_list(text):
            state = self.states.get(code.upper())
            if state is None:
                unknown.append(code)
            else:
                states.append(state)
        if unknown:
            raise CellValueError(
                _("No State with the code %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return states

    def article_list(self, text: str) -> list[Article]:
        articles = []
        for item in parse_list(text):
            number = item.lower().removeprefix("article").removeprefix("art.").strip()
            if not number.isdigit() or int(number) not in self.articles:
                raise CellValueError(
                    _("“%(value)s” is not an article of the Convention (1 to %(last)s).")
                    % {"value": item, "last": max(self.articles, default=22)}
                )
            articles.append(self.articles[int(number)])
        return articles

    def action_list(self, text: str, year: int | None) -> list[Action]:
        """``SRAAP 48;49``: a bare number is an action of the plan covering ``year``."""
        actions = []
        for item in parse_list(text):
            match = _ACTION_REFERENCE.match(item)
            if not match:
                raise CellValueError(
                    _("“%(value)s” is not an action; write it as SRAAP 48 or 48.") % {"value": item}
                )
            code, number = match[1], int(match[2])
            if code:
                plan = next((p for p in self.plans if p.code == code.upper()), None)
                if plan is None:
                    raise CellValueError(
                        _("No action plan with the code “%(code)s”.") % {"code": code}
                    )
            else:
                covering = [p for p in self.plans if year and p.start_year <= year <= p.end_year]
                if len(covering) != 1:
                    raise CellValueError(
                        _(
                            "No single action plan covers %(year)s: write the action with its "
                            "plan, e.g. SRAAP %(number)s."
                        )
                        % {"year": year or "?", "number": number}
                    )
                plan = covering[0]
            action = self.actions.get((plan.pk, number))
            if action is None:
                raise CellValueError(
                    _("%(plan)s has no action %(number)s.") % {"plan": plan, "number": number}
                )
            actions.append(action)
        return actions


def _translations(cells: Mapping[str, str], record: Activity | Priority) -> dict[str, str]:
    """The translations a row gives; a blank or missing cell keeps what the record has, so
    that a file of originals never erases translations entered on the record's page."""
    return {
        column: cells[column].strip()
        for column in sorted(TRANSLATION_COLUMNS)
        if cells.get(column, "").strip() and cells[column].strip() != getattr(record, column)
    }


def _same_set(current: Iterable, wanted: Iterable) -> bool:
    return {item.pk for item in current} == {item.pk for item in wanted}


def _link_changes(
    existing: Activity | Priority, links: dict[str, tuple[list, str]]
) -> dict[str, tuple[str, str]]:
    """How the row's linked records (``name: (wanted, attribute shown)``) differ from the
    record's, as the preview lists them."""
    changes = {}
    for name, (wanted, attribute) in links.items():
        current = list(getattr(existing, name).all())
        if not _same_set(current, wanted):
            changes[name] = (listed(current, attribute), listed(wanted, attribute))
    return changes


def _require_kind_and_visibility(values: dict) -> None:
    """An activity's kind and who may read it have no default: a row must say both."""
    errors: dict[str, list[str]] = {}
    if not values["kind"]:
        errors["kind"] = [
            _("The kind is required: one of %(kinds)s.")
            % {"kinds": ", ".join(Activity.Kind.values)}
        ]
    if not values["visibility"]:
        errors["visibility"] = [
            _("Say who may read it: one of %(levels)s.") % {"levels": ", ".join(Visibility.values)}
        ]
    if errors:
        raise RowInvalid(errors)


# --- actions ----------------------------------------------------------------------------------


class ActionImporter(CsvImporter):
    columns = ACTION_COLUMNS
    optional_columns = frozenset({"section"})
    key_column = "number"
    column_for_field = {
        "plan": "plan",
        "number": "number",
        "section": "section",
        "short_title": "short_title",
        "text": "text",
    }

    def row_key(self, cells: Mapping[str, str]) -> str:
        return f"{cells.get('plan', '').strip().upper()} {cells.get('number', '').strip()}"

    def prepare(self, records: list[dict[str, str]]) -> None:
        self.plans = {plan.code: plan for plan in ActionPlan.objects.all()}
        self.existing = {(action.plan_id, action.number): action for action in Action.objects.all()}

    def _plan(self, text: str) -> ActionPlan:
        code = text.strip().upper()
        if code not in self.plans:
            raise CellValueError(
                _("No action plan with the code “%(code)s”; create the plan first.")
                % {"code": text.strip()}
            )
        return self.plans[code]

    def plan_row(self, row: int, cells: Mapping[str, str]) -> PlannedRow:
        values = self.parse_cells(
            cells, {"plan": self._plan, "number": lambda text: parse_int(text, minimum=1)}
        )
        if values["number"] is None:
            raise RowInvalid({"number": [_("The action's number is required.")]})
        plan = values["plan"]
        fields = {
            "section": cells.get("section", "").strip(),
            "short_title": cells.get("short_title", "").strip(),
            "text": cells.get("text", "").strip(),
        }
        existing = self.existing.get((plan.pk, values["number"]))
        action = existing or Action(plan=plan, number=values["number"])
        changes = self.changes(action, fields) if existing else {}
        for name, value in fields.items():
            setattr(action, name, value)
        self.validate_record(action)
        return self.planned(
            row,
            self.row_key(cells),
            exists=existing is not None,
            changes=changes,
            apply=lambda: services.save_action(action),
        )


# --- activities -------------------------------------------------------------------------------


class ActivityImporter(_RecordLookups, CsvImporter):
    columns = ACTIVITY_COLUMNS
    optional_columns = frozenset({"end_date", "states", "actions", "articles"}) | (
        TRANSLATION_COLUMNS
    )
    key_column = "text"
    column_for_field = {
        "committee": "committee",
        "date": "date",
        "end_date": "end_date",
        "kind": "kind",
        "text": "text",
        "text_fr": "text_fr",
        "text_es": "text_es",
        "visibility": "visibility",
        "compliance_matter": "",
    }
    parse_kind = staticmethod(choice_parser(Activity.Kind))
    parse_visibility = staticmethod(choice_parser(Visibility))

    def row_key(self, cells: Mapping[str, str]) -> str:
        return " · ".join(
            [
                cells.get("committee", "").strip().upper(),
                cells.get("date", "").strip(),
                _normal_text(cells.get("text", "")),
            ]
        )

    def prepare(self, records: list[dict[str, str]]) -> None:
        self.load_lookups(records)
        dates = set()
        for record in records:
            try:
                dates.add(parse_required_date(record.get("date", "")))
            except CellValueError:
                continue
        self.existing: dict[tuple[int, date, str], Activity] = {}
        for activity in Activity.objects.filter(date__in=dates).prefetch_related(
            "states", "actions", "articles"
        ):
            key = (activity.committee_id, activity.date, _normal_text(activity.text))
            self.existing.setdefault(key, activity)

    def plan_row(self, row: int, cells: Mapping[str, str]) -> PlannedRow:
        try:
            year = parse_required_date(cells.get("date", "")).year
        except CellValueError:
            year = None  # reported under "date"; bare action numbers cannot be placed then

        def parse_actions(text: str) -> list[Action]:
            return self.action_list(text, year) if year else []

        values = self.parse_cells(
            cells,
            {
                "committee": self.committee,
                "date": parse_required_date,
                "end_date": parse_optional_date,
                "kind": self.parse_kind,
                "text": self._text,
                "states": self.state_list,
                "actions": parse_actions,
                "articles": self.article_list,
                "visibility": self.parse_visibility,
            },
        )
        _require_kind_and_visibility(values)
        text, actions = values["text"], values["actions"]
        committee = values["committee"]
        fields = {
            "end_date": values["end_date"],
            "kind": values["kind"],
            "visibility": values["visibility"],
        }
        existing = self.existing.get((committee.pk, values["date"], _normal_text(text)))
        activity = existing or Activity(committee=committee, date=values["date"], text=text)
        fields.update(_translations(cells, activity))
        changes = self.changes(activity, fields) if existing else {}
        if existing:
            links = {
                "states": (values["states"], "iso3"),
                "actions": (actions, "reference"),
                "articles": (values["articles"], "number"),
            }
            changes.update(_link_changes(existing, links))
        for name, value in fields.items():
            setattr(activity, name, value)
        self.validate_record(activity)

        def apply() -> None:
            services.save_activity(
                activity, states=values["states"], actions=actions, articles=values["articles"]
            )

        return self.planned(
            row, self.row_key(cells), exists=existing is not None, changes=changes, apply=apply
        )


# --- priorities -------------------------------------------------------------------------------


class PriorityImporter(_RecordLookups, CsvImporter):
    columns = PRIORITY_COLUMNS
    optional_columns = frozenset({"actions", "articles"}) | TRANSLATION_COLUMNS
    key_column = "text"
    column_for_field = {
        "committee": "committee",
        "period": "period",
        "text": "text",
        "text_fr": "text_fr",
        "text_es": "text_es",
    }

    def row_key(self, cells: Mapping[str, str]) -> str:
        return " · ".join(
            [
                cells.get("committee", "").strip().upper(),
                cells.get("period", "").strip(),
                _normal_text(cells.get("text", "")),
            ]
        )

    def prepare(self, records: list[dict[str, str]]) -> None:
        self.load_lookups(records)
        self.existing: dict[tuple[int, str, str], Priority] = {}
        for priority in Priority.objects.prefetch_related("actions", "articles"):
            key = (priority.committee_id, priority.period, _normal_text(priority.text))
            self.existing.setdefault(key, priority)

    @staticmethod
    def _period(text: str):
        try:
            return parse_period(text)
        except ValidationError as error:
            raise CellValueError(error.messages[0]) from None

    def plan_row(self, row: int, cells: Mapping[str, str]) -> PlannedRow:
        try:
            first_year = self._period(cells.get("period", "")).first_year
        except CellValueError:
            first_year = None

        def parse_actions(text: str) -> list[Action]:
            return self.action_list(text, first_year) if first_year else []

        values = self.parse_cells(
            cells,
            {
                "committee": self.committee,
                "period": self._period,
                "text": self._text,
                "actions": parse_actions,
                "articles": self.article_list,
            },
        )
        period, text, actions = values["period"], values["text"], values["actions"]
        committee = values["committee"]
        existing = self.existing.get((committee.pk, str(period), _normal_text(text)))
        priority = existing or Priority(committee=committee, period=str(period), text=text)
        translations = _translations(cells, priority)
        changes = self.changes(priority, translations) if existing else {}
        for name, value in translations.items():
            setattr(priority, name, value)
        if existing:
            links = {"actions": (actions, "reference"), "articles": (values["articles"], "number")}
            changes.update(_link_changes(existing, links))

        def apply() -> None:
            services.save_priority(priority, actions=actions, articles=values["articles"])

        return self.planned(
            row, self.row_key(cells), exists=existing is not None, changes=changes, apply=apply
        )
