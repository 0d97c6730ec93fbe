"""Issue 17's whole round in the browser: ISU staff invite Cambodia's national reporter; the
reporter signs up (password, second factor), starts the next report pre-filled from last
year's, edits Form D, is shown the arithmetic error next to the field, fixes it, confirms the
other forms, reviews the changes and submits; the receipt is on screen and comes by e-mail
(a real worker, a real SMTP server on loopback); the ISU has the report received on time and
its reminders stopped; Peru's reporter sees nothing of it until it is published, and its PDF,
rendered by the documents worker once published, reads back with every form. axe-core finds
no serious violation on the portal's pages."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
import time_machine
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from article7 import services as article7_services
from article7.models import Report
from article7.models.reports import SECTION_TITLES
from article7.services import SectionData
from correspondence import planning
from correspondence.models import Anchor, OutgoingMessage, ReminderRule
from reporting import services as reporting_services
from reporting.models import ExpectedReport, ReportStatus
from states_parties.models import Contact
from tests.celery_worker import running_worker
from tests.factories import ContactFactory, ReporterFactory, StatePartyFactory, UserFactory
from tests.pdf_text import look_at, read_back
from tests.smtp_server import SmtpServer
from tests.utils import totp_device, totp_token, wait_until

from .conftest import PASSWORD, log_in, sign_out
from .test_accessibility_browser import serious_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.real_worker, pytest.mark.slow]

NEW_PASSWORD = "the Mekong runs past Phnom Penh"
LINK = re.compile(r"https?://[^/\s]+(/portal/invitation/\d+/[^/\s]+/)")
D_2024 = SectionData(
    rows=(
        {
            "mine_type": "PMN-2",
            "institution": "CMAC",
            "at_start": 100,
            "used_or_destroyed": 20,
            "received": 0,
            "transferred": 0,
            "at_end": 80,
        },
    )
)


@pytest.fixture(autouse=True)
def before_the_deadline():
    """10 April 2026: the report covering 2025 is due on 30 April."""
    with time_machine.travel(datetime(2026, 4, 10, 8, 0, tzinfo=UTC), tick=True):
        yield


@pytest.fixture
def mail_sink(tmp_path):
    server = SmtpServer().start()
    with running_worker(
        tmp_path, extra_env={"EMAIL_URL": server.url, "MAIL_RATE_LIMIT": ""}
    ) as worker:
        yield server, worker
    server.stop()


@pytest.fixture
def cambodia():
    """Cambodia and Peru, their reports expected; Cambodia's report covering 2024 submitted
    online; a reminder rule about the annual report, planned for Cambodia's contact."""
    cambodia = StatePartyFactory(iso3="KHM", name="Cambodia")
    peru = StatePartyFactory(iso3="PER", name="Peru")
    reporting_services.sync_expected_reports([cambodia, peru], through_year=2026)
    staff = UserFactory(username="irene", role="isu_staff")
    report = article7_services.start_report(
        state=cambodia, year_covered=2024, by=staff, language="en"
    )
    for code in "ABCDEFGHI":
        report = article7_services.save_section(
            report=report,
            code=code,
            data=D_2024 if code == "D" else SectionData(),
            expected_revision=report.revision,
            by=staff,
        )
    article7_services.submit(
        report=report,
        official_name="Sok Chea",
        official_function="Director",
        confirm_warnings=True,
        by=staff,
    )
    ContactFactory(state=cambodia, kind=Contact.Kind.ARTICLE7, email="article7@mfa-khm.example")
    rule = ReminderRule(
        name="Annual report",
        anchor=Anchor.ARTICLE7_ANNUAL,
        offsets=[7, 30],
        subject_en="Article 7 report of {{ state }}",
        body_en="Dear {{ contact_name }}, the report is due on {{ deadline }}.",
    )
    rule.full_clean()
    rule.save()
    planning.reconcile(rule)
    ReporterFactory(state=peru, user__username="quispe", user__email="quispe@rree.example")
    return cambodia


def _planned_reminders(state) -> int:
    return OutgoingMessage.objects.filter(
        state=state, period="annual-2025", status=OutgoingMessage.Status.PLANNED
    ).count()


def _mail_to(smtp: SmtpServer, address: str, count: int, timeout: float = 60.0) -> list:
    """The messages to ``address``, once there are ``count`` of them (polled, with a deadline)."""
    deadline = time.monotonic() + timeout
    while True:
        mails = [m for m in smtp.received if m.recipients == (address,)]
        if len(mails) >= count or time.monotonic() > deadline:
            assert len(mails) == count, [m.recipients for m in smtp.received]
            return mails
        time.sleep(0.1)


def _sign_in_as_reporter(app, username: str) -> None:
    from django.contrib.auth import get_user_model

    device = totp_device(get_user_model().objects.get(username=username))
    app.goto(f"{app.base_url}/accounts/login/")
    app.get_by_label("Username").fill(username)
    app.get_by_label("Password").fill(PASSWORD)
    app.get_by_role("button", name="Log in").click()
    app.wait_for_url("**/accounts/two-factor/**")
    app.get_by_label("Code from your authenticator app").fill(totp_token(device))
    app.get_by_role("button", name="Confirm").click()
    app.wait_for_url(f"{app.base_url}/portal/")


def _published_pdf(app, report, folder) -> bytes:
    """The report's public PDF, once the documents worker has rendered it (202 until then)."""
    url = f"{app.base_url}/article7/published/{report.pk}/pdf/"
    answers = []

    def rendered() -> bool:
        answers.append(app.request.get(url))
        return answers[-1].status == 200

    assert wait_until(rendered, timeout=60, interval=0.25), answers[-1].status
    path = folder / "report.pdf"
    path.write_bytes(answers[-1].body())
    return path


def test_a_reporter_invited_by_the_isu_submits_the_next_report_on_time(
    app, mail_sink, cambodia, tmp_path
):
    smtp, _worker = mail_sink
    assert _planned_reminders(cambodia) == 2
    # ISU staff invite the reporter.
    log_in(app, "irene")
    app.goto(f"{app.base_url}/reporters/invite/")
    app.get_by_label("State:", exact=True).select_option(label="Cambodia")
    app.get_by_label("First name").fill("Sokha")
    app.get_by_label("Last name").fill("Chan")
    app.get_by_label("E-mail address").fill("sokha.chan@mfa.example")
    app.get_by_role("button", name="Save").click()
    expect(app.locator(".messages")).to_contain_text("An invitation was sent")
    (invitation,) = _mail_to(smtp, "sokha.chan@mfa.example", 1)
    link = LINK.search(invitation.body).group(1)

    # The reporter signs up: a password, then the second factor.
    sign_out(app)
    app.goto(f"{app.base_url}{link}")
    app.get_by_label("New password:", exact=True).fill(NEW_PASSWORD)
    app.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    app.get_by_role("button", name="Set my password").click()
    app.wait_for_url("**/accounts/two-factor/enrol/**")
    app.get_by_role("button", name="Show the code to scan").click()
    device = TOTPDevice.objects.get(user__username="sokha.chan@mfa.example")
    app.get_by_label("Code from your authenticator app").fill(totp_token(device))
    app.get_by_role("button", name="Confirm and continue").click()
    app.wait_for_url(f"{app.base_url}/portal/")
    assert serious_violations(app) == []

    # The next report, pre-filled from last year's.
    expect(app.get_by_label("Calendar year covered")).to_have_value("2025")
    app.get_by_role("button", name="Start the report").click()
    app.wait_for_url(re.compile(r".*/portal/reports/\d+/$"))
    report = Report.objects.get(state=cambodia, year_covered=2025)
    assert serious_violations(app) == []
    app.locator(f'a[href="/portal/reports/{report.pk}/forms/D/"]').click()
    expect(app.locator('[name="rows-0-at_start"]')).to_have_value("80")
    assert serious_violations(app) == []
    app.locator('[name="rows-0-used_or_destroyed"]').fill("10")
    app.locator('[name="rows-0-at_end"]').fill("75")
    app.get_by_role("button", name="Save this form").click()
    error = app.locator("#rows-0-at_end-errors")
    expect(error).to_have_text(
        "The figures do not add up: 80 at the start, minus 10 used or destroyed, plus 0 "
        "received, minus 0 transferred leaves 70 at the end of the year, not 75."
    )
    assert serious_violations(app) == []
    app.locator('[name="rows-0-at_end"]').fill("70")
    app.get_by_role("button", name="Save this form").click()
    expect(app.locator(".messages")).to_contain_text("Form D was saved.")
    expect(app.locator("#rows-0-at_end-errors")).to_have_count(0)
    for code in "ABCEFGHI":
        app.goto(f"{app.base_url}/portal/reports/{report.pk}/forms/{code}/")
        app.get_by_role("button", name="Confirm unchanged since the previous report").click()
        expect(app.locator(".messages")).to_contain_text(f"Form {code} is confirmed unchanged.")

    # What changed since last year, form by form.
    app.goto(f"{app.base_url}/portal/reports/{report.pk}/review/")
    expect(app.get_by_test_id("changes-D")).to_contain_text("70")
    assert serious_violations(app) == []

    # Submitted by the official: the receipt on screen, then by e-mail.
    app.goto(f"{app.base_url}/portal/reports/{report.pk}/")
    app.get_by_label("Name of the official submitting").fill("Sokha Chan")
    app.get_by_label("Function").fill("Deputy Director, Mine Action Authority")
    app.get_by_label("I have read the warnings").check()
    app.get_by_role("button", name="Submit").click()
    receipt = app.get_by_test_id("receipt")
    report.refresh_from_db()
    expect(receipt).to_contain_text(report.receipt_number)
    expect(receipt).to_contain_text("Sokha Chan, Deputy Director, Mine Action Authority")
    assert serious_violations(app) == []
    mailed = _mail_to(smtp, "sokha.chan@mfa.example", 2)[1]
    assert mailed.subject == f"Receipt {report.receipt_number}: Article 7 report received"
    assert mailed.recipients == ("sokha.chan@mfa.example",)
    assert report.receipt_number in mailed.body

    # The ISU: received on time, the reminders stopped.
    expected = ExpectedReport.objects.get(state=cambodia, year=2025)
    assert expected.status_on(timezone.localdate()) == ReportStatus.ON_TIME
    assert _planned_reminders(cambodia) == 0
    assert (
        OutgoingMessage.objects.filter(
            state=cambodia, period="annual-2025", status=OutgoingMessage.Status.SKIPPED
        ).count()
        == 2
    )

    # Peru's reporter sees nothing of it until it is published.
    sign_out(app)
    _sign_in_as_reporter(app, "quispe")
    assert app.goto(f"{app.base_url}/portal/reports/{report.pk}/").status == 404
    app.goto(f"{app.base_url}/portal/reports/published/")
    expect(app.locator("main")).not_to_contain_text("Cambodia")
    article7_services.publish(report=report, by=UserFactory(role="isu_staff"))
    app.goto(f"{app.base_url}/portal/reports/published/")
    expect(app.locator("main")).to_contain_text("Cambodia")
    assert serious_violations(app) == []
    assert app.goto(f"{app.base_url}/portal/reports/{report.pk}/").status == 200

    # The PDF laid out as Forms A to J: every form reads back; the first page is an A4 page of
    # white paper with ink in its running header.
    path = _published_pdf(app, report, tmp_path)
    pages = read_back(path)
    text = " ".join(page.body for page in pages)
    assert [str(title) for title in SECTION_TITLES.values() if str(title) not in text] == []
    assert "Submitted on 10 April 2026 by Sokha Chan" in text
    assert pages[0].header.startswith("Article 7 report of Cambodia, 2025")
    look = look_at(path, tmp_path)
    assert look.size == (414, 585)  # 210 x 297 mm at 50 dpi, rounded up
    assert 0.005 < look.ink < 0.2
    assert look.header_darkest < 128  # the running header, in grey
    assert look.margin_darkest > 240  # nothing in the left margin
