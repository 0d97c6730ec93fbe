"""The test suite: the real PostgreSQL and Redis on loopback."""

import hashlib

from .base import *  # noqa: F403
from .base import BASE_DIR, celery_broker, database, env, mailer

SECRET_KEY = env("DJANGO_SECRET_KEY", default="test-only-not-a-secret")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DATABASES = {"default": database(default="postgres://postgres@127.0.0.1:5432/secretariat")}
# Two suites on one machine (a developer's and CI's, or two checkouts) must not share a test
# database: by default each checkout gets its own, named after its path.
_CHECKOUT = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]
DATABASES["default"]["TEST"] = {
    "NAME": env("TEST_DATABASE_NAME", default=f"test_secretariat_{_CHECKOUT}")
}
# The audit trail refuses TRUNCATE (common.audit); the test runner empties every table between
# transactional tests, so its sessions may. UPDATE and DELETE stay refused, in tests too.
DATABASES["default"]["OPTIONS"] = {"options": "-c secretariat.allow_history_truncate=on"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test runner swaps every mailer for the in-memory one; a worker started by a test reads
# EMAIL_URL to reach the SMTP server the test runs.
MAILERS = {"default": mailer(env("EMAIL_URL", default="memorymail://"))}
CELERY_BROKER_URL, CELERY_BROKER_TRANSPORT_OPTIONS = celery_broker(
    env("REDIS_URL", default="redis://127.0.0.1:6379/15")
)
# Serve static files straight from the source folders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A worker started by a test may load tasks that exist for tests only.
CELERY_IMPORTS = env.list("CELERY_EXTRA_IMPORTS", default=[])
