from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities, priorities and action plans")

    def ready(self) -> None:
        from reporting.panel_registry import register

        from .dashboards import activity_panels

        register("activities", activity_panels)
