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
