"""Announcing a write to the apps that follow it, once per write however many rows it has.

A service announces what it changed with ``announce(signal, sender, states=[...])`` rather than
``signal.send``. Outside a batch the signal is sent at once, inside the service's transaction.
Inside ``batched()`` (an import applying its rows, ``common.imports``) each signal is collected
and sent once, when the outermost batch ends, with every State announced, so that a 200-row
import re-plans its reminders once, not 200 times. Inside ``quiet()`` (an import's rehearsal,
rolled back afterwards) nothing is announced: nothing it wrote will remain.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.dispatch import Signal


@dataclass
class _Batch:
    #: ``(signal, sender)`` -> the States announced, by primary key (the last copy wins), in
    #: the order they were first announced.
    pending: dict[tuple[Signal, Any], dict[Any, Any]] = field(default_factory=dict)
    quiet: bool = False


_batch: ContextVar[_Batch | None] = ContextVar("common_changes_batch", default=None)


def announce(signal: Signal, sender: Any, *, states: Iterable[Any]) -> None:
    """Send ``signal`` with ``states`` now, or once at the end of the current batch."""
    batch = _batch.get()
    if batch is None:
        signal.send(sender=sender, states=list(states))
        return
    if batch.quiet:
        return
    collected = batch.pending.setdefault((signal, sender), {})
    for state in states:
        collected[state.pk] = state


@contextmanager
def batched() -> Iterator[None]:
    """Collect announcements until the block ends, then send each signal once (nothing if the
    block raises: its transaction is rolled back). Nested batches join the outermost one."""
    if _batch.get() is not None:
        yield
        return
    batch = _Batch()
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
    # Sent outside the batch: what the receivers announce in turn goes at once.
    for (signal, sender), states in batch.pending.items():
        signal.send(sender=sender, states=list(states.values()))


@contextmanager
def quiet() -> Iterator[None]:
    """Announce nothing until the block ends (a rehearsal that is rolled back)."""
    token = _batch.set(_Batch(quiet=True))
    try:
        yield
    finally:
        _batch.reset(token)
