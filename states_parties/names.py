"""States' names in English, French and Spanish.

Documents of the Convention use the United Nations' short names ("Bolivia (Plurinational State
of)", "République-Unie de Tanzanie", "Trinidad y Tabago"), which often differ from common
usage. ``data/un_short_names.csv`` holds them for every UN member and observer State; a State's
record keeps its own names, filled from this table when left blank, so that staff can correct
one. States outside the table fall back to django-countries' translations.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from django.utils import translation
from django_countries import countries

LANGUAGES = ("en", "fr", "es")
_TABLE = Path(__file__).resolve().parent / "data" / "un_short_names.csv"


@cache
def un_short_names() -> dict[str, dict[str, str]]:
    """``{iso3: {"en": ..., "fr": ..., "es": ...}}``."""
    with _TABLE.open(encoding="utf-8", newline="") as table:
        return {
            row["iso3"]: {lang: row[lang] for lang in LANGUAGES} for row in csv.DictReader(table)
        }


def default_name(iso3: str, language: str) -> str:
    """The UN short name of a State in a language, or django-countries' name, or ""."""
    names = un_short_names().get(iso3)
    if names:
        return names[language]
    alpha2 = countries.alpha2(iso3)
    if not alpha2:
        return ""
    with translation.override(language):
        return str(countries.name(alpha2))


def language_of(code: str | None) -> str:
    """``fr-ch`` -> ``fr``; anything not English, French or Spanish -> ``en``."""
    base = (code or "en").split("-")[0].lower()
    return base if base in LANGUAGES else "en"


#: PostgreSQL's ICU collation of each language: accents and case as secondary differences, the
#: order of ``common.collation`` in the database ("Côte d'Ivoire" between "Costa Rica" and
#: "Croatia", "Égypte" after "Egypte" and before "El Salvador"), and each language's own letters
#: ("Ñ" after "N" in Spanish).
ICU_COLLATIONS = {"en": "en-x-icu", "fr": "fr-x-icu", "es": "es-x-icu"}


def name_field(language: str | None = None) -> str:
    """The column holding States' names in ``language`` (default: the active language)."""
    code = language_of(language or translation.get_language())
    return "name" if code == "en" else f"name_{code}"


def name_order(path: str = "", language: str | None = None, *, descending: bool = False):
    """An ``order_by`` term sorting States (``path`` = ``"state__"`` for a related State) by
    their name in ``language`` (default: the active one), in that language's alphabetical
    order. SQLite (``make run``) has no ICU: there it sorts by code points, which differs
    only for names starting with an accented letter."""
    from django.db import connection
    from django.db.models import F, Value
    from django.db.models.functions import Coalesce, Collate, NullIf

    code = language_of(language or translation.get_language())
    field = name_field(code)
    expression = F(f"{path}{field}")
    if field != "name":
        # A name never filled in (a State outside the UN table) reads as the English one.
        expression = Coalesce(NullIf(expression, Value("")), F(f"{path}name"))
    if connection.vendor == "postgresql":
        expression = Collate(expression, ICU_COLLATIONS[code])
    return expression.desc() if descending else expression.asc()


def name_search(value: str, path: str = ""):
    """A ``Q`` finding States (``path`` = ``"state__"`` for a related State) whose name in any
    of the three languages contains ``value`` (accents and case aside: "cote" finds "Côte
    d'Ivoire"), or whose ISO code is ``value``."""
    from django.db.models import Q

    from common.lookups import any_contains

    names = (f"{path}name", f"{path}name_fr", f"{path}name_es")
    return any_contains(names, value) | Q(**{f"{path}iso3__iexact": value})
