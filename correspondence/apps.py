from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    name = "correspondence"
    verbose_name = _("Correspondence and reminders")

    def ready(self) -> None:
        from reporting.signals import reports_changed
        from states_parties.signals import contacts_changed

        from . import (
            receivers,
            waiting,  # noqa: F401 (registers what the home page shows)
        )

        # Reports, and dates through reporting (which announces them once its expected reports
        # follow), whatever the order of INSTALLED_APPS; contacts directly.
        reports_changed.connect(receivers.replan_for_states, dispatch_uid="correspondence.reports")
        contacts_changed.connect(
            receivers.replan_for_states, dispatch_uid="correspondence.contacts"
        )
