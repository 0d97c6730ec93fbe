"""Merge fields: the placeholders letters and reminders may use, and rendering them.

Texts are Django templates (``{{ state }}``, ``{% if years_missing %}…{% endif %}``) rendered
as plain text by an engine of their own, with no template libraries beyond the built-in tags.
Every value is computed in Python and passed as a ready string (dates written out in the
message's language), or as a function that gives one when a text uses it, so a text can do no
more than place them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import Variable, VariableNode
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

#: Every merge field, with what it stands for (shown beside the text boxes).
MERGE_FIELDS: dict[str, str] = {
    "state": _("the State's name"),
    "contact_name": _("the contact's name"),
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

#: How a date is written in each language ("30 April 2026", "30 avril 2026",
#: "30 de abril de 2026"): UN style rather than Django's US-style English default.
DATE_FORMATS = {"en": "j F Y", "fr": "j F Y", "es": r"j \d\e F \d\e Y"}

_ENGINE = Engine(autoescape=False, libraries={}, debug=False)


def check(text: str) -> list[str]:
    """Problems with a text as a template: its syntax, and merge fields that do not exist."""
    try:
        template = _ENGINE.from_string(text)
    except TemplateSyntaxError as error:
        return [str(_("The text cannot be read as a template: %(error)s")) % {"error": error}]
    used = {
        node.filter_expression.var.lookups[0]
        for node in template.nodelist.get_nodes_by_type(VariableNode)
        if isinstance(node.filter_expression.var, Variable) and node.filter_expression.var.lookups
    }
    unknown = sorted(used - set(MERGE_FIELDS))
    return [
        str(_("“{{ %(field)s }}” is not a merge field; use one of: %(fields)s."))
        % {"field": field, "fields": ", ".join(MERGE_FIELDS)}
        for field in unknown
    ]


@lru_cache(maxsize=256)
def _compiled(text: str):
    """A worker renders the same few texts thousands of times: compile each once."""
    return _ENGINE.from_string(text)


def render(text: str, values: dict[str, object]) -> str:
    return _compiled(text).render(Context(values, autoescape=False))


def render_subject(text: str, values: dict[str, object]) -> str:
    """A subject is one line, whatever the text or the values hold."""
    return " ".join(render(text, values).split())


def format_date(value: date | None, language: str) -> str:
    if value is None:
        return ""
    with translation.override(language):
        return formats.date_format(value, DATE_FORMATS.get(language, DATE_FORMATS["en"]))


@dataclass(frozen=True)
class Chosen:
    """The text a recipient gets: in ``language``, which ``fallback`` says was not theirs."""

    language: str
    subject: str
    body: str
    fallback: bool
