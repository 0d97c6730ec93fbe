from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("Committees and meetings")

    def ready(self) -> None:
        from common.access import CommitteeDirectory, register_committee_directory

        from .access import committee_roles_for, compliance_committees_among

        # Roles come from the seats and offices held; the layers below ask through common.access.
        register_committee_directory(
            CommitteeDirectory(
                roles_for=committee_roles_for, compliance_among=compliance_committees_among
            )
        )

        from . import waiting  # noqa: F401 (registers what the home page shows)
