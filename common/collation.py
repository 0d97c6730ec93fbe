"""Alphabetical order as readers expect it: "Côte d'Ivoire" between "Costa Rica" and "Croatia",
"Allemagne" before "Belgique", whatever the accents.

The Unicode Collation Algorithm's default table (pyuca) orders Latin letters with accents and
case as secondary differences, which is how English, French and Spanish dictionaries list
names. Lists shown to people (member lines, recipients, tables of States) sort with this key,
in the language they are shown in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache


@cache
def _collator():
    # Loading the table takes a tenth of a second of CPU or more: django-countries (an
    # installed app) has loaded it already; load it again only if it has not.
    import django_countries

    collator = getattr(django_countries, "collator", None)
    if collator is not None:
        return collator
    from pyuca import Collator

    return Collator()


def collation_key(text: str) -> tuple[int, ...]:
    return _collator().sort_key(text)


def sorted_by_text[T](items: Iterable[T], text: Callable[[T], str] = str) -> list[T]:
    """``items`` in alphabetical order of ``text(item)``."""
    return sorted(items, key=lambda item: collation_key(text(item)))
