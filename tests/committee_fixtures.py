"""Fixtures for committee tests, shared by the committee and browser suites."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from committees import services
from committees.models import Committee, Meeting, SeatTerm
from tests.factories import StatePartyFactory

MEETINGS = [
    ("msp", 20, date(2022, 11, 21), date(2022, 11, 25)),
    ("msp", 21, date(2023, 11, 20), date(2023, 11, 24)),
    ("rc", 5, date(2024, 11, 25), date(2024, 11, 29)),
    ("msp", 22, date(2025, 12, 1), date(2025, 12, 5)),
    ("msp", 23, date(2026, 11, 30), date(2026, 12, 4)),
    ("msp", 24, date(2027, 11, 29), date(2027, 12, 3)),
]

STATES = [
    ("BEL", "Belgium"),
    ("DEU", "Germany"),
    ("JPN", "Japan"),
    ("PER", "Peru"),
    ("THA", "Thailand"),
    ("NLD", "Netherlands"),
    ("CIV", "Côte d'Ivoire"),
    ("TUR", "Türkiye"),
    ("TKM", "Turkmenistan"),
    ("KHM", "Cambodia"),
    ("CAN", "Canada"),
    ("DZA", "Algeria"),
    ("NOR", "Norway"),
    ("CHE", "Switzerland"),
]


def create_standing_committees() -> dict[str, Committee]:
    """The four committees the data migration creates (recreated if a transactional test
    flushed them)."""
    migration = importlib.import_module("committees.migrations.0002_standing_committees")
    migration.create(apps, None)
    return {committee.code: committee for committee in Committee.objects.all()}


def create_states() -> dict:
    return {
        iso3: StatePartyFactory(iso3=iso3, name=name, deposit_date=date(1999, 4, 23))
        for iso3, name in STATES
    }


# The fixtures call plain functions, so that a module-scoped fixture can build the same records
# once (tests/api/test_schemathesis.py).
@pytest.fixture
def standing_committees(db):
    return create_standing_committees()


@pytest.fixture
def states(db):
    return create_states()


@pytest.fixture
def meetings(db, states):
    return create_meetings(states)


@pytest.fixture
def seat(standing_committees, meetings, states):
    """seat("CA5", "DEU", "21MSP", "22MSP") -> a saved term, through the service."""
    return seat_maker(standing_committees, meetings, states)


def create_meetings(states) -> dict:
    created = {}
    for kind, number, opens, closes in MEETINGS:
        meeting = Meeting.objects.create(
            kind=kind,
            number=number,
            start_date=opens,
            end_date=closes,
            venue="Geneva",
            president_state=states["JPN"] if (kind, number) == ("msp", 22) else None,
        )
        created[meeting.short_name] = meeting
    return created


def seat_maker(standing_committees, meetings, states):
    def make(code, iso3, start, end, kinds=None) -> SeatTerm:
        return services.save_term(
            SeatTerm(
                committee=standing_committees[code],
                state=states[iso3],
                start_meeting=meetings[start],
                end_meeting=meetings[end],
            ),
            kinds=kinds,
        )

    return make
