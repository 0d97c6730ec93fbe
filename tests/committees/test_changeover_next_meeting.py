"""Changing members at a Meeting's close (issue 16, item 7): the formal meeting the new terms
need, named and offered in place when it is not recorded; new members chosen by checkboxes."""

import re

import pytest

from committees.models import Meeting, SeatTerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def ca5_at_23msp(seat, standing_committees):
    seat("CA5", "JPN", "5RC", "23MSP")
    seat("CA5", "PER", "5RC", "23MSP")
    seat("CA5", "DEU", "22MSP", "24MSP")
    return standing_committees["CA5"]


def _value(page: str, name: str) -> str:
    return re.search(rf'name="{name}"[^>]*value="([^"]*)"', page).group(1)


def test_the_missing_meeting_is_named_and_prefilled(ca5_at_23msp, meetings, staff_client):
    page = staff_client.get(f"/committees/CA5/changeover/{meetings['23MSP'].pk}/")
    page = page.content.decode()
    assert "Meeting of the States Parties (25MSP) is not recorded yet" in page
    assert "record the next one, Meeting of the States Parties (25MSP), before" in page
    assert 'option value="msp" selected' in page
    assert _value(page, "meeting-number") == "25"
    # A year after the 24th, the same weekdays (Monday 29 November 2027 to Friday).
    assert _value(page, "meeting-start_date") == "2028-11-27"
    assert _value(page, "meeting-end_date") == "2028-12-01"
    assert _value(page, "meeting-venue") == "Geneva"
    assert 'name="create_meeting"' in page


def test_recording_it_in_place_returns_to_the_changeover(ca5_at_23msp, meetings, staff_client):
    url = f"/committees/CA5/changeover/{meetings['23MSP'].pk}/"
    response = staff_client.post(
        url,
        {
            "create_meeting": "1",
            "meeting-kind": "msp",
            "meeting-number": "25",
            "meeting-start_date": "2028-11-27",
            "meeting-end_date": "2028-12-01",
            "meeting-venue": "Geneva",
        },
    )
    assert (response.status_code, response["Location"]) == (302, url)
    created = Meeting.objects.get(kind="msp", number=25)
    assert (created.start_date.isoformat(), created.end_date.isoformat()) == (
        "2028-11-27",
        "2028-12-01",
    )
    assert created.history.count() == 1
    page = staff_client.get(url).content.decode()
    assert 'data-testid="missing-meeting"' not in page
    assert "New members serve until the close of Meeting of the States Parties (25MSP)." in page
    # Nothing else changed: the changeover itself is recorded by its own button.
    assert not SeatTerm.objects.filter(start_meeting=meetings["23MSP"]).exists()


def test_a_refused_meeting_shows_why_and_records_nothing(ca5_at_23msp, meetings, staff_client):
    url = f"/committees/CA5/changeover/{meetings['23MSP'].pk}/"
    before = Meeting.objects.count()
    response = staff_client.post(
        url,
        {
            "create_meeting": "1",
            "meeting-kind": "msp",
            "meeting-number": "24",  # recorded already
            "meeting-start_date": "2028-11-27",
            "meeting-end_date": "2028-11-20",
            "meeting-venue": "Geneva",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "A meeting of this kind already has this number." in page
    assert "A meeting cannot close before it opens." in page
    assert Meeting.objects.count() == before


def test_no_offer_when_the_meeting_exists(ca5_at_23msp, meetings, staff_client):
    page = staff_client.get(f"/committees/CA5/changeover/{meetings['22MSP'].pk}/")
    assert 'data-testid="missing-meeting"' not in page.content.decode()
    # A stray request to create one records nothing.
    before = Meeting.objects.count()
    staff_client.post(
        f"/committees/CA5/changeover/{meetings['22MSP'].pk}/",
        {"create_meeting": "1", "meeting-kind": "msp", "meeting-number": "30"},
    )
    assert Meeting.objects.count() == before


def test_new_members_are_checkboxes_under_a_filter(ca5_at_23msp, meetings, states, staff_client):
    page = staff_client.get(f"/committees/CA5/changeover/{meetings['22MSP'].pk}/")
    page = page.content.decode()
    assert '<select name="new_members"' not in page
    assert 'data-filter-list="id_new_members-options"' in page
    boxes = re.findall(
        r'<li data-filter-text="([^"]+)"><label for="id_new_members_\d+">'
        r'<input type="checkbox" name="new_members" value="(\d+)"',
        page,
    )
    labels = [label for label, _ in boxes]
    # Every State bound after the close and not seated then, in the language's order.
    assert labels == [
        "Algeria",
        "Belgium",
        "Cambodia",
        "Canada",
        "Côte d&#x27;Ivoire",
        "Netherlands",
        "Norway",
        "Switzerland",
        "Thailand",
        "Türkiye",
        "Turkmenistan",
    ]
