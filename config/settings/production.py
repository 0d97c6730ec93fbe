"""Production: every secret and address comes from the environment, with no default."""

from .base import *  # noqa: F403
from .base import caches, celery_broker, database, env, file_storage, logging_config, mailer

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
DATABASES = {"default": database()}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
CELERY_BROKER_URL, CELERY_BROKER_TRANSPORT_OPTIONS = celery_broker(env("REDIS_URL"))
CACHES = caches(env("REDIS_URL"))
MAILERS = {"default": mailer(env("EMAIL_URL"))}

STORAGES = {
    "default": file_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Monitoring may call the health check on the host itself, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/((live|ready)/)?$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies are sent only over HTTPS, to this host, for the whole site: no subdomain or
# plain-HTTP page can set or overwrite them.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
# The language cookie too: HTTPS only, out of reach of scripts, not sent by other sites' forms.
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# The application runs behind one reverse proxy (docs/deployment.md), which appends the
# client's address to X-Forwarded-For; lockouts, the audit trail and the logs use that address.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=1)

# One JSON object per line, for the log collector.
LOGGING = logging_config(env("DJANGO_LOG_FORMAT", default="json"))

SHOW_DEMO_TOTP_CODES = False
