"""The production settings, for tests that run gunicorn with them (``tests/security``).

One change only: static files come from the source folders, because ``collectstatic`` with
compression takes minutes. Everything a request meets (middleware, proxy count, lockout,
cookies, HTTPS) is production's.
"""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
