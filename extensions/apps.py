from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExtensionsConfig(AppConfig):
    name = "extensions"
    verbose_name = _("Article 5 extension requests")

    def ready(self) -> None:
        from common import cache
        from reporting import panel_registry

        from . import reminders
        from .dashboards import extension_panels
        from .signals import requirements_changed

        # The Committee on Article 5 Implementation's dashboard shows these records.
        cache.invalidate_on_writes("dashboard", ("extensions_",))
        panel_registry.register("extensions", extension_panels)
        # Reminders of requests expected and of what decisions ask, through correspondence.
        reminders.register()
        requirements_changed.connect(
            reminders.follow_requirements, dispatch_uid="extensions.requirements"
        )
