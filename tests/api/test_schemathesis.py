"""schemathesis generates requests from the OpenAPI schema and checks every answer against it:
no server error, only documented status codes, bodies and headers as the schema says.

It calls the WSGI application in-process as ISU staff (who may call every operation), inside
the test's transaction, with records of every kind (``records``, built once per module);
examples are derived from a fixed seed, so every run is the same. Hypothesis derives that seed
from the test function's source: renaming its arguments changes the examples."""

import json
from datetime import UTC, datetime

import pytest
import schemathesis
import time_machine
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.api.conftest import make_ccc_member, make_member, make_record, make_records
from tests.committee_fixtures import (
    create_meetings,
    create_standing_committees,
    create_states,
    seat_maker,
)
from tests.factories import UserFactory
from tests.utils import FULL_PROPERTIES, examples


@pytest.fixture(scope="module")
def records(django_db_setup, django_db_blocker):
    """tests/api/conftest.py's ``records``, built once for the module's ninety operations
    (seconds each time) inside a transaction rolled back after its last test; each test runs in
    a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(datetime(2026, 6, 15, 9, 0, tzinfo=UTC), tick=True):  # mid_2026
            committees, states = create_standing_committees(), create_states()
            meetings = create_meetings(states)
            seat = seat_maker(committees, meetings, states)
            record = make_record(states, meetings, committees, seat)
            built = make_records(record, make_member(record), make_ccc_member(record))
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def staff_token(db):
    from api import services

    user = UserFactory(username="schemathesis", role="isu_staff")
    _token, secret = services.create_token(user, name="schemathesis", expiry=None, created_by=None)
    return secret


@pytest.fixture
def keep_test_connection():
    """Requests made outside Django's test client would close the test's connection (and its
    transaction) at their end; the test client avoids this the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def load_schema():
    """The schema the API serves at /api/schema/, generated without a request (collection
    happens before any database exists), bound to the WSGI application."""
    raw = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
    # The coverage phase requests every boundary case the schema defines, dozens per operation:
    # CI runs it; a developer's run generates the examples only.
    config = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": FULL_PROPERTIES}}})
    loaded = schemathesis.openapi.from_dict(raw, config=config)
    loaded.app = WSGIHandler()
    return loaded


schema = load_schema()


def test_the_generated_schema_is_the_one_served(records, staff_token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {staff_token}")
    served = client.get("/api/schema/?format=json")
    assert served.status_code == 200
    assert json.loads(served.content) == schema.raw_schema


@schema.parametrize()
@settings(
    max_examples=examples(5),
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_schema_says(case, records, staff_token, keep_test_connection):
    # Schema-valid data may still break a rule of the record (a State that does not exist, a
    # deposit before 1997): refusing it with a 400 that says why is right, so the check that
    # every schema-valid request succeeds does not apply; every other check does.
    case.call_and_validate(
        headers={"Authorization": f"Token {staff_token}"},
        excluded_checks=[positive_data_acceptance],
    )
