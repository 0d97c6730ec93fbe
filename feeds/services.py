from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import FeedSubscription


@transaction.atomic
def create_feed(user, *, committee=None, include_deadlines: bool = True) -> FeedSubscription:
    return FeedSubscription.objects.create(
        user=user, committee=committee, include_deadlines=include_deadlines
    )


def revoke_feed(feed: FeedSubscription) -> None:
    """The address stops working at once (404); the record stays."""
    FeedSubscription.objects.filter(pk=feed.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
