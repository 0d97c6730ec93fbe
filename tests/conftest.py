import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client, TransactionTestCase
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from .factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by the
# test itself (fixtures, assertions) are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# --- Hypothesis: fewer examples on a developer's machine, the full count in CI ----------------
# HYPOTHESIS_PROFILE=ci (set by .ci/run) runs every property with the counts its test names;
# the default profile runs a quarter of them (tests.utils.examples), enough for the inner loop.
hypothesis_settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
hypothesis_settings.register_profile(
    "dev", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# --- markers -----------------------------------------------------------------------------------
#: Fixtures that start a real process (Celery worker, gunicorn): tests using them are marked
#: ``real_worker`` without saying so; a test that starts one by hand carries the mark itself
#: (``tests.celery_worker`` refuses to start a worker for an unmarked test).
REAL_WORKER_FIXTURES = {"celery_worker", "mail_worker", "pdf_worker", "web_server"}
BROWSER_DIR = Path(__file__).parent / "browser"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(item.path).parents or "page" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        if REAL_WORKER_FIXTURES.intersection(item.fixturenames):
            item.add_marker(pytest.mark.real_worker)


def pytest_runtest_setup(item):
    from . import celery_worker

    celery_worker.allowed_for_this_test = item.get_closest_marker("real_worker") is not None


# --- databases ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """Each test process (one per xdist worker) clones a migrated template instead of running
    the migrations (tests/database.py). ``--create-db`` rebuilds the template."""
    from .database import create_test_database, drop_test_database, keep_seeded_rows

    original = settings.DATABASES["default"]["NAME"]
    with django_db_blocker.unblock():
        name = create_test_database(rebuild_template=request.config.getvalue("create_db"))
        keep_seeded_rows(connections["default"])
    yield
    with django_db_blocker.unblock():
        drop_test_database(name, original)


_flush_between_tests = TransactionTestCase._fixture_teardown


def _empty_tables_between_tests(self):
    """Transactional tests (pytest-django's ``transactional_db``) end with ``flush``, which
    truncates every table and recreates content types, permissions and the audit triggers: 3 s
    a test. ``tests.database.empty_tables`` leaves the same empty database in 0.1 s."""
    from .database import empty_tables

    if self.available_apps is not None or self.serialized_rollback or self.reset_sequences:
        return _flush_between_tests(self)
    for alias in self._databases_names(include_mirrors=False):
        empty_tables(connections[alias])


TransactionTestCase._fixture_teardown = _empty_tables_between_tests


@pytest.fixture(autouse=True)
def _back_to_english():
    """A request in another language leaves it active in the thread (each real request sets
    its own); commands and messages built later in the same test process must not inherit it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def staff_user(db):
    return UserFactory(username="staff", role="isu_staff")


@pytest.fixture
def committee_user(db):
    return UserFactory(username="committee", role="committee")


@pytest.fixture
def observer_user(db):
    return UserFactory(username="observer", role="observer")


def _client_for(user) -> Client:
    from .utils import log_in_client

    return log_in_client(Client(), user)


@pytest.fixture
def staff_client(staff_user):
    return _client_for(staff_user)


@pytest.fixture
def committee_client(committee_user):
    return _client_for(committee_user)


@pytest.fixture
def observer_client(observer_user):
    return _client_for(observer_user)


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    """A real worker on the real Redis, reading and writing the test database."""
    from .celery_worker import running_worker

    with running_worker(tmp_path) as worker:
        yield worker


# --- the demo data -----------------------------------------------------------------------------


@pytest.fixture
def demo_data(db) -> None:
    """The test database holds exactly what ``load_demo`` leaves on the test's date: loaded once
    per date into a database of its own, then copied in (tests/database.py)."""
    from .database import copy_demo_data, ensure_demo_database

    copy_demo_data(ensure_demo_database())
