"""The e-mail of a password reset, sent by the mail worker (never during the request)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

logger = logging.getLogger("secretariat.auth")


@shared_task(
    name="accounts.send_password_reset",
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)
def send_password_reset(
    *,
    domain: str,
    use_https: bool,
    language: str,
    email: str | None = None,
    user_id: int | None = None,
) -> int:
    """E-mail a one-time link to choose a new password: to every active account with
    ``email`` that has a password, or to the account ``user_id`` (a reset forced by staff).
    Returns how many e-mails went out (none for an address no account has)."""
    if user_id is not None:
        users = list(
            get_user_model()._default_manager.filter(pk=user_id, is_active=True).exclude(email="")
        )
    else:
        users = list(PasswordResetForm().get_users(email or ""))
    for user in users:
        with translation.override(user.language or language):
            context = {
                "email": user.email,
                "domain": domain,
                "site_name": domain,
                "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                "user": user,
                "token": default_token_generator.make_token(user),
                "protocol": "https" if use_https else "http",
                "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
                "forced": user_id is not None,
            }
            subject = loader.render_to_string("registration/password_reset_subject.txt", context)
            body = loader.render_to_string("registration/password_reset_email.txt", context)
        message = EmailMultiAlternatives(
            "".join(subject.splitlines()), body, settings.DEFAULT_FROM_EMAIL, [user.email]
        )
        message.send()
        logger.info(
            "password reset link sent to %s",
            user.get_username(),
            extra={"username": user.get_username()},
        )
    return len(users)
