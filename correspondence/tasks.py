"""Background jobs of correspondence. Each takes IDs, has an explicit name, and is published
only after the transaction that created its work commits (see ``queue``)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from . import delivery, planning
from .models import ReminderRule


@shared_task(
    name="correspondence.deliver",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    rate_limit=settings.MAIL_RATE_LIMIT,
    # A send never outlives this, so the scan's recovery never overtakes a live worker.
    time_limit=max(30, settings.OUTBOX_STALE_SECONDS // 2),
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


@shared_task(name="correspondence.scan", ignore_result=True)
def scan() -> dict[str, int]:
    """Beat, every few minutes: recover stale sends, mark missed ones, enqueue what is due."""
    return delivery.scan()


@shared_task(name="correspondence.dispatch_due", ignore_result=True)
def dispatch_due() -> int:
    """Enqueue what is due now (after a letter is sent, without waiting for the beat)."""
    return delivery.enqueue_due()


@shared_task(name="correspondence.plan_rule", ignore_result=True)
def plan_rule(rule_id: int) -> dict[str, int]:
    rule = ReminderRule.objects.select_related("audience", "letter").filter(pk=rule_id).first()
    return planning.reconcile(rule).as_dict() if rule else {}


@shared_task(name="correspondence.plan_all", ignore_result=True)
def plan_all() -> dict[str, int]:
    """Hourly: audiences and what falls due move with time."""
    return planning.plan_all()
