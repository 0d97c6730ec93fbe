import uuid
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from config.celery import app as celery_app
from correspondence import merge
from correspondence.models import Letter, OutgoingMessage
from correspondence.services import save_letter
from tests.celery_worker import route_tasks_to
from tests.factories import ContactFactory, StatePartyFactory, UserFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def own_queue():
    """Tasks the pages publish go to a queue of this test's, emptied afterwards."""
    queue = f"browser-{uuid.uuid4().hex[:10]}"
    previous = route_tasks_to(queue)
    yield queue
    route_tasks_to(previous)
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(queue)


def test_staff_preview_approve_and_send_a_letter_then_retry_a_failure(app, own_queue):
    staff = UserFactory(username="irene", role="isu_staff")
    belgium = StatePartyFactory(iso3="BEL", name="Belgium")
    norway = StatePartyFactory(iso3="NOR", name="Norway")
    belle = ContactFactory(
        state=belgium, name="Belle", email="pm@bel.example", preferred_language="fr"
    )
    ContactFactory(state=norway, name="Nora", email="pm@nor.example", preferred_language="en")
    save_letter(
        Letter(
            title="Article 9 measures",
            addressees="hand_picked",
            reply_due=date(2099, 1, 15),
            subject_en="Measures of {{ state }}",
            body_en="Dear {{ contact_name }}, please reply by {{ reply_due }}.",
            subject_fr="Mesures de {{ state }}",
            body_fr="Madame, Monsieur {{ contact_name }}, réponse attendue le {{ reply_due }}.",
        ),
        [belgium, norway],
        staff,
    )
    sign_in(app, "irene")
    app.get_by_role("link", name="Correspondence").click()
    app.get_by_role("link", name="Article 9 measures").click()
    expect(app.get_by_test_id("recipient-count")).to_contain_text("2 States addressed; 2 e-mails.")

    row = app.locator("tr", has_text="Belgium")
    row.get_by_role("link", name="Preview").click()
    expect(app.get_by_test_id("preview-subject")).to_have_text("Mesures de Belgique")
    today = merge.format_date(timezone.localdate(), "fr")
    expect(app.get_by_test_id("preview-body")).to_have_text(
        f"Genève, {today}\n\nMadame, Monsieur Belle, réponse attendue le 15 janvier 2099.\n\n"
        "Directeur, Unité d'appui à l'application"
    )
    assert "preview=" not in app.url  # swapped in place by htmx

    app.get_by_role("link", name="Review and approve").click()
    app.get_by_role("button", name="Approve").click()
    expect(app.get_by_test_id("letter-status")).to_have_text("Approved")
    app.once("dialog", lambda dialog: dialog.accept())
    app.get_by_role("button", name="Send").click()
    expect(app.locator(".message--success")).to_have_text(
        "The letter was sent: 2 e-mails are in the outbox."
    )
    expect(app.get_by_test_id("letter-status")).to_have_text("Sent")
    expect(app.get_by_test_id("recipients")).to_contain_text("Awaiting reply")

    failed = OutgoingMessage.objects.get(contact=belle)
    OutgoingMessage.objects.filter(pk=failed.pk).update(
        status="failed", last_error="550 5.1.1 Mailbox unavailable"
    )
    app.get_by_role("link", name="Outbox").click()
    app.get_by_label("Status").select_option("failed")
    outbox_row = app.locator(f"#message-{failed.pk}")
    expect(outbox_row).to_contain_text("550 5.1.1 Mailbox unavailable")
    expect(app.locator("#outbox-results tbody tr")).to_have_count(1)
    outbox_row.get_by_role("button", name="Retry").click()
    expect(outbox_row).to_contain_text("is queued again")
    expect(outbox_row).to_have_attribute("data-status", "planned")
    failed.refresh_from_db()
    assert failed.status == "planned"
