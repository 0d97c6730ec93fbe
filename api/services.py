"""Creating, using and revoking API tokens."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import ApiToken

#: ``last_used_at`` is written at most this often per token, not on every request.
LAST_USE_PRECISION = timedelta(minutes=1)


@transaction.atomic
def create_token(user, *, name: str, expiry: timedelta | None, created_by) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it and its secret, which is never shown again."""
    token, secret = ApiToken.objects.create(user, expiry=expiry, name=name, created_by=created_by)
    return token, secret


def revoke_token(token: ApiToken) -> None:
    token.delete()


def record_use(token: ApiToken) -> None:
    """Remember when a token was last used, with one conditional update a minute at most.

    Like a user's last login, the time of use is not a change of the record: it is written
    through the plain base manager, so it adds no row to the audit trail."""
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < LAST_USE_PRECISION:
        return
    ApiToken._base_manager.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USE_PRECISION)
    ).update(last_used_at=now)
    token.last_used_at = now
