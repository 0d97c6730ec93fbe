"""The cells of an imported file: what a cell may hold (no formulas, no control characters, no
novels) and how its text is read as a value (dates, numbers, lists, choices)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import models
from django.utils.translation import gettext as _

from .import_plan import ImportIssue, ImportPlan

#: No cell of a register is longer; a longer one is a mistake (or an attack), not data.
MAX_CELL_CHARACTERS = 10_000
#: A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


class CellValueError(ValueError):
    """A cell's text cannot be turned into a value; the message says why."""


def check_cells(row: int, cells: dict[str, str], plan: ImportPlan) -> bool:
    """Refuse what no register holds: spreadsheet formulas, control characters, novels."""
    valid = True
    for column, value in cells.items():
        text = value.strip(" ")
        if len(value) > MAX_CELL_CHARACTERS:
            message = _("This cell has %(length)s characters; at most %(limit)s are accepted.") % {
                "length": len(value),
                "limit": MAX_CELL_CHARACTERS,
            }
        elif "\x00" in value:
            message = _("This cell contains a NUL character; the file is not plain text.")
        elif text.startswith(FORMULA_STARTS) or (
            text.startswith("-") and len(text) > 1 and not _is_number(text)
        ):
            message = _(
                "“%(value)s” looks like a spreadsheet formula; formulas are not imported "
                "(enter the value itself)."
            ) % {"value": text[:40]}
        else:
            continue
        plan.issues.append(ImportIssue(row, column or None, message))
        valid = False
    return valid


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


# --- Cell parsers: text in, value out, or CellValueError with a message for people -----------


def parse_optional_date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CellValueError(
            _("“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2025-03-12.")
            % {"value": text}
        ) from None


def parse_required_date(text: str) -> date:
    value = parse_optional_date(text)
    if value is None:
        raise CellValueError(_("A date is required here."))
    return value


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("", "false", "no", "0"):
        return False
    if value in ("true", "yes", "1"):
        return True
    raise CellValueError(_("“%(value)s” is not true or false.") % {"value": text.strip()})


def parse_int(text: str, *, minimum: int | None = None) -> int | None:
    value = text.strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        raise CellValueError(_("“%(value)s” is not a whole number.") % {"value": value}) from None
    if minimum is not None and number < minimum:
        raise CellValueError(_("Must be %(minimum)s or more.") % {"minimum": minimum})
    return number


def parse_list(text: str) -> list[str]:
    """Lists inside one cell are separated by semicolons: ``2025;2026``."""
    return [item.strip() for item in text.split(";") if item.strip()]


def choice_parser(choices: type[models.TextChoices]) -> Callable[[str], str]:
    """Accept a choice's value or its English label, in any case; blank stays blank."""
    by_text = {}
    for value, label in choices.choices:
        by_text[str(value).lower()] = value
        by_text[str(label).lower()] = value

    def parse(text: str) -> str:
        value = text.strip()
        if not value:
            return ""
        try:
            return by_text[value.lower()]
        except KeyError:
            allowed = ", ".join(str(v) for v in choices.values)
            raise CellValueError(
                _("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed}
            ) from None

    return parse
