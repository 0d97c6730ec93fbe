from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demonstration data loader (`load_demo`): above every other app, since it fills
    them all."""

    name = "demo"
    verbose_name = _("Demonstration data")
