from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken, AuthTokenManager

from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line


class ApiTokenManager(AuthTokenManager.from_queryset(AuditedQuerySet)):
    pass


class ApiToken(AbstractAuthToken):
    """A named API token of one user, with the user's permissions.

    Only a hash of the secret is stored (django-rest-knox); the secret is shown once, when the
    token is created. Revoking a token deletes it."""

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Website export”."),
        validators=[validate_single_line],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    # Who was given access, by whom, until when, and its revocation: on the audit trail. The
    # history keeps the digest (the key of the row; a hash of a random secret, of no use to sign
    # in) but not the time of last use, which ``services.record_use`` writes outside the trail.
    history = AuditedHistory(excluded_fields=["last_used_at"])
    objects = ApiTokenManager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.user}, {self.token_key[:8]}…)"
