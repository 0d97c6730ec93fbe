from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from . import audit, cache, health

        cache.invalidate_on_writes("demo", ("common_demodataset",))

        post_migrate.connect(audit.install_after_migrate, dispatch_uid="common.append_only")
        audit.connect_celery()
        health.connect_celery()
