"""How texts are written in each language.

French typography of translated text: a no-break space (U+00A0, or the narrow U+202F) before
":" ";" "?" "!" and "»", and after "«". ``scripts/french_typography.py`` applies the rule to
the French catalogues; ``tests/i18n/test_french_typography.py`` keeps them to it.

Dates as the Convention's documents, letters and public pages write them: ``1 March 2027``,
``1er mars 2027`` (French writes the first of the month as an ordinal), ``1 de marzo de 2027``."""

import re
from datetime import date

from django.utils import dateformat, translation

NBSP = "\u00a0"
NO_BREAK = "\u00a0\u202f"
#: An ordinary space (or none, for the guillemets) where a no-break space belongs.
_BEFORE = re.compile(r" ([:;?!»])")
_AFTER_OPENING = re.compile(r"« ")
_PROBLEMS = re.compile(r" [:;?!»]|« |«(?=[^\s" + NO_BREAK + r"])|(?<=[^\s" + NO_BREAK + r"])»")


def fix_french(text: str) -> str:
    """``text`` with the ordinary spaces before ``: ; ? ! »`` and after ``«`` made
    no-break spaces. Only ordinary spaces change: "09:00", "CAN;PER" and URLs are left alone."""
    return _AFTER_OPENING.sub("«" + NBSP, _BEFORE.sub(NBSP + r"\1", text))


def french_problems(text: str) -> list[str]:
    """The places in ``text`` that break the rule, each with a little context."""
    return [
        text[max(match.start() - 15, 0) : match.end() + 15] for match in _PROBLEMS.finditer(text)
    ]


#: A date in each language, after its day of the month (``day_of_month``).
_MONTH_AND_YEAR = {"en": " F Y", "fr": " F Y", "es": r" \d\e F \d\e Y"}


def day_of_month(on: date, language: str) -> str:
    """The day a date starts with: ``1er`` for the first of the month in French."""
    return "1er" if language == "fr" and on.day == 1 else str(on.day)


def written_date(on: date, language: str) -> str:
    """``20 November 2025``, ``1er décembre 2025``, ``20 de noviembre de 2025``, in a
    language or one of its variants (``fr-ch``); any other language is written as English."""
    language = language.split("-")[0]
    language = language if language in _MONTH_AND_YEAR else "en"
    with translation.override(language):
        return day_of_month(on, language) + dateformat.format(on, _MONTH_AND_YEAR[language])
