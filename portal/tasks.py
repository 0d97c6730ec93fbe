"""The invitation e-mail, sent by the mail worker (never during the request)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger("secretariat.auth")


@shared_task(
    name="portal.send_invitation",
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)
def send_invitation(*, invitation_id: int, domain: str, use_https: bool) -> int:
    """E-mail an invitation's one-time link, unless it was used or revoked meanwhile (the link
    itself checks its expiry when it is opened). Returns 1 if sent."""
    from .models import Invitation
    from .services import invitation_token

    invitation = (
        Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("reporter__user", "reporter__state", "created_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return 0
    user = invitation.reporter.user
    path = reverse(
        "portal:invitation",
        kwargs={"pk": invitation.pk, "token": invitation_token(invitation)},
    )
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "state": invitation.reporter.state,
            "link": f"{'https' if use_https else 'http'}://{domain}{path}",
            "expires_at": invitation.expires_at,
            "days": (invitation.expires_at - invitation.created_at).days,
        }
        subject = loader.render_to_string("portal/invitation_subject.txt", context)
        body = loader.render_to_string("portal/invitation_email.txt", context)
    message = EmailMultiAlternatives(
        "".join(subject.splitlines()), body, settings.DEFAULT_FROM_EMAIL, [invitation.sent_to]
    )
    message.send()
    logger.info(
        "invitation sent to %s", user.get_username(), extra={"username": user.get_username()}
    )
    return 1
