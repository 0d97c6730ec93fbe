from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Reporting portal")

    def ready(self) -> None:
        from article7.access import register_visibility_filter, register_writer_check

        from .access import reporter_reads, reporter_writes

        # A reporter writes their own State's reports, and reads them and every published one.
        register_writer_check(reporter_writes)
        register_visibility_filter(reporter_reads)
