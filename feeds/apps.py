from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    name = "feeds"
    verbose_name = _("Calendar feeds")

    def ready(self) -> None:
        from . import sources  # noqa: F401  (registers the meetings and deadlines)
