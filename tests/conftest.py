import os

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from .factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by the
# test itself (fixtures, assertions) are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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
