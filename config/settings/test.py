"""The test suite: the real PostgreSQL and Redis on loopback."""

import hashlib
import os

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
# A commit need not wait for the disk in a throwaway database (synchronous_commit=off).
DATABASES["default"]["OPTIONS"] = {
    "options": "-c secretariat.allow_history_truncate=on -c synchronous_commit=off"
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test runner swaps every mailer for the in-memory one; a worker started by a test reads
# EMAIL_URL to reach the SMTP server the test runs.
MAILERS = {"default": mailer(env("EMAIL_URL", default="memorymail://"))}
# Under pytest-xdist each worker (gw0, gw1, ...) has a Redis database of its own, counting down
# from 15, as it has a test database of its own; the processes a test starts inherit it. Two
# suites run side by side (two checkouts) each point TEST_REDIS_SERVER at a Redis of their own.
_XDIST_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
_TEST_REDIS_SERVER = env("TEST_REDIS_SERVER", default="redis://127.0.0.1:6379")
CELERY_BROKER_URL, CELERY_BROKER_TRANSPORT_OPTIONS = celery_broker(
    env("REDIS_URL", default=f"{_TEST_REDIS_SERVER}/{15 - _XDIST_WORKER % 8}")
)
# No cache: every request does all its work, so that query counts do not depend on what an
# earlier request (or test, whose rows are rolled back) left behind. The cache itself is tested
# against the real Redis (tests/activities/test_dashboard_cache.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# Serve static files straight from the source folders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A worker started by a test may load tasks that exist for tests only.
CELERY_IMPORTS = env.list("CELERY_EXTRA_IMPORTS", default=[])
