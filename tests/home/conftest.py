"""Shared by the home page's tests: a day in committee year 2026 and one user of each role."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache

from committees import services as committee_services
from committees.models import Office, Representative
from tests.committee_fixtures import meetings, seat, standing_committees, states
from tests.factories import UserFactory

__all__ = ["meetings", "seat", "standing_committees", "states"]


@pytest.fixture(autouse=True)
def june_2026():
    """Committee year 2026: between the 22nd Meeting (closed 5 December 2025) and the 23rd."""
    with time_machine.travel(datetime(2026, 6, 10, 9, tzinfo=UTC), tick=True):
        cache.clear()
        yield
    cache.clear()


@pytest.fixture
def people(standing_committees, seat):
    """The CA5's chair (Germany's delegate, Germany in the Chair for 2026) and a member
    (Belgium's), the CVA full with a Chair, an observer and ISU staff."""
    chair_term = seat("CA5", "DEU", "5RC", "23MSP")
    member_term = seat("CA5", "BEL", "22MSP", "24MSP")
    committee_services.set_office(chair_term, Office.Kind.CHAIR, 2026)
    cva = [seat("CVA", "JPN", "5RC", "23MSP"), seat("CVA", "PER", "5RC", "23MSP")]
    cva += [seat("CVA", iso3, "22MSP", "24MSP") for iso3 in ("THA", "NLD")]
    committee_services.set_office(cva[1], Office.Kind.CHAIR, 2026)
    chair = UserFactory(username="chair", role="committee")
    member = UserFactory(username="member", role="committee")
    Representative.objects.create(term=chair_term, name="Chair", user=chair)
    Representative.objects.create(term=member_term, name="Member", user=member)
    return {
        "staff": UserFactory(username="staff", role="isu_staff"),
        "chair": chair,
        "member": member,
        "observer": UserFactory(username="observer", role="observer"),
    }
