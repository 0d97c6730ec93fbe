from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExtensionsConfig(AppConfig):
    name = "extensions"
    verbose_name = _("Article 5 extension requests")

    def ready(self) -> None:
        from common import cache

        # The Committee on Article 5 Implementation's dashboard shows these records.
        cache.invalidate_on_writes("dashboard", ("extensions_",))
