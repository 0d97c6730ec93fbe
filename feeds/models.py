import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.audit import AuditedHistory, AuditedQuerySet


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class FeedSubscriptionQuerySet(AuditedQuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class FeedSubscription(models.Model):
    """A calendar feed of one user at a secret address; a revoked address answers 404.

    The feed shows what its user may see when a calendar fetches it, not when it was made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name=_("user"),
    )
    committee = models.ForeignKey(
        "committees.Committee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("committee"),
        help_text=_("Only this committee's meetings, with the plenary meetings; empty for all."),
    )
    include_deadlines = models.BooleanField(
        _("deadlines"),
        default=True,
        help_text=_("Article 7 reports, and Article 4 and 5 deadlines coming up."),
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    # A feed address gives read access to its user's calendar: who made it and its revocation
    # are on the audit trail; the secret address itself is never copied into the history.
    history = AuditedHistory(excluded_fields=["token"])
    objects = FeedSubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.user} · {self.committee.code if self.committee_id else 'all'}"

    def get_absolute_url(self) -> str:
        return reverse("feeds:ics", args=[self.token])
