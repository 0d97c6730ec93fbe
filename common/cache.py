"""Content that is the same for many requests, kept in Django's cache (Redis when ``REDIS_URL``
is set, local memory otherwise) under a *generation*: a change bumps the generation, so every
entry built in the previous one is never used again and expires by itself. Nothing has to know
which keys exist, and a bulk change costs one increment. An entry is kept with the generation
it was built in and read with the current one in one round trip.

What counts as a change is found where nothing escapes it: every statement that writes to the
watched tables (``invalidate_on_writes``), whether it comes from ``save``, a bulk update, an
import or raw SQL; signals would miss the bulk writes."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created

#: Entries live this long at most, whatever happens (a change made behind the application's
#: back, a process with its own local-memory cache).
TIMEOUT = 600

_WRITE = re.compile(
    r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)', re.IGNORECASE
)
_watched: list[tuple[tuple[str, ...], str]] = []
logger = logging.getLogger(__name__)


def cached[T](name: str, parts: tuple[Any, ...], build: Callable[[], T]) -> T:
    """``build()``, kept under ``name`` and ``parts`` with the generation it was built in. The
    generation and the entry are read together (one round trip to Redis): an entry of an
    earlier generation is stale. A cache that cannot be reached (Redis down) costs the work,
    never the page: it is built afresh each time."""
    entry_key = _entry_key(name, parts)
    try:
        found = cache.get_many([_generation_key(name), entry_key])
        current = found.get(_generation_key(name))
        if current is None:
            current = generation(name)
        entry = found.get(entry_key)
    except Exception:  # any failure of the cache's server; the page is built all the same
        logger.warning("cache unreachable: %s built without it", name, exc_info=True)
        return build()
    if entry is not None and entry[0] == current:
        return entry[1]
    # Kept with the generation read *before* building: if a write bumps it meanwhile, what was
    # built from the older rows is stale at once.
    value = build()
    try:
        cache.set(entry_key, (current, value), TIMEOUT)
    except Exception:
        logger.warning("cache unreachable: %s not kept", name, exc_info=True)
    return value


def kept[T](name: str, parts: tuple[Any, ...]) -> T | None:
    """What ``cached`` keeps under ``name`` and ``parts``, if it was built in the current
    generation; ``None`` otherwise, or when the cache cannot be reached (one round trip)."""
    entry_key = _entry_key(name, parts)
    try:
        found = cache.get_many([_generation_key(name), entry_key])
    except Exception:  # any failure of the cache's server: the caller builds the value
        logger.warning("cache unreachable: %s not read", name, exc_info=True)
        return None
    entry = found.get(entry_key)
    current = found.get(_generation_key(name))
    if entry is None or current is None or entry[0] != current:
        return None
    return entry[1]


def _entry_key(name: str, parts: tuple[Any, ...]) -> str:
    return ":".join([name, *(str(part) for part in parts)])


def _generation_key(name: str) -> str:
    return f"generation:{name}"


def generation(name: str) -> int:
    value = cache.get(_generation_key(name))
    if value is None:
        # Added, not set: two processes starting together agree on one value.
        cache.add(_generation_key(name), _fresh(), timeout=None)
        value = cache.get(_generation_key(name), 0)
    return value


def _fresh() -> int:
    """A first generation no earlier one can equal (if the counter was evicted, entries of its
    old values may still be there)."""
    return time.time_ns()


def bump(name: str, using: str = "default") -> None:
    """Forget what was cached under ``name``: now (the writing request must not read its own
    stale copy) and again after the commit (another request may have cached the old rows
    between the write and the commit), once per transaction however many rows it writes."""
    _increment(name)
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        getattr(callback, "cache_name", None) == name
        for _savepoints, callback, _robust in connection.run_on_commit
    ):
        return

    def after_commit() -> None:
        _increment(name)

    after_commit.cache_name = name  # type: ignore[attr-defined]
    transaction.on_commit(after_commit, using=using)


def _increment(name: str) -> None:
    try:
        try:
            cache.incr(_generation_key(name))
        except ValueError:  # gone (evicted, or the cache was emptied): start afresh
            cache.set(_generation_key(name), _fresh(), timeout=None)
    except Exception:
        # A write must never fail for want of the cache; what it kept expires (TIMEOUT).
        logger.warning("cache unreachable: %s not invalidated", name, exc_info=True)


def invalidate_on_writes(name: str, table_prefixes: tuple[str, ...]) -> None:
    """Bump ``name`` whenever a statement writes to a table whose name starts with one of
    ``table_prefixes`` (``"reporting_"``: every table of the reporting app)."""
    from django.db import connections

    _watched.append((table_prefixes, name))
    connection_created.connect(_install, dispatch_uid="common.cache.writes")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)


def _install(sender: Any, connection: Any, **kwargs: Any) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def _watch_writes(execute: Any, sql: str, params: Any, many: bool, context: dict) -> Any:
    result = execute(sql, params, many, context)
    # Reads (SELECT, and the savepoints of transactions) are by far the most frequent: one
    # character tells them apart before any pattern runs.
    if sql[:1] in "IUDTiudt" and (match := _WRITE.match(sql)):
        table = match[1].lower()
        for prefixes, name in _watched:
            if table.startswith(prefixes):
                bump(name, context["connection"].alias)
    return result
