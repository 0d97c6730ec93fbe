from datetime import date

import pytest
from playwright.sync_api import expect

from states_parties.models import StateParty
from tests.factories import StatePartyFactory, UserFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def register():
    StatePartyFactory(
        iso3="KHM",
        name="Cambodia",
        signature_date=date(1997, 12, 3),
        deposit_date=date(1999, 7, 28),
    )
    StatePartyFactory(iso3="CAN", name="Canada", deposit_date=date(1997, 12, 3))
    StatePartyFactory(
        iso3="TCD", name="Chad", signature_date=date(1998, 7, 6), deposit_date=date(1999, 5, 6)
    )


def test_staff_search_open_a_state_and_see_a_date_error_next_to_the_field(app, register):
    UserFactory(username="irene", role="isu_staff")
    sign_in(app, "irene")
    app.get_by_role("link", name="States", exact=True).click()
    rows = app.locator("#state-results tbody tr")
    expect(rows).to_have_count(3)

    app.get_by_label("Search by name or ISO code").fill("camb")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Cambodia")
    expect(app.locator("#state-results")).not_to_contain_text("Canada")
    assert "q=camb" in app.url  # the search is in the address, so it can be shared

    app.get_by_role("link", name="Cambodia").click()
    expect(app.get_by_role("heading", level=1)).to_contain_text("Cambodia")
    expect(app.get_by_test_id("entry-into-force")).to_have_text("1 January 2000")

    app.get_by_role("link", name="Edit").click()
    deposit = app.locator("#id_deposit_date")
    deposit.fill("1997-12-01")
    app.get_by_role("button", name="Save").click()

    field = app.locator(".field", has=app.locator("#id_deposit_date"))
    expect(field.locator(".errorlist")).to_have_text(
        "No instrument could be deposited before 3 December 1997."
        "The deposit cannot precede the signature."
    )
    expect(deposit).to_have_attribute("aria-invalid", "true")
    expect(app.locator(".form-errors")).to_contain_text("Please correct the error below.")
    assert StateParty.objects.get(iso3="KHM").deposit_date == date(1999, 7, 28)


def test_observer_reads_but_cannot_edit(app, register):
    UserFactory(username="olga", role="observer")
    sign_in(app, "olga")
    app.goto(f"{app.base_url}/states/")
    expect(app.locator("#state-results tbody tr")).to_have_count(3)
    expect(app.get_by_role("link", name="New State")).to_have_count(0)
    app.get_by_role("link", name="Chad").click()
    expect(app.get_by_role("link", name="Edit")).to_have_count(0)
    response = app.goto(f"{app.base_url}/states/KHM/edit/")
    assert response.status == 403


def test_the_content_security_policy_blocks_injected_inline_script(page, live_server):
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = 1'; document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.injected") is None
    assert any("Content Security Policy" in message for message in messages), messages
