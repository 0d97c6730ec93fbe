"""What is waiting for a person: the groups their home page starts with, and the counts the
navigation shows.

Each app says what it has waiting in its own ``<app>/waiting.py``: functions decorated with
``@contributes(order)`` that take the user and the day and return ``WaitingGroup``s (those with
a count of zero are dropped). The app imports that module from its ``AppConfig.ready()``.

Every contributor runs a fixed number of queries whatever the data: a group's first rows and its
total come from one query (``first_with_total``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import Count, QuerySet, Window
from django.utils import timezone

#: How many items a group lists on the home page (its count says how many there are in all).
SHOWN = 5
#: How long the navigation's counts are kept for one user, in seconds.
NAVIGATION_SECONDS = 60


@dataclass
class WaitingItem:
    label: str
    url: str = ""
    #: The day (or moment) that matters: due, planned, created; shown in the page's format.
    when: date | None = None
    note: str = ""


@dataclass
class WaitingGroup:
    #: Stable name of the group (tests and the page's ``data-waiting`` attribute use it).
    key: str
    title: str
    count: int
    #: The page listing all of them, filtered as the count is.
    url: str = ""
    items: list[WaitingItem] = field(default_factory=list)
    #: The main navigation entry whose badge counts this group.
    section: str = ""
    #: Something went wrong (a failed e-mail): shown as a warning.
    alert: bool = False


Contributor = Callable[[Any, date], Iterable[WaitingGroup]]
_contributors: list[tuple[int, str, Contributor]] = []


def contributes(order: int) -> Callable[[Contributor], Contributor]:
    """Register a contributor; groups appear in ``order`` (then by the function's name)."""

    def register(function: Contributor) -> Contributor:
        name = f"{function.__module__}.{function.__qualname__}"
        if not any(known == name for _, known, _ in _contributors):
            _contributors.append((order, name, function))
            _contributors.sort(key=lambda entry: (entry[0], entry[1]))
        return function

    return register


def first_with_total[M](queryset: QuerySet[M], count: int = SHOWN) -> tuple[list[M], int]:
    """The first ``count`` rows of ``queryset`` and how many rows it has, in one query: the
    total is a window over the whole result, computed before the limit applies."""
    rows = list(queryset.annotate(waiting_total=Window(Count("*")))[:count])
    return rows, (rows[0].waiting_total if rows else 0)


def waiting_for(user: Any, today: date | None = None) -> list[WaitingGroup]:
    """Every group of work waiting for ``user`` on ``today``, in order; none empty."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    groups: list[WaitingGroup] = []
    for _order, _name, contributor in _contributors:
        groups.extend(group for group in contributor(user, today) if group.count)
    return groups


def _cache_key(user: Any) -> str:
    return f"waiting:navigation:{user.pk}"


def navigation_counts(user: Any) -> dict[str, int]:
    """``{navigation section: count}`` of what is waiting, kept a minute per user (the home
    page shows the exact figures)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    counts = cache.get(_cache_key(user))
    if counts is None:
        counts = {}
        for group in waiting_for(user):
            if group.section:
                counts[group.section] = counts.get(group.section, 0) + group.count
        cache.set(_cache_key(user), counts, NAVIGATION_SECONDS)
    return counts


def forget_navigation_counts(user: Any) -> None:
    """Drop ``user``'s kept counts (after they dealt with something, their badges follow)."""
    cache.delete(_cache_key(user))
