from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("Committees and meetings")

    def ready(self) -> None:
        from . import waiting  # noqa: F401 (registers what the home page shows)
