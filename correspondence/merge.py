"""Merge fields: the placeholders letters and reminders may use, and rendering them.

This module is the one place a staff text (a letter, a reminder rule; typed in a form, imported
or sent through the API) is read as a template, so the rules live here:

- **A small language.** ``{{ field }}``, the filters and tags of ``mergetags`` (``if``/``elif``/
  ``else``, ``comment``; ``capfirst``, ``default``, ``lower``, ``title``, ``upper``) and nothing
  else. The engine knows no other tag or filter, and ``check`` names any other one a text uses
  (``debug``, ``include``, ``load``, ``lorem``, ``url``, ``ssi``, ``templatetag``...), so that
  saving it is refused with that name. A merge field has no parts (``{{ state.pk }}``).
- **No blank field.** Each kind of letter or reminder offers the fields its audience can fill
  (``offered_fields``); a text using another is refused. A field printed outside an ``if``
  that tests it must have a value for every recipient: ``render(..., strict=True)`` raises
  ``BlankField`` instead of writing "covering  (years missing: ...)".
- **A size limit.** A text and what it renders to are at most ``MAX_TEXT_CHARS`` characters, a
  subject ``MAX_SUBJECT_CHARS`` (``TooLong``).

Every value is computed in Python and passed as a ready string in the message's language (dates
written out), or as a function that gives one when a text uses it, so a text can do no more than
place them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import (
    FilterExpression,
    Lexer,
    TokenType,
    Variable,
    VariableNode,
    filter_re,
)
from django.template.defaulttags import IfNode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.typography import written_date

from .mergetags import FILTERS, TAGS

#: Every merge field, with what it stands for (shown beside the text boxes).
MERGE_FIELDS: dict[str, str] = {
    "state": _("the State's name"),
    "of_state": _("the State's name after “of”: “of the Netherlands”, “du Chili”, “del Perú”"),
    "salutation": _("the form of address, e.g. “Excellency,” or “Dear Ms Rossi,”"),
    "contact_name": _("the contact's name"),
    "date": _("the letter's date (the day it is approved), or the day a reminder goes"),
    "deadline": _("the date the reminder is about (its anchor)"),
    "report_year": _("the calendar year an annual Article 7 report covers"),
    "years_missing": _("the Article 7 reports the State has not submitted, e.g. 2023, 2024"),
    "initial_report_due": _("the due date of the initial Article 7 report"),
    "article5_deadline": _("the State's current Article 5 deadline"),
    "reply_due": _("the date by which a reply to the letter is expected"),
    "letter_reference": _("the letter's reference"),
    "letter_subject": _("the letter's subject"),
    "committee": _("the name of the sending committee"),
}

#: The longest text and rendered text (a letter of some ten pages), and the longest subject.
MAX_TEXT_CHARS = 50_000
MAX_SUBJECT_CHARS = 300


class MergeEngine(Engine):
    """An engine whose only built-in library is ``mergetags``: Django's default tags and
    filters (``debug``, ``include``, ``load``...) do not exist for it."""

    default_builtins = ["correspondence.mergetags"]


_ENGINE = MergeEngine(autoescape=False, libraries={}, debug=False)

ALWAYS = (
    "state",
    "of_state",
    "salutation",
    "contact_name",
    "date",
    "initial_report_due",
    "years_missing",
)
#: Audiences whose members may or may not have an Article 5 deadline (checked per recipient).
PICKED = ("hand_picked", "non_repliers")


def offered_fields(
    *,
    kind: str,
    anchor: str = "",
    audience_query: str = "",
    addressees: str = "",
    has_committee: bool = False,
    has_reply_due: bool = False,
) -> list[str]:
    """The merge fields a letter (``kind="letter"``) or reminder (``kind="reminder"``, with its
    anchor) can fill for its audience. ``audience_query`` is the audience's ``Audience.Query``
    ("" for every State the anchor applies to); ``addressees`` a letter's ``Addressees``."""
    offered = list(ALWAYS)
    if has_committee:
        offered.append("committee")
    may_have_article5 = audience_query in ("clearance_deadline_within", "hand_picked") or (
        addressees in PICKED
    )
    if kind == "letter":
        offered.append("letter_reference")
        if has_reply_due:
            offered.append("reply_due")
        if may_have_article5:
            offered.append("article5_deadline")
    else:
        offered.append("deadline")
        if anchor == "article7_annual":
            offered.append("report_year")
        if (
            anchor
            in ("article5_deadline", "article5_extension_request", "extension_decision_request")
            or may_have_article5
        ):
            offered.append("article5_deadline")
        if anchor == "letter_reply":
            offered += ["reply_due", "letter_reference", "letter_subject"]
    return [name for name in MERGE_FIELDS if name in offered]


# --- reading a text --------------------------------------------------------------------------


@dataclass(frozen=True)
class Usage:
    """The merge fields a text names, and those it prints unguarded (outside an ``if`` that
    tests them, with no ``default``): these must have a value for every recipient."""

    fields: tuple[str, ...]
    required: tuple[str, ...]


def _field_of(expression: FilterExpression) -> tuple[str, ...] | None:
    var = expression.var
    if isinstance(var, Variable) and var.lookups:
        return var.lookups
    return None


def _literals(condition) -> Iterable[FilterExpression]:
    """The expressions an ``if`` condition tests."""
    if condition is None:
        return
    value = getattr(condition, "value", None)
    if isinstance(value, FilterExpression):
        yield value
    for part in (getattr(condition, "first", None), getattr(condition, "second", None)):
        if part is not None:
            yield from _literals(part)


def _asserted(condition) -> set[str]:
    """Fields an ``if`` branch may rely on having a value: ``if a`` and ``if a and b``."""
    if condition.id == "literal" and isinstance(condition.value, FilterExpression):
        lookups = _field_of(condition.value)
        return {lookups[0]} if lookups else set()
    if condition.id == "and":
        return _asserted(condition.first) | _asserted(condition.second)
    return set()


def _walk(nodelist, guards: frozenset[str], found: list) -> None:
    """``found`` gets ``(expression, guards, printed)`` for every expression of the text."""
    for node in nodelist:
        if isinstance(node, VariableNode):
            found.append((node.filter_expression, guards, True))
        elif isinstance(node, IfNode):
            for condition, branch in node.conditions_nodelists:
                for expression in _literals(condition):
                    found.append((expression, guards, False))
                asserted = _asserted(condition) if condition is not None else set()
                _walk(branch, guards | asserted, found)
    # Text and comments print nothing of the fields.


def _expressions(template) -> list:
    found: list = []
    _walk(template.nodelist, frozenset(), found)
    return found


def _syntax_problems(text: str) -> list[str]:
    """Tags and filters outside the language, by name, before the engine reads the text."""
    tags: list[str] = []
    filters: list[str] = []
    for token in Lexer(text).tokenize():
        if token.token_type == TokenType.BLOCK:
            bits = token.split_contents()
            name = bits[0] if bits else ""
            # "endfor" says nothing more than "for" already said.
            closes_refused = name.startswith("end") and name[3:] in tags
            if name not in TAGS and name not in tags and not closes_refused:
                tags.append(name)
            scanned = bits[1:] if name in ("if", "elif") else []
        elif token.token_type == TokenType.VAR:
            scanned = [token.contents]
        else:
            continue
        for bit in scanned:
            for match in filter_re.finditer(bit):
                name = match.group("filter_name")
                if name and name not in FILTERS and name not in filters:
                    filters.append(name)
    allowed_tags = ", ".join(tag for tag in TAGS if not tag.startswith("end"))
    return [
        gettext("The tag “%(tag)s” is not allowed in a merge text; use only: %(tags)s.")
        % {"tag": tag, "tags": allowed_tags}
        for tag in tags
    ] + [
        gettext("The filter “%(filter)s” is not allowed in a merge text; use only: %(filters)s.")
        % {"filter": name, "filters": ", ".join(FILTERS)}
        for name in filters
    ]


def check(text: str, offered: Iterable[str] | None = None) -> list[str]:
    """Why ``text`` may not be saved ([] if it may): a tag or filter outside the language, its
    syntax, its length, a field that does not exist or (given ``offered``) that its letter or
    reminder cannot fill."""
    if len(text) > MAX_TEXT_CHARS:
        return [
            gettext("The text is %(length)s characters long; at most %(limit)s are accepted.")
            % {"length": f"{len(text):,}", "limit": f"{MAX_TEXT_CHARS:,}"}
        ]
    problems = _syntax_problems(text)
    if problems:
        return problems
    try:
        template = _ENGINE.from_string(text)
    except TemplateSyntaxError as error:
        return [gettext("The text cannot be read as a template: %(error)s") % {"error": error}]
    names: list[str] = []
    for expression, _guards, _printed in _expressions(template):
        lookups = _field_of(expression)
        if lookups and expression.var.literal is None:
            if len(lookups) > 1:
                problems.append(
                    gettext("“{{ %(name)s }}”: a merge field has no parts; write {{ %(field)s }}.")
                    % {"name": ".".join(lookups), "field": lookups[0]}
                )
            if lookups[0] not in names:
                names.append(lookups[0])
        for _function, arguments in expression.filters:
            for is_lookup, argument in arguments:
                variable = argument if is_lookup and isinstance(argument, Variable) else None
                if variable is not None and variable.lookups and variable.lookups[0] not in names:
                    names.append(variable.lookups[0])
    for name in names:
        if name not in MERGE_FIELDS:
            problems.append(
                gettext("“{{ %(field)s }}” is not a merge field; use one of: %(fields)s.")
                % {"field": name, "fields": ", ".join(offered or MERGE_FIELDS)}
            )
        elif offered is not None and name not in offered:
            problems.append(
                gettext(
                    "“{{ %(field)s }}” has no value in this kind of letter or reminder for its "
                    "audience; use one of: %(fields)s."
                )
                % {"field": name, "fields": ", ".join(offered)}
            )
    return problems


@lru_cache(maxsize=256)
def _compiled(text: str):
    """A worker renders the same few texts thousands of times: compile each once."""
    return _ENGINE.from_string(text)


@lru_cache(maxsize=256)
def usage(text: str) -> Usage:
    """The fields a (valid) text names and those it prints unguarded."""
    fields: list[str] = []
    required: list[str] = []
    for expression, guards, printed in _expressions(_compiled(text)):
        lookups = _field_of(expression)
        if not lookups or expression.var.literal is not None:
            continue
        name = lookups[0]
        if name not in fields:
            fields.append(name)
        defaulted = any(function.__name__ == "default" for function, _a in expression.filters)
        if printed and name not in guards and not defaulted and name not in required:
            required.append(name)
    return Usage(tuple(fields), tuple(required))


# --- rendering -------------------------------------------------------------------------------


class MergeError(Exception):
    """A text could not be rendered for a recipient; ``str()`` says why, in the active
    language."""


class BlankField(MergeError):
    def __init__(self, field: str) -> None:
        self.field = field
        super().__init__(field)

    def __str__(self) -> str:
        return gettext("“{{ %(field)s }}” has no value") % {"field": self.field}


class TooLong(MergeError):
    def __init__(self, length: int, limit: int) -> None:
        self.length, self.limit = length, limit
        super().__init__(length, limit)

    def __str__(self) -> str:
        return gettext("the text would be %(length)s characters long; at most %(limit)s") % {
            "length": f"{self.length:,}",
            "limit": f"{self.limit:,}",
        }


def value_of(values: Mapping[str, object], field: str) -> str:
    value = values.get(field)
    if callable(value):
        value = value()
    return "" if value is None else str(value)


def blank_fields(texts: Iterable[str], values: Mapping[str, object]) -> list[str]:
    """The fields ``texts`` print unguarded that have no value in ``values``."""
    blank: list[str] = []
    for text in texts:
        for field in usage(text).required:
            if field not in blank and not value_of(values, field).strip():
                blank.append(field)
    return blank


def render(text: str, values: Mapping[str, object], *, strict: bool = False) -> str:
    """``text`` with ``values`` placed; ``strict``: ``BlankField`` rather than a blank."""
    if strict:
        blank = blank_fields([text], values)
        if blank:
            raise BlankField(blank[0])
    rendered = _compiled(text).render(Context(dict(values), autoescape=False))
    if len(rendered) > MAX_TEXT_CHARS:
        raise TooLong(len(rendered), MAX_TEXT_CHARS)
    return rendered


def render_subject(text: str, values: Mapping[str, object], *, strict: bool = False) -> str:
    """A subject is one line, whatever the text or the values hold."""
    subject = " ".join(render(text, values, strict=strict).split())
    if len(subject) > MAX_SUBJECT_CHARS:
        raise TooLong(len(subject), MAX_SUBJECT_CHARS)
    return subject


def format_date(value: date | None, language: str) -> str:
    if value is None:
        return ""
    return written_date(value, language)


@dataclass(frozen=True)
class Chosen:
    """The text a recipient gets: in ``language``, which ``fallback`` says was not theirs."""

    language: str
    subject: str
    body: str
    fallback: bool
