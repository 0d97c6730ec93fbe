from datetime import UTC, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from committees import services
from committees.models import Office
from tests.factories import UserFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ca5_in_2025(seat):
    germany = seat("CA5", "DEU", "21MSP", "22MSP")
    seat("CA5", "THA", "21MSP", "22MSP")
    seat("CA5", "JPN", "5RC", "23MSP")
    seat("CA5", "PER", "5RC", "23MSP")
    services.set_office(germany, Office.Kind.CHAIR, 2025)


def test_staff_record_the_close_of_a_meeting_and_the_new_composition(app, ca5_in_2025, meetings):
    UserFactory(username="irene", role="isu_staff")
    with time_machine.travel(datetime(2025, 12, 5, 18, 0, tzinfo=UTC), tick=True):
        sign_in(app, "irene")
        # The 22nd Meeting closes a day earlier than planned: staff record the close.
        app.goto(f"{app.base_url}/meetings/")
        app.get_by_role("link", name="Meeting of the States Parties (22MSP)").click()
        app.get_by_role("link", name="Edit").click()
        app.get_by_label("Closes").fill("2025-12-04")
        app.get_by_role("button", name="Save").click()
        expect(app.get_by_role("heading", level=1)).to_have_text(
            "Meeting of the States Parties (22MSP)"
        )
        expect(app.locator("dl.facts")).to_contain_text("1 December 2025 – 4 December 2025")

        app.get_by_role("link", name="CA5").click()
        expect(app.get_by_test_id("outgoing")).to_have_text("GermanyThailand")
        expect(app.get_by_test_id("continuing")).to_have_text("JapanPeru")
        # New members: checkboxes under a filter (accents and case ignored; ticked ones stay).
        app.get_by_label("Find in the list").fill("NOR")
        expect(app.get_by_role("checkbox", name="Cambodia")).to_be_hidden()
        app.get_by_role("checkbox", name="Norway").check()
        app.get_by_label("Find in the list").fill("cam")
        expect(app.get_by_role("checkbox", name="Norway")).to_be_visible()
        expect(app.get_by_role("checkbox", name="Algeria")).to_be_hidden()
        app.get_by_role("checkbox", name="Cambodia").check()
        app.get_by_label("Chair for the next year").select_option(label="Japan")
        app.get_by_label("Gender focal point for the next year").select_option(label="Cambodia")
        app.get_by_role("button", name="Record the changeover").click()

        expect(app.locator(".message--success")).to_have_text(
            "The changeover at the close of Meeting of the States Parties (22MSP) was recorded."
        )
        expect(app.get_by_test_id("member-line")).to_have_text(
            "(Cambodia, Japan (Chair), Norway, Peru)"
        )
        members = app.get_by_test_id("members").locator("tbody tr")
        expect(members).to_have_count(4)
        for index, cells in enumerate(
            [
                ["Cambodia", "22MSP – 24MSP", "1", "Gender focal point"],
                ["Japan", "5RC – 23MSP", "2", "Chair"],
                ["Norway", "22MSP – 24MSP", "1", ""],
                ["Peru", "5RC – 23MSP", "2", ""],
            ]
        ):
            row = members.nth(index).locator("td")
            for column, text in enumerate(cells):
                expect(row.nth(column)).to_have_text(text)
        history = app.get_by_role("region", name="Composition by year").locator("tbody tr")
        expect(history.filter(has_text="2026")).to_contain_text(
            "(Cambodia, Japan (Chair), Norway, Peru)"
        )
        expect(history.filter(has_text="2025")).to_contain_text(
            "(Germany (Chair), Japan, Peru, Thailand)"
        )
