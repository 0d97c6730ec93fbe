import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.utils import totp_token

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_enrol_an_authenticator_by_qr_code_then_work(app):
    """The enrolment page: a QR code that displays under the Content-Security-Policy (the
    fixture fails on any violation), a key to type, and the code that completes the login."""
    UserFactory(username="irene", role="isu_staff")
    app.goto(f"{app.base_url}/states/")
    app.get_by_label("Username").fill("irene")
    app.get_by_label("Password").fill(PASSWORD)
    app.get_by_role("button", name="Log in").click()
    app.wait_for_url("**/accounts/two-factor/enrol/**")
    expect(app.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    assert not TOTPDevice.objects.exists()  # opening the page creates nothing
    app.get_by_role("button", name="Show the code to scan").click()
    qr = app.get_by_test_id("qr-code")
    expect(qr).to_be_visible()
    assert app.evaluate("() => document.querySelector('[data-testid=qr-code]').naturalWidth") > 0
    secret = app.get_by_test_id("totp-secret").inner_text()
    assert len(secret) == 32
    app.screenshot(path="test-results/two-factor-enrol.png", full_page=True)

    device = TOTPDevice.objects.get(user__username="irene")
    app.get_by_label("Code from your authenticator app").fill("000000")
    app.get_by_role("button", name="Confirm and continue").click()
    expect(app.locator(".form-errors")).to_contain_text("This code is wrong or has expired")
    app.wait_for_timeout(1100)  # one wrong code: the next try waits a second
    device.refresh_from_db()
    app.get_by_label("Code from your authenticator app").fill(totp_token(device))
    app.get_by_role("button", name="Confirm and continue").click()
    app.wait_for_url(f"{app.base_url}/states/")
    expect(app.locator(".messages")).to_contain_text("Your authenticator app is set up.")
