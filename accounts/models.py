from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. What they may see and change follows from ``role``.

    Committee chairs and members are scoped to their committees by the committees app; the role
    here only says which kind of user they are.
    """

    class Role(models.TextChoices):
        ISU_STAFF = "isu_staff", _("ISU staff")
        COMMITTEE = "committee", _("Committee chair or member")
        OBSERVER = "observer", _("Observer")

    # Least privilege by default: a new account reads public records only.
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OBSERVER)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_isu_staff(self) -> bool:
        return self.is_active and (self.is_superuser or self.role == self.Role.ISU_STAFF)

    @property
    def is_observer(self) -> bool:
        return not self.is_isu_staff and self.role == self.Role.OBSERVER
