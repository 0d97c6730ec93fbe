from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    name = "correspondence"
    verbose_name = _("Correspondence and reminders")

    def ready(self) -> None:
        from reporting.signals import reports_changed
        from states_parties.signals import state_dates_changed

        from . import (
            receivers,
            waiting,  # noqa: F401 (registers what the home page shows)
        )

        # Connected after reporting's receiver (INSTALLED_APPS order), so that expected
        # reports are already in step when reminders are re-planned.
        state_dates_changed.connect(
            receivers.replan_for_states, dispatch_uid="correspondence.state_dates"
        )
        reports_changed.connect(receivers.replan_for_states, dispatch_uid="correspondence.reports")
