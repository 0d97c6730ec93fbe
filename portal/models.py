"""States' national reporters (a kind of user, tied to one State) and their invitations."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.audit import AuditedHistory, AuditedQuerySet
from states_parties.models import StateParty


def new_nonce() -> str:
    return secrets.token_hex(16)


class ReporterQuerySet(AuditedQuerySet):
    def active(self) -> ReporterQuerySet:
        return self.filter(status=Reporter.Status.ACTIVE, user__is_active=True)

    def of_state(self, state: StateParty) -> ReporterQuerySet:
        return self.filter(state=state)

    def listed(self) -> ReporterQuerySet:
        """With what the staff's list shows: the user, the State, who invited them."""
        return self.select_related("user", "state", "invited_by")


class Reporter(models.Model):
    """A State's national contact point for Article 7 reports: a user confined to the
    portal, who writes and submits their State's reports. A State may have several."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reporter",
        verbose_name=_("user"),
    )
    state = models.ForeignKey(
        StateParty, on_delete=models.PROTECT, related_name="reporters", verbose_name=_("State")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    activated_at = models.DateTimeField(_("active since"), null=True, blank=True)
    suspended_at = models.DateTimeField(_("suspended"), null=True, blank=True)

    history = AuditedHistory()
    objects = ReporterQuerySet.as_manager()

    class Meta:
        verbose_name = _("national reporter")
        verbose_name_plural = _("national reporters")
        ordering = ["state__name", "user__last_name", "pk"]
        indexes = [models.Index(fields=["state", "status"], name="reporter_state_status")]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.email} ({self.state.iso3})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE and self.user.is_active


class InvitationQuerySet(AuditedQuerySet):
    def pending(self, now: datetime | None = None) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now or timezone.now()
        )


class Invitation(models.Model):
    """A one-time link e-mailed to a reporter: it sets a password once, before its expiry,
    unless a later invitation or a suspension revoked it.

    The link's secret is not stored: it is a keyed digest of the invitation and its nonce
    (``portal.services.invitation_token``), which the mail worker computes."""

    reporter = models.ForeignKey(
        Reporter, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("reporter")
    )
    sent_to = models.EmailField(_("sent to"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)

    # The nonce, with the secret key, makes the link: never copied into the history.
    history = AuditedHistory(excluded_fields=["nonce"])
    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.sent_to} · {self.created_at:%Y-%m-%d}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return str(_("accepted"))
        if self.revoked_at:
            return str(_("revoked"))
        if self.expires_at <= timezone.now():
            return str(_("expired"))
        return str(_("pending"))
