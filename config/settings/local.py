"""``make run``: an embedded SQLite database and filesystem broker unless the env says otherwise."""

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

# Serve static files straight from the source folders (no collectstatic on a developer machine).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
