"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server."""

import re

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking switches chromium keeps trying to reach Google's hosts,
# which this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture
def app(page, live_server):
    """A page on the live server that fails the test on any console error, which includes
    every Content-Security-Policy violation (inline script or style)."""
    errors: list[str] = []

    def on_console(message) -> None:
        # Failed loads are reported below with their address; a page the test opens on
        # purpose (a 403 for an observer) is not an error of the page.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def on_response(response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            errors.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", on_response)
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    yield page
    assert errors == [], errors


PASSWORD = "correct horse battery staple"


def sign_out(page) -> None:
    """Forget the signed-in user: first let the page's own requests finish (the navigation's
    counts load after the page), so that no late answer sets its session cookie again."""
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()


def log_in(page, username: str, password: str = PASSWORD) -> None:
    """Log in through the pages, with the second factor for those who need one: their
    authenticator is a TOTP device the test creates, whose code the test computes."""
    from django.contrib.auth import get_user_model

    from accounts.permissions import requires_second_factor
    from tests.utils import totp_device, totp_token

    user = get_user_model().objects.get(username=username)
    device = totp_device(user) if requires_second_factor(user) else None
    page.goto(f"{page.base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    if device is not None:
        page.wait_for_url("**/accounts/two-factor/**")
        device.refresh_from_db()
        page.get_by_label("Code from your authenticator app").fill(totp_token(device))
        page.get_by_role("button", name="Confirm").click()
    _wait_for_home(page)


def _wait_for_home(page) -> None:
    """Where a login lands: the home page; a national reporter's is the portal's."""
    page.wait_for_url(re.compile(rf"^{re.escape(page.base_url)}/(portal/)?$"))


def sign_in(page, username: str) -> None:
    """Signed in as ``username`` without going through the login pages (``log_in`` does, in the
    tests of whole journeys): the session a login with the second factor leaves, set as the
    browser's cookie, then the home page a login lands on."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from tests.utils import log_in_client

    user = get_user_model().objects.get(username=username)
    session = log_in_client(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": page.base_url}]
    )
    page.goto(f"{page.base_url}/")
    _wait_for_home(page)


@pytest.fixture
def work(record):
    return make_work(record)


def make_work(record) -> dict:
    """One record of each kind the main pages show, and work waiting on the home page: a
    letter sent to Cambodia whose reply is overdue and whose e-mail failed, a draft letter, a
    reminder rule with a reminder going out in five days, a draft document of CCC, a public
    activity of CCC and a compliance matter."""
    from datetime import timedelta

    from django.utils import timezone

    from committees.models import Committee
    from common.visibility import Visibility
    from correspondence.models import MessageStatus
    from documents import services as document_services
    from documents.models import Document
    from tests.factories import (
        ActivityFactory,
        ComplianceMatterFactory,
        LetterFactory,
        LetterMessageFactory,
        LetterRecipientFactory,
        OutgoingMessageFactory,
        ReminderRuleFactory,
        SentLetterFactory,
        UserFactory,
    )

    today = timezone.localdate()
    ccc = Committee.objects.get(code="CCC")
    khm = record["states"]["KHM"]
    contact = khm.contacts.get()
    clerk = UserFactory(username="pages-clerk", role="isu_staff")
    # First: the decision moves Cambodia's deadline, which re-plans its reminders.
    extension_request = _decided_extension_request(khm)
    letter = SentLetterFactory(
        title="Outstanding Article 9 measures",
        created_by=clerk,
        reply_due=today - timedelta(days=2),
        subject_en="Article 9 measures of {{ state }}",
    )
    LetterRecipientFactory(letter=letter, state=khm)
    LetterMessageFactory(
        letter=letter,
        state=khm,
        contact=contact,
        status=MessageStatus.FAILED,
        attempts=1,
        last_error="550 5.1.1 Mailbox unavailable",
    )
    LetterFactory(title="Preliminary observations", created_by=clerk, committee=ccc)
    rule = ReminderRuleFactory(name="Article 7 report due")
    OutgoingMessageFactory(
        rule=rule, state=khm, contact=contact, anchor_date=today + timedelta(days=5), offset_days=0
    )
    document = document_services.create_document(
        Document(
            committee=ccc,
            kind="activities-priorities",
            period="2025-2026",
            date=today,
            symbol="APLC/CCC/2026/WP.1",
        ),
        clerk,
    )
    activity = ActivityFactory(
        committee=ccc,
        visibility=Visibility.PUBLIC,
        text="The Committee met the delegation of Cambodia.",
    )
    matter = ComplianceMatterFactory(title="Alleged use near the border")
    return {
        **record,
        "letter": letter,
        "rule": rule,
        "document": document,
        "activity": activity,
        "matter": matter,
        "extension_request": extension_request,
    }


def _decided_extension_request(state):
    """Cambodia's request decided at the 22nd Meeting: a version with its content, the
    analysis approved, the decision and what it asks."""
    from datetime import date

    from committees.models import Meeting
    from extensions import services
    from extensions.models import (
        Analysis,
        Decision,
        DecisionRequirement,
        ExtensionRequest,
        Funding,
        HazardousArea,
        RequestVersion,
        WorkPlanYear,
    )
    from tests.factories import UserFactory

    request = services.receive_request(
        ExtensionRequest(
            state=state,
            meeting=Meeting.objects.get(kind="msp", number=22),
            received_on=date(2025, 3, 31),
            symbol="APLC/MSP.22/2025/WP.3",
            requested_until=date(2031, 12, 31),
        ),
        RequestVersion(received_on=date(2025, 3, 31), impeding_circumstances="Heavy rains."),
    )
    version = request.versions.get()
    for line in (
        HazardousArea(version=version, kind="confirmed", location="Battambang", area_m2=900_000),
        HazardousArea(version=version, kind="suspected", location="Pailin", area_m2=600_000),
        WorkPlanYear(version=version, year=2026, area_m2=750_000, budget=4_000_000),
        WorkPlanYear(version=version, year=2027, area_m2=750_000, budget=4_000_000),
        Funding(version=version, kind="national", funder="Royal Government", amount=2_000_000),
    ):
        services.save_content(line)
    analysis = services.save_analysis(
        Analysis(request=request, text="The request is complete.", draft_decision="Grant it.")
    )
    chair = UserFactory(username="extensions-clerk", role="isu_staff")
    services.approve_analysis(analysis, chair, date(2025, 10, 1))
    services.record_decision(
        Decision(
            request=request,
            decided_on=date(2025, 12, 3),
            granted=True,
            new_deadline=date(2031, 12, 31),
            text="The Meeting grants the request.",
        ),
        [DecisionRequirement(text="An updated work plan", due_on=date(2027, 4, 30))],
    )
    return request


from tests.api.conftest import member, record  # noqa: E402
from tests.committee_fixtures import meetings, seat, standing_committees, states  # noqa: E402

__all__ = ["meetings", "member", "record", "seat", "standing_committees", "states"]
