from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicSiteConfig(AppConfig):
    name = "public_site"
    verbose_name = _("Public website")

    def ready(self) -> None:
        from common import cache

        from .pages import CACHE_NAME, SOURCES

        # Every statement that writes to a table a public page shows forgets the pages kept.
        cache.invalidate_on_writes(CACHE_NAME, SOURCES)
