"""Background jobs of correspondence. Each takes IDs, has an explicit name, and is published
only after the transaction that created its work commits (see ``queue``)."""

from __future__ import annotations

import logging
from collections import Counter

from celery import shared_task
from django.conf import settings

from . import delivery, outbox_scan, planning
from .models import ReminderRule
from .queue import BATCH_RATE_LIMIT

log = logging.getLogger(__name__)

#: A send never outlives this, so the scan's recovery never overtakes a live worker.
TIME_LIMIT = max(30, settings.OUTBOX_STALE_SECONDS // 2)


@shared_task(
    name="correspondence.deliver",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    rate_limit=settings.MAIL_RATE_LIMIT,
    time_limit=TIME_LIMIT,
    max_retries=None,
    ignore_result=True,
)
def deliver(self, message_id: int) -> str:
    """Send one outgoing message (claimed first; a second call for it does nothing)."""
    outcome = delivery.deliver(message_id)
    if outcome.retry_in is not None:
        # The row already says when; if this publish fails, the scan re-enqueues it.
        raise self.retry(countdown=outcome.retry_in)
    return outcome.result


@shared_task(
    name="correspondence.deliver_batch",
    acks_late=True,
    reject_on_worker_lost=True,
    # MAIL_RATE_LIMIT in messages, as batches (``queue.BATCH_RATE_LIMIT``).
    rate_limit=BATCH_RATE_LIMIT,
    time_limit=TIME_LIMIT,
    ignore_result=True,
)
def deliver_batch(message_ids: list[int]) -> dict[str, int]:
    """Send a batch of outgoing messages (``MAIL_BATCH_SIZE``): claimed in one statement, each
    sent with its own checkpoint and mark-sent. A transient failure is retried alone (the
    ``deliver`` task, after its backoff); rows not reached in half the time limit go back to
    the queue."""
    from .queue import publish_deliveries

    outcomes = delivery.deliver_batch(message_ids, time_budget=TIME_LIMIT / 2)
    for message_id, outcome in outcomes.items():
        if outcome.retry_in is not None:
            try:
                deliver.apply_async(args=(message_id,), countdown=outcome.retry_in, retry=False)
            except Exception:  # the row says when; the scan re-enqueues it
                log.warning("could not publish the retry of message %s", message_id)
    released = [pk for pk, outcome in outcomes.items() if outcome.result == "released"]
    if released:
        publish_deliveries(released)
    return dict(Counter(outcome.result for outcome in outcomes.values()))


@shared_task(name="correspondence.scan", ignore_result=True)
def scan() -> dict[str, int]:
    """Beat, every few minutes: recover stale sends, mark missed ones, enqueue what is due."""
    return outbox_scan.scan()


@shared_task(name="correspondence.dispatch_due", ignore_result=True)
def dispatch_due() -> int:
    """Enqueue what is due now (after a letter is sent, without waiting for the beat)."""
    return outbox_scan.enqueue_due()


@shared_task(name="correspondence.plan_rule", ignore_result=True)
def plan_rule(rule_id: int) -> dict[str, int]:
    rule = ReminderRule.objects.select_related("audience", "letter").filter(pk=rule_id).first()
    return planning.reconcile(rule).as_dict() if rule else {}


@shared_task(name="correspondence.plan_all", ignore_result=True)
def plan_all() -> dict[str, int]:
    """Hourly: audiences and what falls due move with time."""
    return planning.plan_all()
