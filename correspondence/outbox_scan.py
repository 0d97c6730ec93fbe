"""The beat's scan of the outbox: rows a dead worker left ``sending`` are recovered by whether
they were handed over (``correspondence.delivery`` explains why that question settles it),
reminders too late to send become ``missed``, and what is due is enqueued, each row once."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import MessageStatus, OutgoingMessage

log = logging.getLogger(__name__)


def recover_stale(now: datetime | None = None) -> dict[str, int]:
    """Rows a dead worker left ``sending`` (see ``correspondence.delivery``)."""
    now = now or timezone.now()
    stale = OutgoingMessage.objects.filter(
        status=MessageStatus.SENDING,
        claimed_at__lt=now - timedelta(seconds=settings.OUTBOX_STALE_SECONDS),
    )
    released = stale.filter(handed_over_at__isnull=True).update(
        status=MessageStatus.PLANNED,
        claim_token=None,
        enqueued_at=None,
        note=_("Sent again: the worker sending it stopped before handing it over."),
    )
    presumed = stale.filter(handed_over_at__isnull=False).update(
        status=MessageStatus.SENT,
        sent_at=F("handed_over_at"),
        unconfirmed=True,
        note=_("Handed over to the mail server, but its acceptance was not confirmed."),
    )
    if released or presumed:
        log.warning("recovered %s unsent and %s handed-over stale sends", released, presumed)
    return {"released": released, "unconfirmed": presumed}


def mark_missed(now: datetime | None = None) -> int:
    """Reminders whose time passed longer ago than the catch-up window (the workers were
    stopped, say) are not sent late: they become ``missed``."""
    now = now or timezone.now()
    return OutgoingMessage.objects.filter(
        kind=OutgoingMessage.Kind.REMINDER,
        status=MessageStatus.PLANNED,
        attempts=0,
        send_at__lt=now - timedelta(hours=settings.REMINDER_CATCH_UP_HOURS),
    ).update(
        status=MessageStatus.MISSED,
        enqueued_at=None,
        note=_("Its time had passed by more than the catch-up window."),
    )


def enqueue_due(now: datetime | None = None, limit: int = 20000) -> int:
    """Publish one task per due row not already waiting in the queue. Rows are marked in the
    same transaction that picks them (locked rows skipped), so that two scans at the same
    moment enqueue each row once; a task published twice would find nothing to claim anyway."""
    now = now or timezone.now()
    requeue_before = now - timedelta(seconds=settings.OUTBOX_STALE_SECONDS)
    with transaction.atomic():
        ids = list(
            OutgoingMessage.objects.due(now)
            .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=requeue_before))
            .order_by("next_attempt_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            OutgoingMessage.objects.filter(pk__in=ids).update(enqueued_at=now)
            from .queue import publish_deliveries_after_commit

            publish_deliveries_after_commit(ids)
    return len(ids)


def scan(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    counts = recover_stale(now)
    counts["missed"] = mark_missed(now)
    counts["enqueued"] = enqueue_due(now)
    return counts
