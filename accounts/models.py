from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line


class SecretariatUserManager(UserManager.from_queryset(AuditedQuerySet)):
    pass


class User(AbstractUser):
    """A person who logs in. What they may see and change follows from ``role``.

    Committee chairs and members are scoped to their committees by the committees app; the role
    here only says which kind of user they are.
    """

    class Role(models.TextChoices):
        ISU_STAFF = "isu_staff", _("ISU staff")
        COMMITTEE = "committee", _("Committee chair or member")
        OBSERVER = "observer", _("Observer")
        #: A State's national contact point who writes its Article 7 reports (``portal``):
        #: confined to the portal's pages.
        REPORTER = "reporter", _("National reporter")

    # As Django's, and refusing invisible characters and line breaks (common.text).
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    # Least privilege by default: a new account reads public records only.
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OBSERVER)
    # Blank: the browser's language. Applied on every request by ``UserLanguageMiddleware``.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )

    # Who may do what changes with role, activity and superuser status: on the audit trail.
    # The password hash and the time of the last login are not worth keeping.
    history = AuditedHistory(excluded_fields=["password", "last_login"])
    objects = SecretariatUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_isu_staff(self) -> bool:
        return self.is_active and (self.is_superuser or self.role == self.Role.ISU_STAFF)

    @property
    def is_reporter(self) -> bool:
        return self.is_active and not self.is_superuser and self.role == self.Role.REPORTER

    @property
    def is_observer(self) -> bool:
        return not self.is_isu_staff and self.role == self.Role.OBSERVER


class PasswordResetRequest(models.Model):
    """That someone asked for a reset link for an address, from a client address: counted to
    throttle the requests (``accounts.services.request_password_reset``), kept a day.

    The e-mail address is kept only as a keyed digest: the table says nothing of who asked."""

    address_digest = models.CharField(max_length=64, db_index=True)
    client_address = models.GenericIPAddressField(null=True, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M} from {self.client_address or '?'}"
