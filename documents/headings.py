"""The heading of a committee's document as United Nations documents write it, in the active
language: the meeting it is submitted to ("22nd Meeting of the States Parties, Geneva, 1–5
December 2025"), the agenda item, and who submits it.

Everything here reads the active language (documents call it inside
``translation.override(document.language)``) and the documents' own catalogue.
"""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from committees.models import Committee, Meeting
from common.typography import day_of_month, written_date
from states_parties.names import language_of


def _ordinal(number: int) -> str:
    """``22nd``, ``22e`` (``1re``), ``22.ª``: the forms for the feminine nouns that follow
    in French and Spanish (Assemblée, Conférence; Reunión, Conferencia)."""
    language = language_of(translation.get_language())
    if language == "fr":
        return "1re" if number == 1 else f"{number}e"
    if language == "es":
        return f"{number}.ª"
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


def meeting_name(meeting: Meeting) -> str:
    """``22nd Meeting of the States Parties``, ``5e Conférence d'examen``."""
    if meeting.kind == Meeting.Kind.MSP and meeting.number:
        return _("%(ordinal)s Meeting of the States Parties") % {
            "ordinal": _ordinal(meeting.number)
        }
    if meeting.kind == Meeting.Kind.REVIEW_CONFERENCE and meeting.number:
        return _("%(ordinal)s Review Conference") % {"ordinal": _ordinal(meeting.number)}
    if meeting.kind == Meeting.Kind.INTERSESSIONAL:
        return _("Intersessional Meetings %(year)s") % {"year": meeting.start_date.year}
    return meeting.title or str(meeting.get_kind_display())


def date_range(start: date, end: date) -> str:
    """``1–5 December 2025``, ``1er–5 décembre 2025``, ``1 a 5 de diciembre de 2025``; a
    single day as documents date themselves."""
    language = language_of(translation.get_language())
    last = written_date(end, language)
    if start == end:
        return last
    if language == "es":
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day} a {last}"
        if start.year == end.year:
            return f"{format_date(start, r'j \d\e F')} a {last}"
        return f"{written_date(start, language)} a {last}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{day_of_month(start, language)}–{last}"
    if start.year == end.year:
        return f"{day_of_month(start, language)} {format_date(start, 'F')}–{last}"
    return f"{written_date(start, language)}–{last}"


def meeting_place(meeting: Meeting) -> str:
    """``Geneva, 1–5 December 2025``."""
    dates = date_range(meeting.start_date, meeting.end_date)
    return f"{meeting.venue}, {dates}" if meeting.venue else dates


def agenda_line(item: str) -> str:
    """``Item 10 of the provisional agenda``."""
    return _("Item %(number)s of the provisional agenda") % {"number": item}


def submitted_by(committee: Committee) -> str:
    """``Submitted by the Chair of the Committee on Cooperative Compliance``."""
    return _("Submitted by the Chair of the %(committee)s") % {"committee": committee.display_name}
