"""Forms of address: how a letter opens and whom its address block names, per language.

A contact is addressed as the Permanent Representative ("Excellency,"), as the Permanent
Mission by its full name ("Permanent Mission of Chile to the United Nations Office at Geneva"),
as a person ("Dear Ms Rossi,") or, when nothing is known, "Dear Sir or Madam,". These defaults
never use the contact's function or the name of an institution as a salutation; staff can
replace any of them per contact and language.

A Mission's full name needs the State's name with its article in each language ("of the
Netherlands", "du Chili", "de l'Allemagne", "del Perú"): ``data/un_name_articles.csv`` gives
the article the United Nations use with each State's short name (a name staff changed takes
none; the address block can be corrected per contact). A short name written
"Bolivia (Plurinational State of)" is turned around ("the Plurinational State of Bolivia").
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext, pgettext

from .names import LANGUAGES, language_of, un_short_names

if TYPE_CHECKING:
    from .models import Contact, StateParty

_ARTICLES = Path(__file__).resolve().parent / "data" / "un_name_articles.csv"


@cache
def articles() -> dict[str, dict[str, str]]:
    """``{iso3: {"en": "the", "fr": "l'", "es": "el"}}`` ("" where the name takes none)."""
    with _ARTICLES.open(encoding="utf-8", newline="") as table:
        return {
            row["iso3"]: {code: row[code] for code in LANGUAGES} for row in csv.DictReader(table)
        }


def formal_order(name: str) -> str:
    """ "Bolivia (Plurinational State of)" -> "Plurinational State of Bolivia";
    "Iran (République islamique d')" -> "République islamique d'Iran"."""
    if name.endswith(")") and " (" in name:
        base, qualifier = name[:-1].split(" (", 1)
        return f"{qualifier}{'' if qualifier.endswith("'") else ' '}{base}"
    return name


_FRENCH_VOWELS = tuple("aeiouyàâäéèêëîïôöùûüœAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒ")


def _name_and_article(state: StateParty, language: str) -> tuple[str, str]:
    """The State's name in ``language`` in formal order, and the UN's article for it. The
    article belongs to the UN short name; a name staff wrote otherwise takes none."""
    short_name = state.name_in(language)
    article = (
        articles().get(state.iso3, {}).get(language, "")
        if un_short_names().get(state.iso3, {}).get(language) == short_name
        else ""
    )
    return formal_order(short_name), article


def of_state(state: StateParty, language: str) -> str:
    """The State's name after "of": "of the Netherlands", "des Pays-Bas", "de los Países
    Bajos"; "du Chili", "de l'Allemagne", "d'Israël"; "del Perú"."""
    language = language_of(language)
    name, article = _name_and_article(state, language)
    if language == "fr":
        if article == "le":
            return f"du {name}"
        if article == "les":
            return f"des {name}"
        if article in ("la", "l'"):
            return f"de {article}{'' if article.endswith("'") else ' '}{name}"
        return f"d'{name}" if name.startswith(_FRENCH_VOWELS) else f"de {name}"
    if language == "es":
        if article == "el":
            return f"del {name}"
        return f"de {article} {name}" if article else f"de {name}"
    return f"of the {name}" if article == "the" else f"of {name}"


def with_article(state: StateParty, language: str) -> str:
    """The State's name as the subject of a sentence or after "by": "the Netherlands", "le
    Cambodge", "l'Allemagne", "les Pays-Bas", "el Perú", "Camboya" (the UN's article)."""
    name, article = _name_and_article(state, language_of(language))
    if not article:
        return name
    return f"{article}{'' if article.endswith("'") else ' '}{name}"


def mission_name(state: StateParty, language: str) -> str:
    """ "Permanent Mission of Chile to the United Nations Office at Geneva", in ``language``."""
    with translation.override(language_of(language)):
        return gettext("Permanent Mission %(of_state)s to the United Nations Office at Geneva") % {
            "of_state": of_state(state, language)
        }


def default_salutation(contact: Contact, language: str) -> str:
    kinds = type(contact).AddressedAs
    with translation.override(language_of(language)):
        if contact.addressed_as == kinds.PERMANENT_REPRESENTATIVE:
            return pgettext("salutation", "Excellency,")
        # French letters open with "Madame," alone: the translation may leave the name out.
        if contact.addressed_as == kinds.MS and contact.family_name:
            # xgettext:no-python-format
            salutation = pgettext("salutation", "Dear Ms %(family_name)s,")
            return salutation % {"family_name": contact.family_name}
        if contact.addressed_as == kinds.MR and contact.family_name:
            # xgettext:no-python-format
            salutation = pgettext("salutation", "Dear Mr %(family_name)s,")
            return salutation % {"family_name": contact.family_name}
        return pgettext("salutation", "Dear Sir or Madam,")


def default_address(contact: Contact, language: str) -> str:
    """The lines above the subject: whom the letter is for and where."""
    kinds = type(contact).AddressedAs
    state = contact.state
    if contact.addressed_as == kinds.MISSION:
        return mission_name(state, language)
    if contact.addressed_as == kinds.PERMANENT_REPRESENTATIVE:
        return f"{contact.name}\n{mission_name(state, language)}"
    with translation.override(language_of(language)):
        if contact.addressed_as == kinds.MS:
            person = pgettext("address", "Ms %(name)s") % {"name": contact.name}
        elif contact.addressed_as == kinds.MR:
            person = pgettext("address", "Mr %(name)s") % {"name": contact.name}
        else:
            person = contact.name
    return f"{person}\n{state.name_in(language)}"
