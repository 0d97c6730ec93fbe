from django.conf import settings
from django.core import checks


def demo_codes_only_in_debug(app_configs, **kwargs):
    """Showing demo accounts' codes is for ``make run`` on a developer's machine, never more."""
    if getattr(settings, "SHOW_DEMO_TOTP_CODES", False) and not settings.DEBUG:
        return [
            checks.Error(
                "SHOW_DEMO_TOTP_CODES is on without DEBUG.",
                hint="Only config/settings/local.py may show demo second-factor codes.",
                id="accounts.E001",
            )
        ]
    return []


def register() -> None:
    checks.register(demo_codes_only_in_debug, checks.Tags.security)
