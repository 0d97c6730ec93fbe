"""Searching text as people type it: "cote" finds "Côte d'Ivoire", "CROATIE" finds "Croatie".

On PostgreSQL both sides lose their accents (the ``unaccent`` extension, created by the
migration ``common.0003_unaccent``) and their case. SQLite (``make run``) has no ``unaccent``:
there the search ignores case only, and a word typed with its accents finds it as written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.db import connection
from django.db.models import Q


def fold(text: str) -> str:
    """``text`` without its accents ("Côte" -> "Cote"), as ``unaccent`` reads the column."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def contains(field: str, value: str) -> Q:
    """Records whose ``field`` contains ``value``, whatever the accents and the case."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__unaccent__icontains": fold(value)})
    return Q(**{f"{field}__icontains": value})


def any_contains(fields: Iterable[str], value: str) -> Q:
    """Records where any of ``fields`` contains ``value`` (accents and case aside)."""
    condition = Q()
    for field in fields:
        condition |= contains(field, value)
    return condition
