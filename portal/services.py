"""Writes of the portal: inviting, activating, suspending and re-inviting reporters.

Every change is a saved record (``Reporter``, ``Invitation``, the user), so that the audit trail
says who did it, when and from where."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from states_parties.models import StateParty

from .models import Invitation, Reporter

logger = logging.getLogger("secretariat.auth")

#: How long an invitation's link works.
INVITATION_DAYS = 14


# --- the link's secret ----------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    """The secret of an invitation's link: a keyed digest of its id and nonce (never stored)."""
    message = f"portal.invitation|{invitation.pk}|{invitation.nonce}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def find_invitation(pk: int, token: str) -> Invitation | None:
    """The pending invitation this link opens, or ``None`` (unknown, used, revoked, expired)."""
    invitation = (
        (Invitation.objects.pending().select_related("reporter__user", "reporter__state"))
        .filter(pk=pk)
        .first()
    )
    if invitation is None or not hmac.compare_digest(invitation_token(invitation), token):
        return None
    return invitation


# --- sending ----------------------------------------------------------------------------------


def _send_after_commit(invitation: Invitation, *, domain: str, use_https: bool) -> None:
    """After commit, hand the e-mail to the mail worker; a broker that is down is logged
    (staff send it again with "Invite again"), never an error page."""
    from .tasks import send_invitation

    def publish() -> None:
        try:
            send_invitation.apply_async(
                kwargs={"invitation_id": invitation.pk, "domain": domain, "use_https": use_https},
                retry=False,
            )
        except Exception:  # the broker's errors come in many kinds
            logger.warning("could not queue the invitation e-mail %s", invitation.pk)

    transaction.on_commit(publish)


def _new_invitation(reporter: Reporter, *, by: Any, domain: str, use_https: bool) -> Invitation:
    now = timezone.now()
    reporter.invitations.pending(now).update(revoked_at=now)
    invitation = Invitation.objects.create(
        reporter=reporter,
        sent_to=reporter.user.email,
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    _send_after_commit(invitation, domain=domain, use_https=use_https)
    return invitation


# --- the services -----------------------------------------------------------------------------


@transaction.atomic
def invite_reporter(
    *,
    email: str,
    first_name: str,
    last_name: str,
    state: StateParty,
    language: str,
    by: Any,
    domain: str,
    use_https: bool,
) -> Reporter:
    """ISU staff invite a State's national reporter: an account that cannot sign in yet, and
    an e-mail with a one-time link to choose a password (then to set up a second factor)."""
    User = get_user_model()
    email = User.objects.normalize_email(email.strip())
    if User.objects.filter(username__iexact=email).exists() or (
        User.objects.filter(email__iexact=email).exists()
    ):
        raise ValidationError(
            _("An account with the address %(email)s exists already.") % {"email": email}
        )
    user = User(
        username=email.lower(),
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=User.Role.REPORTER,
        language=language,
        is_active=False,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    reporter = Reporter.objects.create(user=user, state=state, invited_by=by)
    _new_invitation(reporter, by=by, domain=domain, use_https=use_https)
    logger.info(
        "reporter %s invited for %s by %s",
        user.username,
        state.iso3,
        by.get_username(),
        extra={"username": user.username, "by": by.get_username()},
    )
    return reporter


@transaction.atomic
def accept_invitation(invitation: Invitation, password: str) -> Any:
    """The reporter chose a password through the link: the account works (the second factor
    is set up at once, as the middleware asks), and the link is used up."""
    now = timezone.now()
    reporter = Reporter.objects.select_for_update().get(pk=invitation.reporter_id)
    if reporter.status == Reporter.Status.SUSPENDED:
        raise ValidationError(_("This invitation is no longer valid."))
    user = reporter.user
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    reporter.status = Reporter.Status.ACTIVE
    reporter.activated_at = reporter.activated_at or now
    reporter.suspended_at = None
    reporter.save(update_fields=["status", "activated_at", "suspended_at"])
    return user


@transaction.atomic
def suspend_reporter(*, reporter: Reporter, by: Any) -> Reporter:
    """The reporter can no longer sign in (every session ends: the account is inactive) and
    their pending invitations stop working."""
    now = timezone.now()
    if reporter.status == Reporter.Status.SUSPENDED:
        return reporter
    reporter.invitations.pending(now).update(revoked_at=now)
    user = reporter.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    reporter.status = Reporter.Status.SUSPENDED
    reporter.suspended_at = now
    reporter.save(update_fields=["status", "suspended_at"])
    logger.info(
        "reporter %s suspended by %s",
        user.username,
        by.get_username(),
        extra={"username": user.username, "by": by.get_username()},
    )
    return reporter


@transaction.atomic
def reinvite_reporter(*, reporter: Reporter, by: Any, domain: str, use_https: bool) -> Reporter:
    """Start again: the old password and authenticator stop working, earlier links are
    revoked, and a new link goes out (a suspended reporter, one who lost their phone, one
    whose invitation expired)."""
    user = reporter.user
    user.set_unusable_password()
    user.is_active = False
    user.save(update_fields=["password", "is_active"])
    for device in TOTPDevice.objects.filter(user=user):
        device.delete()  # one by one: each removal is logged (``accounts.signals``)
    reporter.status = Reporter.Status.INVITED
    reporter.invited_at = timezone.now()
    reporter.invited_by = by
    reporter.suspended_at = None
    reporter.save(update_fields=["status", "invited_at", "invited_by", "suspended_at"])
    _new_invitation(reporter, by=by, domain=domain, use_https=use_https)
    logger.info(
        "reporter %s invited again by %s",
        user.username,
        by.get_username(),
        extra={"username": user.username, "by": by.get_username()},
    )
    return reporter
