"""Issue 16, item 10: the small things a newcomer noticed."""

import re
from datetime import date

import pytest
from django.test import Client

from states_parties.models import Article5Extension
from tests.factories import Article5ExtensionFactory, StatePartyFactory
from tests.utils import log_in_client


def test_favicon_for_anyone(db):
    response = Client().get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/favicon.svg")
    icon = Client().get("/static/favicon.svg")
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/svg+xml"


def _scopes(client) -> list[str]:
    page = client.get("/search/?q=zzz").content.decode()
    menu = page.split('id="search-page-type"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="(\w+)"', menu)


PUBLIC_SCOPES = ["states", "committees", "meetings", "activities", "priorities", "documents"]


@pytest.mark.parametrize(
    ("role", "scopes"),
    [
        ("observer", PUBLIC_SCOPES),
        ("member", [*PUBLIC_SCOPES, "letters", "contacts", "audiences"]),
        (
            "staff",
            [
                *PUBLIC_SCOPES[:5],
                "compliance_matters",
                "documents",
                "letters",
                "contacts",
                "audiences",
            ],
        ),
    ],
)
def test_search_scope_menu_offers_only_what_the_role_may_see(role, scopes, people):
    assert _scopes(log_in_client(Client(), people[role])) == scopes


def test_a_scope_not_offered_searches_everything_offered(people):
    client = log_in_client(Client(), people["observer"])
    page = client.get("/search/?q=zzz&type=letters").content.decode()
    assert '<option value="letters"' not in page
    assert "selected" not in page.split('id="search-page-type"', 1)[1].split("</select>", 1)[0]


@pytest.mark.parametrize(
    ("role", "label"),
    [
        ("staff", "ISU staff"),
        ("chair", "Committee chair"),
        ("member", "Committee member"),
        ("observer", "Observer"),
    ],
)
def test_role_labels_in_the_header(role, label, people):
    page = log_in_client(Client(), people[role]).get("/").content.decode()
    assert re.search(r'<span class="user-name">[^<]*\((.*?)\)</span>', page).group(1) == label


def test_no_space_before_the_comma_of_the_presidency(people, meetings):
    # The 23rd Meeting's President is Zambia, with no person's name recorded.
    meetings["23MSP"].president_state = StatePartyFactory(iso3="ZMB", name="Zambia")
    meetings["23MSP"].save()
    page = log_in_client(Client(), people["member"]).get("/meetings/").content.decode()
    assert "President of the Convention: Zambia, until the close of" in page
    assert " , " not in page


def test_timeline_dates_in_the_page_format(db):
    state = StatePartyFactory(iso3="KHM", name="Cambodia", has_mined_areas=True)
    Article5ExtensionFactory(
        state=state,
        submitted_on=date(2009, 3, 31),
        requested_until=date(2020, 1, 1),
        outcome=Article5Extension.Outcome.GRANTED,
        decided_on=date(2009, 11, 30),
        granted_until=date(2020, 1, 1),
    )
    labels = [event.label for event in state.timeline()]
    assert "Extension request: granted; new deadline 1 Jan 2020" in labels


def test_next_seven_days_shortcut_on_upcoming_sends(people):
    page = log_in_client(Client(), people["staff"]).get("/correspondence/upcoming/")
    assert (
        '<a class="button" href="/correspondence/upcoming/?until=2026-06-17" '
        'data-testid="next-week">Next 7 days</a>'
    ) in page.content.decode()
