import os

import pytest
from django.test import Client

from .factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by the
# test itself (fixtures, assertions) are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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
    client = Client()
    client.force_login(user)
    return client


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
    from .celery_worker import WorkerProcess, route_tasks_to

    worker = WorkerProcess(tmp_path)
    previous_queue = route_tasks_to(worker.queue)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()
        route_tasks_to(previous_queue)
