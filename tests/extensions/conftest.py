from datetime import date

import pytest

from committees.models import Meeting
from tests.committee_fixtures import create_standing_committees
from tests.factories import StatePartyFactory


@pytest.fixture
def calendar(db) -> dict[str, Meeting]:
    """The 21st Meeting, the Fifth Review Conference, the 22nd and 23rd Meetings and the 2025
    Intersessional Meetings."""
    meetings = {}
    for kind, number, opens, closes in (
        ("msp", 21, date(2023, 11, 20), date(2023, 11, 24)),
        ("rc", 5, date(2024, 11, 25), date(2024, 11, 29)),
        ("msp", 22, date(2025, 12, 1), date(2025, 12, 5)),
        ("msp", 23, date(2026, 11, 30), date(2026, 12, 4)),
    ):
        meeting = Meeting.objects.create(
            kind=kind, number=number, start_date=opens, end_date=closes, venue="Geneva"
        )
        meetings[meeting.short_name] = meeting
    Meeting.objects.create(
        kind="intersessional", start_date=date(2025, 6, 17), end_date=date(2025, 6, 20)
    )
    return meetings


@pytest.fixture
def committees(db):
    return create_standing_committees()


def affected(iso3: str, name: str, deposit: date, **fields):
    """A State with mined areas; its original deadline is ten years after entry into force."""
    return StatePartyFactory(
        iso3=iso3, name=name, deposit_date=deposit, has_mined_areas=True, **fields
    )


@pytest.fixture
def ca5_chair(committees, calendar):
    """The Chair of the Committee on Article 5 Implementation in 2025 (Germany's delegate)."""
    from committees import services as committee_services
    from committees.models import Office, Representative, SeatTerm
    from tests.factories import UserFactory

    germany = StatePartyFactory(iso3="DEU", name="Germany")
    term = committee_services.save_term(
        SeatTerm(
            committee=committees["CA5"],
            state=germany,
            start_meeting=calendar["21MSP"],
            end_meeting=calendar["22MSP"],
        )
    )
    committee_services.set_office(term, Office.Kind.CHAIR, 2025)
    user = UserFactory(username="carmen", role="committee")
    Representative.objects.create(term=term, name="Carmen", user=user)
    return user
