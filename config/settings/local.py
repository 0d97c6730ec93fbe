"""``make run``: an embedded SQLite database and filesystem broker unless the env says otherwise."""

from datetime import timedelta

from .base import *  # noqa: F403
from .base import BASE_DIR, database, env, mailer

# Defaults for a developer machine only; production.py has none of these.
DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-development-only-not-a-secret")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
DATABASES = {"default": database(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Web, worker and beat share the file: wait for locks, write-ahead log, take the write lock
    # at the start of a transaction so that concurrent writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# ``make run`` starts a local SMTP sink on port 1025 that prints every message it receives.
MAILERS = {"default": mailer(env("EMAIL_URL", default="smtp://127.0.0.1:1025"))}

# Reminders that fall due are sent within half a minute (the demo's come a minute after loading).
CELERY_BEAT_SCHEDULE["correspondence-scan"]["schedule"] = timedelta(  # noqa: F405
    seconds=env.int("REMINDER_SCAN_SECONDS", default=30)
)

# Serve static files straight from the source folders (no collectstatic on a developer machine).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# ``make run``'s demo accounts confirm a second factor like real ones; on a demo database (and
# only with DEBUG, a system check makes sure) the code page shows their current code.
SHOW_DEMO_TOTP_CODES = DEBUG
