"""Two people for a letter to twenty governments, in the browser: ISU staff draft it, cannot
approve it themselves; the President (who chairs the Committee on Cooperative Compliance)
approves it; staff send it three days later; a real worker mails it to a real SMTP server.
Every e-mail and its PDF record carry the day of the approval, in the reader's language. The
preview of a copy opens in the row that was clicked."""

import subprocess
import time
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from committees.models import Meeting
from correspondence import merge
from correspondence.models import Letter, OutgoingMessage
from states_parties.models import Contact
from states_parties.names import un_short_names
from tests.celery_worker import running_worker
from tests.committee_fixtures import standing_committees  # noqa: F401
from tests.factories import ContactFactory, StatePartyFactory, UserFactory
from tests.smtp_server import SmtpServer

from .conftest import log_in, sign_out

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.real_worker]

ISO3 = ("ARG AUT BEL CHL COL DEU ESP FRA GBR IRL ITA JPN KHM MEX NLD NOR PER SEN THA URY").split()
LANGUAGES = ("en", "fr", "es")
GENEVA = {"en": "Geneva", "fr": "Genève", "es": "Ginebra"}


@pytest.fixture
def mail_sink(tmp_path):
    server = SmtpServer().start()
    with running_worker(
        tmp_path, extra_env={"EMAIL_URL": server.url, "MAIL_RATE_LIMIT": ""}
    ) as worker:
        yield server, worker
    server.stop()


@pytest.fixture
def twenty_states(standing_committees):  # noqa: F811
    """Twenty States, one contact each reading English, French or Spanish in turn; the
    President of the coming Meeting (Kenji Sato, Japan) chairs the Committee on Cooperative
    Compliance today."""
    states = []
    for index, iso3 in enumerate(ISO3):
        state = StatePartyFactory(iso3=iso3, name=un_short_names()[iso3]["en"])
        ContactFactory(
            state=state,
            name=f"Contact {iso3}",
            email=f"pm@{iso3.lower()}.example",
            preferred_language=LANGUAGES[index % 3],
            addressed_as=Contact.AddressedAs.MISSION,
        )
        states.append(state)
    today = timezone.localdate()
    Meeting.objects.create(
        kind="msp",
        number=30,
        start_date=today - timedelta(days=200),
        end_date=today - timedelta(days=196),
        venue="Geneva",
    )
    chair = UserFactory(username="sato", role="committee", first_name="Kenji", last_name="Sato")
    Meeting.objects.create(
        kind="msp",
        number=31,
        start_date=today + timedelta(days=160),
        end_date=today + timedelta(days=164),
        venue="Geneva",
        president_state=next(state for state in states if state.iso3 == "JPN"),
        president_name="Kenji Sato",
        president_user=chair,
    )
    UserFactory(username="irene", role="isu_staff")
    return states


def _pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def test_staff_draft_the_chair_approves_and_the_mail_carries_the_approval_date(
    app, twenty_states, mail_sink
):
    smtp, _worker = mail_sink
    approved_on = timezone.localdate() - timedelta(days=3)
    travel = time_machine.travel(
        timezone.make_aware(datetime.combine(approved_on, datetime.min.time()))
        + timedelta(hours=10),
        tick=True,
    )
    travel.start()
    try:
        # Staff draft the letter on behalf of the committee, to twenty States.
        log_in(app, "irene")
        app.goto(f"{app.base_url}/correspondence/letters/new/")
        app.get_by_label("Title").fill("Article 9 measures")
        app.get_by_label("Sending committee").select_option(
            label="Committee on Cooperative Compliance"
        )
        app.get_by_label("Addressed to").select_option(label="States picked by hand")
        app.get_by_label("States picked").select_option(
            label=[state.name for state in twenty_states]
        )
        texts = {
            "English": ("Article 9 measures {{ of_state }}", "{{ salutation }}\n\nPlease reply."),
            "French": ("Mesures {{ of_state }}", "{{ salutation }}\n\nMerci de répondre."),
            "Spanish": ("Medidas {{ of_state }}", "{{ salutation }}\n\nLe rogamos responder."),
        }
        for language, (subject, body) in texts.items():
            app.get_by_label(f"Subject ({language})").fill(subject)
            app.get_by_label(f"Text ({language})").fill(body)
        app.get_by_role("button", name="Save").click()
        expect(app.get_by_test_id("letter-status")).to_have_text("Draft")
        expect(app.get_by_test_id("recipient-count")).to_contain_text(
            "20 States addressed; 20 e-mails."
        )
        letter = Letter.objects.get(title="Article 9 measures")

        # The preview of a copy far down the list opens under the link that was clicked.
        row = app.locator("tr", has_text="Thailand")
        link = row.get_by_role("link", name="Preview")
        link.click()
        preview = app.get_by_test_id("email-preview")
        expect(preview).to_be_visible()
        expect(preview.get_by_test_id("preview-subject")).to_have_text(
            "Article 9 measures of Thailand"
        )
        link_box, preview_box = link.bounding_box(), preview.bounding_box()
        assert 0 <= preview_box["y"] - (link_box["y"] + link_box["height"]) < 60

        # Its author cannot approve it.
        app.get_by_role("link", name="Review and approve").click()
        expect(app.get_by_test_id("own-letter")).to_have_text(
            "You wrote or changed this letter: someone else must approve it."
        )
        expect(app.get_by_role("button", name="Approve")).to_have_count(0)

        # The President, chairing the committee, approves it.
        sign_out(app)
        log_in(app, "sato")
        app.goto(f"{app.base_url}{letter.get_absolute_url()}")
        app.get_by_role("link", name="Review and approve").click()
        expect(app.get_by_test_id("approval-count")).to_have_text("20 States; 20 e-mails")
        expect(app.get_by_test_id("approval-sample")).to_have_count(3)
        expect(app.get_by_test_id("approval-sample").nth(1)).to_contain_text(
            "Mesures de l'Autriche"
        )
        expect(app.get_by_test_id("approval-check")).to_have_text(
            "Every merge field has a value for every recipient."
        )
        app.get_by_role("button", name="Approve").click()
        expect(app.get_by_test_id("letter-status")).to_have_text("Approved")
    finally:
        travel.stop()

    # Three days later, staff send it.
    sign_out(app)
    log_in(app, "irene")
    app.goto(f"{app.base_url}{letter.get_absolute_url()}")
    app.once("dialog", lambda dialog: dialog.accept())
    app.get_by_role("button", name="Send").click()
    expect(app.locator(".message--success")).to_have_text(
        "The letter was sent: 20 e-mails are in the outbox."
    )
    letter.refresh_from_db()
    assert (letter.letter_date, letter.approved_by.username, letter.created_by.username) == (
        approved_on,
        "sato",
        "irene",
    )
    assert timezone.localdate(letter.sent_at) == approved_on + timedelta(days=3)

    # The server holds each message a moment before the worker records it as sent.
    def statuses() -> set[str]:
        return set(OutgoingMessage.objects.values_list("status", flat=True))

    deadline = time.monotonic() + 180
    while (len(smtp.received) < 20 or statuses() != {"sent"}) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert len(smtp.received) == 20
    assert statuses() == {"sent"}
    languages = {f"pm@{iso3.lower()}.example": LANGUAGES[i % 3] for i, iso3 in enumerate(ISO3)}
    for mail in smtp.received:
        language = languages[mail.recipients[0]]
        dated = f"{GENEVA[language]}, {merge.format_date(approved_on, language)}"
        assert mail.body.startswith(f"{dated}\n\n"), (mail.recipients, mail.body)
        ((_name, content_type, content),) = mail.attachments
        assert content_type == "application/pdf"
        record = _pdf_text(content)
        assert dated in record, (mail.recipients, record)
        assert isinstance(approved_on, date)
