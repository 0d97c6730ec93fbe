"""The records of tests/api/conftest.py built once per module instead of once per test (they
take seconds), inside a transaction rolled back after the module's last test; each test runs in
a savepoint within it (pytest-django's ``db``), so what one test writes is gone before the next.

A module opts in by importing these fixtures, which then stand for conftest's; with
``RECORDS_ONCE = True`` in the module, ``records`` (and its members) are built once too."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import transaction

from tests.committee_fixtures import (
    create_meetings,
    create_standing_committees,
    create_states,
    seat_maker,
)

from .conftest import make_ccc_member, make_member, make_record, make_records

MID_2026 = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)  # conftest's ``mid_2026``


@pytest.fixture(scope="module")
def built(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(MID_2026, tick=True):
            committees, states = create_standing_committees(), create_states()
            meetings = create_meetings(states)
            seat = seat_maker(committees, meetings, states)
            made = {
                "committees": committees,
                "states": states,
                "meetings": meetings,
                "record": make_record(states, meetings, committees, seat),
            }
            if getattr(request.module, "RECORDS_ONCE", False):
                made["member"] = make_member(made["record"])
                made["ccc_member"] = make_ccc_member(made["record"])
                made["records"] = make_records(made["record"], made["member"], made["ccc_member"])
        yield made
        transaction.set_rollback(True)


@pytest.fixture
def standing_committees(built, db):
    return built["committees"]


@pytest.fixture
def states(built, db):
    return built["states"]


@pytest.fixture
def meetings(built, db):
    return built["meetings"]


@pytest.fixture
def seat(built, db):
    return seat_maker(built["committees"], built["meetings"], built["states"])


@pytest.fixture
def record(built, db):
    return built["record"]


@pytest.fixture
def member(built, db):
    return built["member"] if "member" in built else make_member(built["record"])


@pytest.fixture
def ccc_member(built, db):
    return built["ccc_member"] if "ccc_member" in built else make_ccc_member(built["record"])


@pytest.fixture
def records(built, member, ccc_member):
    if "records" in built:
        return built["records"]
    return make_records(built["record"], member, ccc_member)
