"""Sign-in events: logged for the operators, kept out of the record's audit trail."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import update_last_login

logger = logging.getLogger("secretariat.auth")


def _address(request: Any) -> str | None:
    from common.addresses import request_address

    return request_address(request)


def record_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from .middleware import SESSION_REFRESHED_KEY, SESSION_STARTED_KEY

    # last_login is not history worth keeping: one row per login would bury real changes.
    user.skip_history_when_saving = True
    try:
        update_last_login(sender, user, **kwargs)
    finally:
        del user.skip_history_when_saving
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSION_STARTED_KEY] = now
        # The login writes the session: that counts as its first refresh.
        request.session[SESSION_REFRESHED_KEY] = now
    username, ip = user.get_username(), _address(request)
    logger.info("login %s from %s", username, ip, extra={"username": username, "ip": ip})


def record_failure(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    username, ip = credentials.get("username", ""), _address(request)
    logger.warning("login failed %s from %s", username, ip, extra={"username": username, "ip": ip})


def record_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        username, ip = user.get_username(), _address(request)
        logger.info("logout %s from %s", username, ip, extra={"username": username, "ip": ip})


def record_device_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Second-factor devices stay out of the history tables (they hold secrets); who enrolled
    or removed one is logged instead. Saves that only count codes are not events."""
    from common.audit import current_actor

    if "created" not in kwargs:
        event = "second factor removed"
    elif kwargs["created"]:
        event = (
            "second factor enrolled" if instance.confirmed else "second factor enrolment started"
        )
    elif instance.confirmed and "confirmed" in (kwargs.get("update_fields") or ()):
        event = "second factor enrolled"
    else:
        return
    actor = current_actor()
    username = instance.user.get_username()
    logger.info(
        "%s for %s by %s",
        event,
        username,
        actor.origin,
        extra={"username": username, "actor_user_id": actor.resolved_user_id, "ip": actor.ip},
    )


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from django_otp.plugins.otp_totp.models import TOTPDevice

    post_save.connect(record_device_change, sender=TOTPDevice, dispatch_uid="accounts.device")
    post_delete.connect(record_device_change, sender=TOTPDevice, dispatch_uid="accounts.device_rm")
    user_logged_in.disconnect(dispatch_uid="update_last_login")
    user_logged_in.connect(record_login, dispatch_uid="accounts.login")
    user_login_failed.connect(record_failure, dispatch_uid="accounts.login_failed")
    user_logged_out.connect(record_logout, dispatch_uid="accounts.logout")
