from datetime import UTC, date, datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from api import services as api_services
from committees.models import Meeting
from reporting import services as reporting_services
from reporting.models import Article9Record, Submission
from states_parties.models import Contact
from tests.committee_fixtures import meetings, seat, standing_committees, states  # noqa: F401
from tests.factories import ContactFactory, UserFactory


@pytest.fixture(autouse=True)
def mid_2026():
    """Germany and Peru sit on CA5 from the close of 22MSP (5 Dec 2025)."""
    with time_machine.travel(datetime(2026, 6, 15, 9, 0, tzinfo=UTC), tick=True):
        yield


def token_client(user) -> APIClient:
    _token, secret = api_services.create_token(user, name="test", expiry=None, created_by=None)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


@pytest.fixture
def record(states, meetings, standing_committees, seat):  # noqa: F811
    """Fourteen States; Germany and Peru sit on CA5 (2026), Japan presides 22MSP; a CA5 meeting
    and a CCC meeting; Cambodia's restricted 2024 report; one contact; one Article 9 record."""
    seat("CA5", "DEU", "22MSP", "24MSP")
    seat("CA5", "PER", "22MSP", "24MSP")
    ca5 = Meeting.objects.create(
        kind="committee",
        committee=standing_committees["CA5"],
        title="CA5 retreat",
        start_date=date(2026, 2, 10),
        end_date=date(2026, 2, 11),
        venue="Geneva",
    )
    ccc = Meeting.objects.create(
        kind="committee",
        committee=standing_committees["CCC"],
        title="CCC consultations on an alleged use",
        start_date=date(2026, 3, 3),
        end_date=date(2026, 3, 3),
        venue="Geneva",
    )
    reporting_services.sync_expected_reports(states.values(), through_year=2024)
    khm = states["KHM"]
    reporting_services.save_submission(
        Submission(
            state=khm,
            year=2024,
            received_on=date(2025, 4, 2),
            link="https://example.org/khm-2024.pdf",
            visibility="states_parties",
            notes="Sent through the mission.",
        )
    )
    reporting_services.save_article9_record(
        Article9Record(state=khm, as_of=date(2024, 5, 1), status="in_preparation")
    )
    ContactFactory(
        state=khm,
        kind=Contact.Kind.PERMANENT_MISSION,
        name="Mission of Cambodia",
        email="mission@khm.example",
    )
    return {"states": states, "ca5_meeting": ca5, "ccc_meeting": ccc}


@pytest.fixture
def member(record):
    """A representative of Germany on CA5."""
    from committees.models import Representative, SeatTerm

    user = UserFactory(username="deu-delegate", role="committee")
    term = SeatTerm.objects.get(committee__code="CA5", state__iso3="DEU")
    Representative.objects.create(term=term, name="Delegate of Germany", user=user)
    return user


@pytest.fixture
def api_staff(db):
    return token_client(UserFactory(username="api-staff", role="isu_staff"))


@pytest.fixture
def api_observer(db):
    return token_client(UserFactory(username="api-observer", role="observer"))


@pytest.fixture
def api_member(member):
    return token_client(member)
