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
