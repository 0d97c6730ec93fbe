"""Settings shared by every environment.

Every value that differs between machines is read through the one ``env`` object below;
``local``, ``test`` and ``production`` only choose defaults (production has none for secrets).
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

# --- Core -----------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=[])
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "django_countries",
    "django_filters",
    "django_htmx",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "common",
    "states_parties",
    "committees",
    "reporting",
    "activities",
    "documents",
    "correspondence",
    "article7",
    "portal",
    "extensions",
    "api",
    "feeds",
    "search",
    "public_site",
    "demo",
]

MIDDLEWARE = [
    # First: every later step (lockout, audit trail, logs) reads the client's address it sets.
    "common.addresses.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A visitor's public page kept rendered is answered here, before the session and everything
    # after it (public_site.middleware).
    "public_site.middleware.KeptPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Inside the session middleware: marks the session for saving at most once a minute.
    "accounts.middleware.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A NUL character in the query string is a 400 before any view reads it.
    "common.params.QueryStringMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.PrivateResponsesMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    # After the second factor: a State's national reporter reaches the portal's pages only.
    "portal.middleware.ReporterConfinementMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "common.audit.AuditMiddleware",
    # Last, as its documentation asks: it turns a lockout raised by the login view into a page.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # ``|local_datetime`` everywhere: every date-time shown names the ISU's time zone.
            "builtins": ["common.templatetags.clock"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "common.context_processors.demo_banner",
                "accounts.context_processors.navigation",
            ],
        },
    },
]
# Project templates may override Django's form templates (field groups with errors beside them).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"


# --- Data -----------------------------------------------------------------------------------
def database(default: str | environ.NoValue = environ.Env.NOTSET) -> dict:
    """The database from ``DATABASE_URL``; each environment decides whether it has a default."""
    config = env.db("DATABASE_URL", default=default)
    config["ATOMIC_REQUESTS"] = True
    config["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
    # A kept connection is checked before its first query of each request or task, so that a
    # PostgreSQL restart costs one reconnection rather than errors.
    config["CONN_HEALTH_CHECKS"] = True
    return config


# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout after repeated failures, keyed on the username and the address together, so that
# a guesser can neither lock a colleague out from elsewhere nor try every account from one place
# without each one counting.
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Behind the reverse proxy the client's address is the one the proxy appends to
# X-Forwarded-For (common.addresses); 0 when clients connect directly.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
# django-axes reads the address the same way as the audit trail and the logs.
AXES_CLIENT_IP_CALLABLE = "common.addresses.request_address"

# Sessions end after this long without a request, and in any case this long after login.
SESSION_IDLE_SECONDS = 60 * env.int("DJANGO_SESSION_IDLE_MINUTES", default=30)
# Writing the session on every request cost about a tenth of each page: its expiry is
# refreshed at most this often instead (accounts.middleware.SessionRefreshMiddleware), and the
# stored lifetime has that much more, so an idle session ends between SESSION_IDLE_SECONDS and
# one refresh interval later after the last request, never earlier.
SESSION_REFRESH_SECONDS = 60
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS + SESSION_REFRESH_SECONDS
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_AGE = 3600 * env.int("DJANGO_SESSION_MAX_HOURS", default=10)

# A reset link works once (Django's token changes with the password) and for two hours.
PASSWORD_RESET_TIMEOUT = 2 * 3600

# A second factor (TOTP) for ISU staff and committee chairs: see accounts.middleware.
OTP_TOTP_ISSUER = "APMBC Secretariat"
OTP_LOGIN_URL = "two_factor_verify"
#: Local settings only: show demo accounts' current code on the verification page.
SHOW_DEMO_TOTP_CODES = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages and time ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Dates as the UN writes them in each language ("1 March 1999", "1 mars 1999", "1 de marzo de
# 1999"); figures use ``intcomma`` where they are shown, never a global thousands separator
# (it would print years and identifiers as "2,025").
FORMAT_MODULE_PATH = ["config.formats"]
# The ISU's clock: every date-time is shown in this zone and names it ("14:05 CEST"), and
# reminders' send times are read in it.
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="Europe/Zurich")
USE_TZ = True

# --- Static and uploaded files ---------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded files are never served from a URL of their own: ``common.files.attachment``
# streams them, as attachments, after the view has checked who may read them.
MEDIA_URL = "/uploads-are-not-served/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
UPLOAD_MAX_BYTES = 1024 * 1024 * env.int("DJANGO_UPLOAD_MAX_MB", default=20)
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    # Larger files: on disk, but never more than UPLOAD_MAX_BYTES of them.
    "common.uploads.CappedTemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o640


def file_storage() -> dict:
    """Where uploads and rendered PDFs are kept. By default in PostgreSQL
    (``common.storage.DatabaseStorage``): in the transaction of their record, in its backup,
    readable by every web process and worker of every machine. With
    ``AWS_STORAGE_BUCKET_NAME`` set, in that bucket of S3-compatible object storage (django-
    storages), private, never overwritten, read through signed requests of the application."""
    bucket = env("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        return {"BACKEND": "common.storage.DatabaseStorage"}
    options = {
        "bucket_name": bucket,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env("AWS_S3_REGION_NAME", default="") or None,
        "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
        "location": env("AWS_LOCATION", default=""),
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": True,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": file_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Security headers every environment sends -----------------------------------------------
# No inline script or style anywhere: templates load static files only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True


# --- E-mail ---------------------------------------------------------------------------------
def mailer(url: str) -> dict:
    """A ``MAILERS`` entry from a URL such as ``smtp+tls://user:password@host:587``."""
    config = environ.Env.email_url_config(url)
    backend = config["EMAIL_BACKEND"]
    if not backend.endswith("smtp.EmailBackend"):
        return {"BACKEND": backend}
    return {
        "BACKEND": backend,
        "OPTIONS": {
            "host": config["EMAIL_HOST"],
            "port": config["EMAIL_PORT"],
            "username": config["EMAIL_HOST_USER"] or None,
            "password": config["EMAIL_HOST_PASSWORD"] or None,
            "use_tls": bool(config.get("EMAIL_USE_TLS")),
            "use_ssl": bool(config.get("EMAIL_USE_SSL")),
            "timeout": 10,
        },
    }


DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="ISU APMBC <isu@secretariat.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


# --- Celery ---------------------------------------------------------------------------------
def celery_broker(redis_url: str) -> tuple[str, dict]:
    """Broker URL and transport options: Redis when a URL is given, else an embedded filesystem
    broker that needs no server (``make run`` on a bare machine)."""
    if redis_url:
        # Short timeouts: a request that enqueues work must not hang when Redis is down or stalled
        # (a publish then fails within one timeout; see correspondence.queue).
        return redis_url, {
            "socket_timeout": 0.5,
            "socket_connect_timeout": 0.5,
            "max_retries": 1,
            "retry_policy": {"timeout": 1.0},
        }
    queue = BASE_DIR / ".run" / "broker"
    return "filesystem://", {
        "data_folder_in": str(queue / "queue"),
        "data_folder_out": str(queue / "queue"),
        "processed_folder": str(queue / "processed"),
        # Exchange tables, otherwise written to ./control wherever the process starts.
        "control_folder": str(queue / "control"),
        "store_processed": False,
    }


CELERY_BROKER_URL, CELERY_BROKER_TRANSPORT_OPTIONS = celery_broker(env("REDIS_URL", default=""))


def caches(redis_url: str) -> dict:
    """Redis when there is one (every process then shares the dashboard's panels and their
    invalidation); otherwise each process keeps its own in memory (``make run``)."""
    if redis_url:
        return {
            "default": {
                "BACKEND": "common.redis_cache.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="secretariat"),
                "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
            }
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


CACHES = caches(env("REDIS_URL", default=""))
# Separate queues let several installations (or test runs) share one Redis. E-mail and PDFs
# have queues of their own, named after this one ("secretariat.mail", "secretariat.documents":
# config.celery.route_task), each with its own worker, so that a flood of renderings never
# delays a reminder; everything else (heartbeat, imports, nightly work) uses this one.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="secretariat")
CELERY_TASK_ROUTES = ("config.celery.route_task",)
CELERY_BROKER_CONNECTION_TIMEOUT = 0.5
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django integration closes every database connection around every task unless this
# is set: a new PostgreSQL connection per e-mail. With it, a worker process keeps its
# connection for this many tasks, and ``config.celery`` closes it before and after a task
# only as Django does around a request (older than ``CONN_MAX_AGE``, or broken).
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=1000)
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {
        "task": "common.heartbeat",
        "schedule": timedelta(seconds=env.int("HEARTBEAT_SECONDS", default=60)),
    },
    "sync-expected-reports": {
        "task": "reporting.sync_expected_reports",
        "schedule": crontab(hour=1, minute=15),
    },
    # Sends what is due, recovers sends a dead worker left behind, marks missed ones.
    "correspondence-scan": {
        "task": "correspondence.scan",
        "schedule": timedelta(seconds=env.int("REMINDER_SCAN_SECONDS", default=120)),
    },
    # Re-plans every rule: audiences and dates change as days pass.
    "correspondence-plan": {
        "task": "correspondence.plan_all",
        "schedule": crontab(minute=20),
    },
}


# --- Logging --------------------------------------------------------------------------------
def logging_config(log_format: str) -> dict:
    """Console logging, as plain lines or as one JSON object per line (``json``)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
                "static_fields": {"service": "secretariat"},
            },
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": log_format}},
        "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
        # Requests Django refuses (a wrong Host header, a bad CSRF token) are worth a warning.
        "loggers": {
            "django.security": {"level": "WARNING"},
            # WeasyPrint reports every step of every PDF at INFO; its warnings still show.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }


LOGGING = logging_config(env("DJANGO_LOG_FORMAT", default="plain"))

# --- Application ----------------------------------------------------------------------------
PAGE_SIZE = 50
#: The health check fails when the worker or beat has not been seen for longer than this.
HEALTH_HEARTBEAT_MAX_AGE = timedelta(seconds=env.int("HEALTH_HEARTBEAT_MAX_AGE", default=300))

#: CSV imports: at most this many records a file (and ``common.imports.MAX_IMPORT_BYTES``);
#: a file with more than ``IMPORT_BACKGROUND_ROWS`` is previewed from its first rows and checked
#: in full and written by a background job (common.tasks.apply_import) with a progress page.
IMPORT_MAX_ROWS = 100_000
IMPORT_BACKGROUND_ROWS = 2_000

#: New PDF renderings one user may ask for within an hour (joining one in flight is free).
PDF_RENDERS_PER_HOUR = env.int("PDF_RENDERS_PER_HOUR", default=60)

# --- Outgoing mail (correspondence) ---------------------------------------------------------
#: Celery rate limit of the e-mail task per worker, e.g. "10/s" or "600/m"; empty: none.
MAIL_RATE_LIMIT = env("MAIL_RATE_LIMIT", default="10/s") or None
#: Messages a worker claims at once (one UPDATE … RETURNING) and then sends one by one, each
#: with its own hand-over checkpoint; under ``MAIL_RATE_LIMIT``, at most a second's worth.
MAIL_BATCH_SIZE = env.int("MAIL_BATCH_SIZE", default=50)
#: A planned reminder that could not go out for this long is "missed", not sent late.
REMINDER_CATCH_UP_HOURS = env.int("REMINDER_CATCH_UP_HOURS", default=24)
#: A send claimed this long ago by a worker that never finished is recovered by the scan
#: (longer than the task's hard time limit, so a live worker is never overtaken).
OUTBOX_STALE_SECONDS = env.int("OUTBOX_STALE_SECONDS", default=600)
#: Transient SMTP failures (4xx, lost connections) are retried with exponential backoff from
#: this many seconds (doubled each time, at most an hour, with jitter), this many times.
MAIL_RETRY_BACKOFF_SECONDS = env.int("MAIL_RETRY_BACKOFF_SECONDS", default=60)
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=8)
#: A letter to more than this many States (and any letter on behalf of a committee) is
#: approved by a second person, never by its author.
LETTER_SECOND_APPROVAL_ABOVE = env.int("LETTER_SECOND_APPROVAL_ABOVE", default=5)
#: (practice) An Article 5 extension request is expected this many months before the Meeting
#: (or Review Conference) that decides it opens.
EXTENSION_REQUEST_MONTHS_BEFORE = env.int("EXTENSION_REQUEST_MONTHS_BEFORE", default=9)
#: Who signs the ISU's letters when staff choose no signatory ("Director, Implementation
#: Support Unit" under the name).
ISU_DIRECTOR_NAME = env("ISU_DIRECTOR_NAME", default="")

# --- API (api/) -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadersReadStaffWrite"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # JSON only: the browsable API's templates carry inline script, which the CSP forbids;
    # /api/docs/ is the place to browse.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
}
# Tokens are django-rest-knox's (hashed, several per user), with a name and last use added.
KNOX_TOKEN_MODEL = "api.ApiToken"  # noqa: S105 (a model name)
# knox's own migrations create its default table even when the model is swapped; ours is
# api.ApiToken, so knox needs none.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {"TOKEN_TTL": None, "TOKEN_PREFIX": "isu_", "AUTH_HEADER_PREFIX": "Token"}
SPECTACULAR_SETTINGS = {
    "TITLE": "Secretariat API",
    "DESCRIPTION": (
        "Records of the Implementation Support Unit of the Anti-Personnel Mine Ban Convention. "
        "Authenticate with `Authorization: Token <secret>`; everyone reads what their role may "
        "see, ISU staff also write."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets that several components name alike ("kind", "status", "language"), named
    # once here so that the schema's enum names are stable (drf_spectacular.W001 otherwise).
    "ENUM_NAME_OVERRIDES": {
        "ReportKindEnum": "reporting.models.ReportKind",
        "StatePartyStatusEnum": "api.states.STATUS_CHOICES",
        "LanguageEnum": "states_parties.models.Contact.Language",
        "ContactKindEnum": "states_parties.models.Contact.Kind",
        "Article7ReportStatusEnum": "article7.models.ReportStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
}

# The public website (public_site): how long browsers and proxies may keep a page before
# revalidating it (its ETag answers 304 while nothing it shows changed).
PUBLIC_SITE_MAX_AGE = env.int("PUBLIC_SITE_MAX_AGE", default=300)
#: Pages of the public website are kept rendered in the cache (off: built on every request, to
#: measure or to debug).
PUBLIC_SITE_CACHE = env.bool("PUBLIC_SITE_CACHE", default=True)
