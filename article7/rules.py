"""What a report must satisfy before it is submitted: pure functions of the report's data (the
same dictionary the JSON export writes, with a ``context`` of what the record says about the
State and its previous report), so that forms, the API, imports and submission share one set
of checks and hypothesis can try them exhaustively.

A finding is an ``error`` (submission is refused until it is fixed) or a ``warning``
(submission asks for confirmation). Messages are in the active language (the reporter's) and
say what to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from django.utils.translation import gettext as _

ERROR = "error"
WARNING = "warning"

#: Required forms (J is voluntary).
REQUIRED_SECTIONS = "ABCDEFGHI"
#: The whole-number columns of each form's rows.
COUNTS = {
    "B": ("quantity",),
    "C": ("area_m2", "quantity", "cancelled_m2", "reduced_m2", "cleared_m2"),
    "D": ("at_start", "used_or_destroyed", "received", "transferred", "at_end"),
    "G": ("quantity",),
}
#: Findings that are flagged to the ISU when the report is submitted.
FLAGGED = ("article4_stockpile_after_deadline",)


@dataclass(frozen=True)
class Finding:
    code: str
    field: str
    row: int | None
    level: Literal["error", "warning"]
    message: str
    #: The form (A to J) the finding is about; "" for the report as a whole.
    section: str = ""

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


def _rows(data: dict, code: str) -> list[dict]:
    section = (data.get("sections") or {}).get(code) or {}
    return list(section.get("rows") or [])


def _section(data: dict, code: str) -> dict:
    return (data.get("sections") or {}).get(code) or {}


def whole_number(value: Any) -> int | None:
    """``value`` as a whole number, or ``None`` when it is not one (a bool is not one)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _count(value: Any) -> int:
    number = whole_number(value)
    return number if number is not None and number >= 0 else 0


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def retained_at_end(data: dict) -> int:
    """Form D: the mines retained at the end of the year, all types together."""
    return sum(_count(row.get("at_end")) for row in _rows(data, "D"))


def retained_at_start(data: dict) -> int:
    return sum(_count(row.get("at_start")) for row in _rows(data, "D"))


def mined_area(data: dict) -> int:
    """Form C: the area remaining, in square metres, all areas together."""
    return sum(_count(row.get("area_m2")) for row in _rows(data, "C"))


def stockpile(data: dict) -> int:
    """Form B: the mines stockpiled, all types together."""
    return sum(_count(row.get("quantity")) for row in _rows(data, "B"))


def destroyed(data: dict, article: int) -> int:
    """Form G: the mines destroyed during the year under ``article`` (4 or 5)."""
    return sum(
        _count(row.get("quantity"))
        for row in _rows(data, "G")
        if whole_number(row.get("article")) == article
    )


def findings(report_data: dict) -> list[Finding]:
    """Every finding about the report, in form order."""
    found: list[Finding] = []
    for check in CHECKS:
        found.extend(check(report_data))
    order = {code: index for index, code in enumerate("ABCDEFGHIJ")}
    found.sort(key=lambda f: (order.get(f.section, -1), f.row if f.row is not None else -1))
    return found


def section_findings(report_data: dict, code: str) -> list[Finding]:
    return [finding for finding in findings(report_data) if finding.section == code]


def errors(found: list[Finding]) -> list[Finding]:
    return [finding for finding in found if finding.level == ERROR]


def warnings(found: list[Finding]) -> list[Finding]:
    return [finding for finding in found if finding.level == WARNING]


# --- the checks ------------------------------------------------------------------------------


def _whole_numbers(data: dict) -> Iterator[Finding]:
    for code, columns in COUNTS.items():
        for index, row in enumerate(_rows(data, code)):
            for column in columns:
                value = row.get(column)
                if value is None or value == "":
                    continue
                number = whole_number(value)
                if number is None or number < 0:
                    yield Finding(
                        "not_a_whole_number",
                        column,
                        index,
                        ERROR,
                        _("Enter a whole number of zero or more (not “%(value)s”).")
                        % {"value": value},
                        code,
                    )


def _retained_arithmetic(data: dict) -> Iterator[Finding]:
    for index, row in enumerate(_rows(data, "D")):
        values = {
            name: whole_number(row.get(name) or 0)
            for name in ("at_start", "used_or_destroyed", "received", "transferred", "at_end")
        }
        if any(value is None or value < 0 for value in values.values()):
            continue  # reported as not a whole number
        expected = (
            values["at_start"]
            - values["used_or_destroyed"]
            + values["received"]
            - values["transferred"]
        )
        if expected != values["at_end"]:
            yield Finding(
                "retained_arithmetic",
                "at_end",
                index,
                ERROR,
                _(
                    "The figures do not add up: %(start)s at the start, minus %(used)s used or "
                    "destroyed, plus %(received)s received, minus %(transferred)s transferred "
                    "leaves %(expected)s at the end of the year, not %(end)s."
                )
                % {
                    "start": values["at_start"],
                    "used": values["used_or_destroyed"],
                    "received": values["received"],
                    "transferred": values["transferred"],
                    "expected": expected,
                    "end": values["at_end"],
                },
                "D",
            )


def _previous(data: dict) -> dict | None:
    context = data.get("context") or {}
    previous = context.get("previous")
    year = whole_number(data.get("year_covered"))
    if not previous or year is None:
        return None
    if whole_number(previous.get("year_covered")) != year - 1:
        return None
    return previous


def _retained_continuity(data: dict) -> Iterator[Finding]:
    previous = _previous(data)
    if previous is None or previous.get("retained_at_end") is None:
        return
    if _section(data, "D").get("status") == "unchanged":
        return
    before = _count(previous["retained_at_end"])
    start = retained_at_start(data)
    if start != before and not (_section(data, "D").get("explanation") or "").strip():
        yield Finding(
            "retained_continuity",
            "explanation",
            None,
            ERROR,
            _(
                "The report covering %(year)s ended with %(before)s mines retained, but this "
                "one starts with %(start)s. Correct the figures at the start of the year, or "
                "explain the difference."
            )
            % {"year": previous["year_covered"], "before": before, "start": start},
            "D",
        )


def _area_growth(data: dict) -> Iterator[Finding]:
    previous = _previous(data)
    if previous is None or previous.get("mined_area") is None:
        return
    before = _count(previous["mined_area"])
    now = mined_area(data)
    if now > before and not (_section(data, "C").get("explanation") or "").strip():
        yield Finding(
            "area_growth_unexplained",
            "explanation",
            None,
            ERROR,
            _(
                "The mined area remaining grew from %(before)s m² to %(now)s m² since the "
                "report covering %(year)s. Give the reason (for example, newly discovered "
                "areas)."
            )
            % {"before": before, "now": now, "year": previous["year_covered"]},
            "C",
        )


def _dates_in_year(data: dict) -> Iterator[Finding]:
    year = whole_number(data.get("year_covered"))
    if year is None:
        return
    for index, row in enumerate(_rows(data, "G")):
        value = row.get("destroyed_on")
        if value in (None, ""):
            continue
        day = _date(value)
        if day is None:
            yield Finding(
                "not_a_date",
                "destroyed_on",
                index,
                ERROR,
                _("Enter a date as YYYY-MM-DD."),
                "G",
            )
        elif day.year != year:
            yield Finding(
                "date_outside_year",
                "destroyed_on",
                index,
                ERROR,
                _("%(date)s is not in %(year)s, the year this report covers.")
                % {"date": day.isoformat(), "year": year},
                "G",
            )


def _completed_clearance(data: dict) -> Iterator[Finding]:
    context = data.get("context") or {}
    completed = _date(context.get("clearance_completed_on"))
    if completed is None:
        return
    for index, row in enumerate(_rows(data, "C")):
        if _count(row.get("area_m2")) > 0 and not row.get("previously_unknown"):
            yield Finding(
                "area_after_completion",
                "previously_unknown",
                index,
                ERROR,
                _(
                    "Your State declared completion of its Article 5 obligations on %(date)s: "
                    "a mined area reported since then must be marked as previously unknown."
                )
                % {"date": completed.isoformat()},
                "C",
            )


def _stockpile_after_deadline(data: dict) -> Iterator[Finding]:
    context = data.get("context") or {}
    deadline = _date(context.get("article4_deadline"))
    year = whole_number(data.get("year_covered"))
    if deadline is None or year is None or stockpile(data) == 0:
        return
    if deadline < date(year, 12, 31):
        yield Finding(
            "article4_stockpile_after_deadline",
            "quantity",
            None,
            WARNING,
            _(
                "Your State's Article 4 deadline to destroy its stockpiles was %(date)s; "
                "stockpiled mines reported after it are brought to the attention of the "
                "Implementation Support Unit. Confirm that the figures are right."
            )
            % {"date": deadline.isoformat()},
            "B",
        )


def _no_change_since(data: dict) -> Iterator[Finding]:
    year = whole_number(data.get("year_covered"))
    for code in "ABCDEFGHIJ":
        section = _section(data, code)
        since = section.get("no_change_since")
        if since in (None, ""):
            continue
        since_year = whole_number(since)
        if since_year is None or (year is not None and since_year >= year) or since_year < 1999:
            yield Finding(
                "no_change_since_year",
                "no_change_since",
                None,
                ERROR,
                _("“No change since” names the year of an earlier report."),
                code,
            )


def _sections_done(data: dict) -> Iterator[Finding]:
    for code in REQUIRED_SECTIONS:
        status = _section(data, code).get("status") or "empty"
        if status == "empty":
            yield Finding(
                "section_not_confirmed",
                "",
                None,
                ERROR,
                _("Form %(form)s has been neither edited nor confirmed unchanged.")
                % {"form": code},
                code,
            )


def _nothing_destroyed_with_programme(data: dict) -> Iterator[Finding]:
    """A warning, not an error: a stockpile reported while Form G destroyed nothing under
    Article 4 may be right (destruction not yet started), but is worth a second look."""
    context = data.get("context") or {}
    if not context.get("article4_open"):
        return
    if stockpile(data) > 0 and destroyed(data, 4) == 0 and _rows(data, "G") == []:
        yield Finding(
            "stockpile_nothing_destroyed",
            "",
            None,
            WARNING,
            _(
                "Form B reports a stockpile, and Form G no mines destroyed under Article 4 "
                "this year. Confirm that none were destroyed."
            ),
            "G",
        )


CHECKS = (
    _sections_done,
    _whole_numbers,
    _retained_arithmetic,
    _retained_continuity,
    _area_growth,
    _dates_in_year,
    _completed_clearance,
    _stockpile_after_deadline,
    _no_change_since,
    _nothing_destroyed_with_programme,
)
