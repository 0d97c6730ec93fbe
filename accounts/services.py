"""Writes to accounts: language preference, password resets."""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger("secretariat.auth")

#: Reset links asked for one e-mail address within ``RESET_WINDOW``, and from one client
#: address; past either, the page answers the same and no e-mail goes out.
RESETS_PER_ADDRESS = 3
RESETS_PER_CLIENT = 20
RESET_WINDOW = timedelta(hours=1)


def set_preferred_language(user, language: str) -> None:
    """Remember the language a user chose; pages then follow it on every device."""
    if language not in dict(settings.LANGUAGES) or user.language == language:
        return
    user.language = language
    user.save(update_fields=["language"])


def _address_digest(email: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def _queue_reset_mail(**kwargs: Any) -> None:
    """After commit, hand the e-mail to the mail worker; a broker that is down is logged (the
    person asks again), never an error page."""
    from .tasks import send_password_reset

    def publish() -> None:
        try:
            send_password_reset.apply_async(kwargs=kwargs, retry=False)
        except Exception:  # the broker's errors come in many kinds
            logger.warning("could not queue a password reset e-mail")

    transaction.on_commit(publish)


def request_password_reset(
    email: str, *, client_address: str | None, domain: str, use_https: bool, language: str
) -> bool:
    """Someone asks for a link to choose a new password. The request is counted and, within
    the limits, the mail worker sends the link to the active accounts with that address.

    Whether such an account exists is decided by the worker, not here, so that the answer and
    the time it takes are the same either way. Returns whether an e-mail was queued."""
    from .models import PasswordResetRequest

    now = timezone.now()
    PasswordResetRequest.objects.filter(requested_at__lt=now - timedelta(days=1)).delete()
    digest = _address_digest(email)
    recent = PasswordResetRequest.objects.filter(requested_at__gte=now - RESET_WINDOW)
    throttled = recent.filter(address_digest=digest).count() >= RESETS_PER_ADDRESS or (
        client_address is not None
        and recent.filter(client_address=client_address).count() >= RESETS_PER_CLIENT
    )
    PasswordResetRequest.objects.create(address_digest=digest, client_address=client_address)
    if throttled:
        logger.warning(
            "password reset throttled from %s", client_address, extra={"ip": client_address}
        )
        return False
    _queue_reset_mail(email=email, domain=domain, use_https=use_https, language=language)
    return True


def force_password_reset(user: Any, *, by: Any, domain: str, use_https: bool) -> None:
    """ISU staff make an account choose a new password: the old one stops working at once, and
    with it every session of the account (Django ties sessions to the password), and a link
    to choose a new one is e-mailed. The second factor stays as it is."""
    user.set_unusable_password()
    user.save(update_fields=["password"])
    logger.info(
        "password reset forced for %s by %s",
        user.get_username(),
        by.get_username(),
        extra={"username": user.get_username(), "by": by.get_username()},
    )
    _queue_reset_mail(
        user_id=user.pk, domain=domain, use_https=use_https, language=settings.LANGUAGE_CODE
    )
