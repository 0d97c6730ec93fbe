"""List endpoints run the same number of queries for a few records and for many."""

from datetime import date

import pytest

from committees.models import Meeting
from reporting import services as reporting_services
from reporting.models import Article9Record, Submission
from states_parties.models import Contact, StateParty
from tests.factories import UserFactory, synthetic_iso3
from tests.utils import queries_for

from .conftest import token_client

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/states/",
    "/api/states/?status=state_party&open_obligation=article3&sort=-entry_into_force",
    "/api/contacts/",
    "/api/committees/",
    "/api/meetings/",
    "/api/seat-terms/",
    "/api/expected-reports/?status=overdue",
    "/api/submissions/",
    "/api/article9-records/",
    "/api/audiences/",
]


def grow(count: int, standing_committees, meetings) -> None:
    """``count`` more States, each with a contact, an Article 9 record, a report received and
    a committee meeting with two States met."""
    taken = set(StateParty.objects.values_list("iso3", flat=True))
    codes = [code for code in synthetic_iso3() if code not in taken][:count]
    states = []
    for code in codes:
        state = StateParty(
            iso3=code,
            name=f"State {code}",
            signature_date=date(1997, 12, 3),
            instrument="ratification",
            deposit_date=date(2000, 1, 5),
            has_mined_areas=True,
        )
        state.refresh_derived_dates()
        states.append(state)
    states = StateParty.objects.bulk_create(states)
    Contact.objects.bulk_create(
        Contact(state=s, kind="national", name=f"C {s.iso3}", email=f"c@{s.iso3}.example")
        for s in states
    )
    Article9Record.objects.bulk_create(
        Article9Record(state=s, as_of=date(2020, 1, 1), status="nothing_reported") for s in states
    )
    reporting_services.sync_expected_reports(states, through_year=2024)
    for state in states:
        Submission.objects.create(state=state, year=2020, received_on=date(2021, 4, 1))
        meeting = Meeting.objects.create(
            kind="bilateral",
            committee=standing_committees["CCC"],
            start_date=date(2026, 1, 1 + len(state.iso3) % 20),
            end_date=date(2026, 1, 2 + len(state.iso3) % 20),
        )
        meeting.states.set([state, StateParty.objects.order_by("pk").first()])


@pytest.mark.parametrize("url", LISTS)
def test_list_queries_do_not_grow_with_the_data(record, standing_committees, meetings, url):
    client = token_client(UserFactory(username="counter", role="isu_staff"))
    client.get(url)  # the first request of a day refreshes reporting summaries
    small = len(queries_for(client, f"{url}{'&' if '?' in url else '?'}page_size=200"))
    grow(60, standing_committees, meetings)
    client.get(url)
    large = len(queries_for(client, f"{url}{'&' if '?' in url else '?'}page_size=200"))
    assert small == large, url
