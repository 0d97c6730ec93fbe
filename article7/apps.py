from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Article7Config(AppConfig):
    name = "article7"
    verbose_name = _("Article 7 reports (online)")

    def ready(self) -> None:
        from reporting.panel_registry import register

        from .dashboards import article7_panels

        register("article7", article7_panels)
