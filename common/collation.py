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
    # Loading the table takes a tenth of a second of CPU or more: done once per process, when
    # something is first sorted, for django-countries and for us (``defer_collation_table``).
    import django_countries

    collator = getattr(django_countries, "collator", None)
    if collator is not None:
        return collator
    from pyuca import Collator

    return Collator()


class _DeferredCollator:
    """pyuca's ``Collator``, loading its table on the first ``sort_key`` rather than when made."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self._arguments = (args, kwargs)
        self._collator = None

    def sort_key(self, text: str) -> tuple[int, ...]:
        if self._collator is None:
            from pyuca.collator import Collator

            args, kwargs = self._arguments
            self._collator = Collator(*args, **kwargs)
        return self._collator.sort_key(text)


def defer_collation_table() -> None:
    """django-countries makes a pyuca ``Collator`` when imported, that is at every start-up,
    though only sorting country names needs it; have it make one that loads its table when
    first used. Call before anything imports django-countries."""
    import pyuca

    pyuca.Collator = _DeferredCollator


def collation_key(text: str) -> tuple[int, ...]:
    return _collator().sort_key(text)


def sorted_by_text[T](items: Iterable[T], text: Callable[[T], str] = str) -> list[T]:
    """``items`` in alphabetical order of ``text(item)``."""
    return sorted(items, key=lambda item: collation_key(text(item)))
