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
from django.db import transaction

log = logging.getLogger(__name__)


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
    """One delivery task per message; at the first failure the rest are left to the scan
    (their ``enqueued_at`` is cleared) instead of waiting on the broker once per message."""
    from .models import MessageStatus, OutgoingMessage
    from .tasks import deliver

    for index, message_id in enumerate(message_ids):
        if not publish(deliver, message_id):
            OutgoingMessage.objects.filter(
                pk__in=message_ids[index:], status=MessageStatus.PLANNED
            ).update(enqueued_at=None)
            return index
    return len(message_ids)


def publish_deliveries_after_commit(message_ids: Sequence[int]) -> None:
    ids = list(message_ids)
    transaction.on_commit(lambda: publish_deliveries(ids))
