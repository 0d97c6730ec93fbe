"""The reporting portal in the browser: ISU staff invite Cambodia's national reporter, whose
invitation a real worker mails to a real SMTP server; the reporter follows the link, chooses a
password, sets up the second factor and lands on the portal, and nowhere else. axe-core finds
no serious violation on the portal's pages."""

from __future__ import annotations

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from portal.models import Reporter
from tests.celery_worker import running_worker
from tests.factories import StatePartyFactory, UserFactory
from tests.smtp_server import SmtpServer
from tests.utils import totp_token

from .conftest import log_in, sign_out
from .test_accessibility_browser import serious_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.real_worker]

NEW_PASSWORD = "the Mekong runs past Phnom Penh"
LINK = re.compile(r"https?://[^/\s]+(/portal/invitation/\d+/[^/\s]+/)")


@pytest.fixture
def mail_sink(tmp_path):
    server = SmtpServer().start()
    with running_worker(
        tmp_path, extra_env={"EMAIL_URL": server.url, "MAIL_RATE_LIMIT": ""}
    ) as worker:
        yield server, worker
    server.stop()


def test_staff_invite_a_reporter_who_signs_up_and_reaches_only_the_portal(app, mail_sink):
    smtp, _worker = mail_sink
    StatePartyFactory(iso3="KHM", name="Cambodia")
    StatePartyFactory(iso3="PER", name="Peru")
    UserFactory(username="irene", role="isu_staff")
    log_in(app, "irene")
    app.goto(f"{app.base_url}/reporters/")
    assert serious_violations(app) == []
    app.get_by_role("link", name="Invite a reporter").click()
    assert serious_violations(app) == []
    app.get_by_label("State:", exact=True).select_option(label="Cambodia")
    app.get_by_label("First name").fill("Sokha")
    app.get_by_label("Last name").fill("Chan")
    app.get_by_label("E-mail address").fill("sokha.chan@mfa.example")
    app.get_by_label("Language of the invitation and the portal").select_option("en")
    app.get_by_role("button", name="Save").click()
    expect(app.locator(".messages")).to_contain_text(
        "An invitation was sent to sokha.chan@mfa.example."
    )
    expect(app.locator("dl.facts")).to_contain_text("Invited")
    assert serious_violations(app) == []

    assert smtp.wait_for(1)
    (message,) = smtp.received
    assert message.subject == "Your invitation to report for Cambodia under Article 7"
    link = LINK.search(message.body).group(1)

    sign_out(app)
    app.goto(f"{app.base_url}{link}")
    expect(app.get_by_role("heading", level=1)).to_have_text("Choose your password")
    assert serious_violations(app) == []
    app.get_by_label("New password:", exact=True).fill(NEW_PASSWORD)
    app.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    app.get_by_role("button", name="Set my password").click()
    app.wait_for_url("**/accounts/two-factor/enrol/**")
    app.get_by_role("button", name="Show the code to scan").click()
    device = TOTPDevice.objects.get(user__username="sokha.chan@mfa.example")
    app.get_by_label("Code from your authenticator app").fill(totp_token(device))
    app.get_by_role("button", name="Confirm and continue").click()
    app.wait_for_url(f"{app.base_url}/portal/")
    expect(app.get_by_role("heading", level=1)).to_have_text("Article 7 reports of Cambodia")
    assert serious_violations(app) == []
    assert Reporter.objects.get().status == Reporter.Status.ACTIVE
    # The navigation offers the portal only; the rest of the application is refused.
    navigation = app.get_by_role("navigation", name="Main")
    expect(navigation.get_by_role("link")).to_have_count(1)
    assert app.goto(f"{app.base_url}/states/").status == 403
    app.goto(f"{app.base_url}/")
    app.wait_for_url(f"{app.base_url}/portal/")
