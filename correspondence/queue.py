"""Publishing tasks: only after the transaction commits, failing fast, never losing work.

A publish is tried once (no publish retries) against the short broker timeouts of the
settings, so that a web request never waits on a Redis that is down or stalled for more than
about half a second per action, and each action publishes at most one task from a request.
Work is not lost when a publish fails: it is recorded in the database first, and the beat
scan finds what was never enqueued.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from celery import Task
from celery.utils.time import rate
from django.conf import settings
from django.db import transaction

log = logging.getLogger(__name__)


def batch_plan(batch_size: int, rate_limit: str | None) -> tuple[int, str | None]:
    """The messages per delivery task and the tasks' Celery rate limit, from
    ``MAIL_BATCH_SIZE`` and ``MAIL_RATE_LIMIT``: under a rate limit a batch holds at most one
    second's worth of messages, and batches go at the rate divided by their size, so that the
    server sees the same number of messages per second, in bursts of at most a second's."""
    per_second = rate(rate_limit) if rate_limit else 0.0
    if not per_second:
        return max(1, batch_size), None
    size = max(1, min(batch_size, int(per_second)))
    return size, f"{per_second / size:g}/s"


BATCH_SIZE, BATCH_RATE_LIMIT = batch_plan(settings.MAIL_BATCH_SIZE, settings.MAIL_RATE_LIMIT)


def publish(task: Task, *args) -> bool:
    """Send the task to the broker once; ``False`` (logged) if the broker cannot take it."""
    try:
        task.apply_async(args=args, retry=False)
    except Exception:  # the broker's errors come in many kinds (connection, timeout, protocol)
        log.warning("could not publish %s%r; the scan will pick the work up", task.name, args)
        return False
    return True


def publish_after_commit(task: Task, *args) -> None:
    transaction.on_commit(lambda: publish(task, *args))


def publish_deliveries(message_ids: Sequence[int]) -> int:
    """One delivery task per batch of ``BATCH_SIZE`` messages, in the order given; at the
    first failure the rest are left to the scan (their ``enqueued_at`` is cleared) instead of
    waiting on the broker once per batch. Returns the number of messages published."""
    from .models import MessageStatus, OutgoingMessage
    from .tasks import deliver_batch

    ids = list(message_ids)
    for start in range(0, len(ids), BATCH_SIZE):
        if not publish(deliver_batch, ids[start : start + BATCH_SIZE]):
            OutgoingMessage.objects.filter(pk__in=ids[start:], status=MessageStatus.PLANNED).update(
                enqueued_at=None
            )
            return start
    return len(ids)


def publish_deliveries_after_commit(message_ids: Sequence[int]) -> None:
    ids = list(message_ids)
    transaction.on_commit(lambda: publish_deliveries(ids))
