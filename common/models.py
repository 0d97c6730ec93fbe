from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoDataset(models.Model):
    """Present while demonstration data is loaded; every page then shows a banner."""

    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    description = models.CharField(_("description"), max_length=200)

    class Meta:
        verbose_name = _("demo dataset")
        verbose_name_plural = _("demo datasets")

    def __str__(self) -> str:
        return self.description


class Heartbeat(models.Model):
    """The last time a background process proved it was alive (worker via beat's schedule)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    last_seen = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_seen:%Y-%m-%d %H:%M:%S}"
