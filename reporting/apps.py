from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting and compliance")

    def ready(self) -> None:
        from common import cache
        from states_parties.signals import state_dates_changed

        from . import waiting  # noqa: F401 (registers what the home page shows)
        from .dashboards import SOURCES
        from .receivers import follow_state_dates

        cache.invalidate_on_writes("dashboard", SOURCES)

        state_dates_changed.connect(follow_state_dates, dispatch_uid="reporting.expected_reports")
