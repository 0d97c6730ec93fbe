"""Delivery of one row over real SMTP (aiosmtpd on loopback), in this process: the claim,
the hand-over checkpoint, transient and permanent failures, recovery of stale sends."""

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from correspondence import delivery, outbox_scan, planning
from correspondence.models import OutgoingMessage
from tests.factories import ContactFactory

from .conftest import at, make_rule

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def due_reminder(frozen, contact):
    """One reminder of the 2025 Article 7 report, due 1 March 2026 at 09:00 in Geneva."""
    frozen(at(2026, 2, 1, 9))
    rule = make_rule(offsets=[-60])
    planning.reconcile(rule)
    frozen(at(2026, 3, 1, 8, 0, 30))
    return OutgoingMessage.objects.get(rule=rule, period="annual-2025")


def test_a_reminder_goes_once_in_the_contacts_language(due_reminder, real_smtp):
    contact = due_reminder.contact
    contact.preferred_language = "fr"
    contact.save()
    assert delivery.deliver(due_reminder.pk).result == "sent"
    assert delivery.deliver(due_reminder.pk).result == "not_claimed"
    (received,) = real_smtp.received
    due_reminder.refresh_from_db()
    assert received.recipients == ("ana@mission.example",)
    assert received.message_id == due_reminder.message_id
    assert due_reminder.message_id == (
        f"<outbox.{due_reminder.pk}.{due_reminder.created_at:%Y%m%d%H%M%S}@secretariat.invalid>"
    )
    assert received.subject == "Rapport de Angola attendu le 30 avril 2026"
    assert received.body == "Madame, Monsieur Ana,\n\nLe rapport est attendu le 30 avril 2026.\n"
    assert received.message["Auto-Submitted"] == "auto-generated"
    assert (due_reminder.status, due_reminder.attempts, due_reminder.language) == ("sent", 1, "fr")
    assert due_reminder.handed_over_at is not None and due_reminder.sent_at is not None
    assert (due_reminder.subject, due_reminder.to_address) == (
        received.subject,
        "ana@mission.example",
    )


def test_english_is_the_fallback_and_merge_fields_state_the_record(due_reminder, real_smtp):
    contact = due_reminder.contact
    contact.preferred_language = "es"  # the rule has no Spanish text
    contact.save()
    delivery.deliver(due_reminder.pk)
    (received,) = real_smtp.received
    assert received.subject == "Article 7 report of Angola due 30 April 2026"
    # On 1 March 2026 the reports for 2019 to 2024 and the initial one have not arrived.
    assert received.body == (
        "Dear Ana,\n\nThe report of Angola covering 2025 is due on 30 April 2026. Missing: "
        "initial report, 2019, 2020, 2021, 2022, 2023, 2024.\n"
    )


def test_a_row_not_yet_due_is_not_claimed(due_reminder, real_smtp, frozen):
    frozen(at(2026, 3, 1, 7, 59))  # a minute early: the task waits for its time
    assert delivery.deliver(due_reminder.pk) == delivery.Outcome("early", retry_in=60.0)
    frozen(at(2026, 2, 28, 8))  # a day early (the row was moved): left to the scan
    assert delivery.deliver(due_reminder.pk) == delivery.Outcome("not_claimed")
    assert real_smtp.count() == 0
    due_reminder.refresh_from_db()
    assert (due_reminder.status, due_reminder.attempts) == ("planned", 0)


def test_451_then_success_delivers_once(due_reminder, real_smtp, frozen, settings):
    settings.MAIL_RETRY_BACKOFF_SECONDS = 60
    real_smtp.script("ana@mission.example", [451, 250])
    outcome = delivery.deliver(due_reminder.pk)
    assert outcome.result == "retry" and 1 <= outcome.retry_in <= 60
    due_reminder.refresh_from_db()
    assert (due_reminder.status, due_reminder.attempts, due_reminder.transient_failures) == (
        "planned",
        1,
        1,
    )
    assert due_reminder.last_error == "451 4.3.0 Temporary failure, try again later"
    assert due_reminder.handed_over_at is None
    assert due_reminder.next_attempt_at > timezone.now()
    early = delivery.deliver(due_reminder.pk)  # the backoff holds: the task waits for it
    assert early.result == "early"
    assert early.retry_in == (due_reminder.next_attempt_at - timezone.now()).total_seconds()
    frozen(due_reminder.next_attempt_at)
    assert delivery.deliver(due_reminder.pk).result == "sent"
    assert real_smtp.replies_to("ana@mission.example") == [451, 250]
    assert len(real_smtp.received) == 1
    due_reminder.refresh_from_db()
    assert (due_reminder.status, due_reminder.attempts, due_reminder.last_error) == ("sent", 2, "")


def test_550_is_permanent(due_reminder, real_smtp):
    real_smtp.script("ana@mission.example", [550])
    assert delivery.deliver(due_reminder.pk).result == "failed"
    due_reminder.refresh_from_db()
    assert due_reminder.status == "failed"
    assert due_reminder.last_error == "550 5.1.1 Mailbox unavailable"
    assert real_smtp.received == []


def test_transient_failures_give_up_after_the_maximum(due_reminder, real_smtp, frozen, settings):
    settings.MAIL_MAX_ATTEMPTS = 3
    real_smtp.script("ana@mission.example", [451, 451, 451])
    for _attempt in range(2):
        assert delivery.deliver(due_reminder.pk).result == "retry"
        frozen(OutgoingMessage.objects.get(pk=due_reminder.pk).next_attempt_at)
    assert delivery.deliver(due_reminder.pk).result == "failed"
    due_reminder.refresh_from_db()
    assert due_reminder.last_error == (
        "Gave up after 3 attempts: 451 4.3.0 Temporary failure, try again later"
    )


def test_backoff_grows_with_jitter(settings):
    settings.MAIL_RETRY_BACKOFF_SECONDS = 60
    samples = {
        failures: [delivery.backoff_seconds(failures) for _ in range(200)] for failures in (1, 3, 8)
    }
    assert all(1 <= value <= 60 for value in samples[1])
    assert all(1 <= value <= 240 for value in samples[3])
    assert all(1 <= value <= 3600 for value in samples[8])
    assert len({round(value) for value in samples[3]}) > 20  # jitter: retries spread out
    assert max(samples[8]) > 600


def test_an_unreachable_server_is_a_transient_failure(due_reminder, settings):
    from config.settings.base import mailer
    from tests.smtp_server import free_port

    settings.MAILERS = {"default": mailer(f"smtp://127.0.0.1:{free_port()}")}
    assert delivery.deliver(due_reminder.pk).result == "retry"
    due_reminder.refresh_from_db()
    assert due_reminder.status == "planned"
    assert due_reminder.last_error.startswith("ConnectionRefusedError")


def test_a_reminder_whose_obligation_was_met_meanwhile_is_skipped(due_reminder, real_smtp):
    from reporting.models import ExpectedReport

    # Recorded behind the planner's back (an import): the send-time check still stops it.
    ExpectedReport.objects.filter(state=due_reminder.state, kind="annual", year=2025).update(
        received_on=date(2026, 2, 20)
    )
    assert delivery.deliver(due_reminder.pk).result == "skipped"
    due_reminder.refresh_from_db()
    assert (due_reminder.status, due_reminder.note) == ("skipped", "The obligation was met.")
    assert real_smtp.count() == 0


def test_an_inactive_contact_receives_nothing(due_reminder, real_smtp):
    type(due_reminder.contact).objects.filter(pk=due_reminder.contact_id).update(active=False)
    assert delivery.deliver(due_reminder.pk).result == "skipped"
    assert real_smtp.count() == 0


def test_stale_sends_are_recovered_by_whether_they_were_handed_over(frozen, contact, settings):
    settings.OUTBOX_STALE_SECONDS = 600
    frozen(at(2026, 2, 1, 9))
    ContactFactory(state=contact.state, email="second@mission.example")
    rule = make_rule(offsets=[-60])
    planning.reconcile(rule)
    frozen(at(2026, 3, 1, 8, 1))
    cut, handed = OutgoingMessage.objects.filter(period="annual-2025").order_by("pk")
    # Two workers died: one before writing the end of DATA, one after.
    for message in (cut, handed):
        assert delivery.claim(message.pk) is not None
    OutgoingMessage.objects.filter(pk=handed.pk).update(handed_over_at=timezone.now())
    assert outbox_scan.recover_stale() == {"released": 0, "unconfirmed": 0}  # not stale yet
    frozen(at(2026, 3, 1, 8, 12))
    assert outbox_scan.recover_stale() == {"released": 1, "unconfirmed": 1}
    cut.refresh_from_db()
    handed.refresh_from_db()
    assert (cut.status, cut.claim_token, cut.enqueued_at) == ("planned", None, None)
    assert cut.note == "Sent again: the worker sending it stopped before handing it over."
    assert (handed.status, handed.unconfirmed, handed.sent_at) == (
        "sent",
        True,
        handed.handed_over_at,
    )
    # The released one is picked up again by the next scan, once.
    assert outbox_scan.enqueue_due() == 1
    assert outbox_scan.enqueue_due() == 0


@pytest.mark.django_db(transaction=True)
def test_a_worker_overtaken_by_recovery_never_completes_the_message(frozen, contact, real_smtp):
    """The scan recovered a row from a worker it thought dead, while that worker was in the
    middle of the SMTP transaction: its checkpoint fails, it drops the connection before the
    end of DATA, and the server discards the message."""
    frozen(at(2026, 2, 1, 9))
    rule = make_rule(offsets=[-60])
    planning.reconcile(rule)
    frozen(at(2026, 3, 1, 8, 1))
    message = OutgoingMessage.objects.get(period="annual-2025")

    def recover_meanwhile(address):
        try:
            with connection.cursor() as cursor:  # the server thread has its own connection
                cursor.execute(
                    "UPDATE correspondence_outgoingmessage "
                    "SET status='planned', claim_token=NULL WHERE id=%s",
                    [message.pk],
                )
        finally:
            connection.close()

    real_smtp.handler.on_rcpt = recover_meanwhile
    assert delivery.deliver(message.pk).result == "overtaken"
    assert real_smtp.replies_to("ana@mission.example") == []  # DATA never completed
    message.refresh_from_db()
    assert (message.status, message.handed_over_at) == ("planned", None)
    real_smtp.handler.on_rcpt = None
    assert delivery.deliver(message.pk).result == "sent"
    assert len(real_smtp.received) == 1


def test_a_lost_reply_after_the_hand_over_is_sent_unconfirmed(due_reminder, real_smtp):
    real_smtp.handler.hang_up_after_data = True
    assert delivery.deliver(due_reminder.pk).result == "unconfirmed"
    due_reminder.refresh_from_db()
    assert (due_reminder.status, due_reminder.unconfirmed) == ("sent", True)
    assert due_reminder.note == (
        "Handed over to the mail server, but its acceptance was not confirmed."
    )
    assert len(real_smtp.received) == 1
    # Never sent again.
    assert outbox_scan.scan()["enqueued"] == 0
    assert delivery.deliver(due_reminder.pk).result == "not_claimed"


def test_a_connection_is_reused_and_replaced_when_the_server_dropped_it(frozen, contact, real_smtp):
    frozen(at(2026, 2, 1, 9))
    for index in range(3):
        ContactFactory(state=contact.state, email=f"c{index}@mission.example")
    rule = make_rule(offsets=[-60])
    planning.reconcile(rule)
    frozen(at(2026, 3, 1, 8, 1))
    first, second, third, fourth = OutgoingMessage.objects.filter(period="annual-2025").order_by(
        "pk"
    )
    assert delivery.deliver(first.pk).result == "sent"
    assert delivery.deliver(second.pk).result == "sent"
    # The server restarts (idle connections closed): the next message goes on a new one.
    real_smtp.restart()
    assert delivery.deliver(third.pk).result == "sent"
    assert delivery.deliver(fourth.pk).result == "sent"
    assert len(real_smtp.received) == 4


def test_enqueue_due_twice_at_the_same_moment_enqueues_each_row_once(frozen, contact):
    frozen(at(2026, 2, 1, 9))
    for index in range(4):
        ContactFactory(state=contact.state, email=f"c{index}@mission.example")
    rule = make_rule(offsets=[-60])
    planning.reconcile(rule)
    frozen(at(2026, 3, 1, 8, 1))
    assert outbox_scan.enqueue_due() == 5
    assert outbox_scan.enqueue_due() == 0
    # A task that never ran (its worker died) is enqueued again once the stale time passed.
    frozen(at(2026, 3, 1, 8, 1) + timedelta(seconds=601))
    assert outbox_scan.enqueue_due() == 5


def test_a_letter_copy_carries_the_letter_as_pdf_on_letterhead(frozen, contact, real_smtp):
    import io

    from pypdf import PdfReader

    from correspondence import services
    from correspondence.models import Letter
    from tests.factories import UserFactory

    frozen(at(2026, 2, 2, 9))
    staff = UserFactory(username="irene", role="isu_staff")
    letter = services.save_letter(
        Letter(
            title="Article 7",
            addressees="hand_picked",
            subject_en="Article 7 report of {{ state }}",
            body_en="Dear {{ contact_name }},\n\nPlease send the report.",
        ),
        [contact.state],
        staff,
    )
    services.approve_letter(letter, staff)
    services.send_letter(letter, staff)
    copy = OutgoingMessage.objects.get(letter=letter)
    assert delivery.deliver(copy.pk).result == "sent"
    (received,) = real_smtp.received
    # An ISU letter with no signatory chosen is signed by the Director.
    assert received.body == (
        "Geneva, 2 February 2026\n\nDear Ana,\n\nPlease send the report.\n\n"
        "Director, Implementation Support Unit\n"
    )
    ((filename, content_type, content),) = received.attachments
    assert (filename, content_type) == (
        f"{letter.reference.replace('/', '-')}-AGO.pdf",
        "application/pdf",
    )
    reader = PdfReader(io.BytesIO(content))
    text = reader.pages[0].extract_text()
    for expected in (
        "Article 7 report of Angola",
        "Dear Ana,",
        letter.reference,
        "2 February 2026",
        "Page 1 of 1",
    ):
        assert expected in text, (expected, text)
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=0.5)  # A4


# --- batches (issue 15) ----------------------------------------------------------------------


def _due_batch(frozen, contact, count: int) -> list[OutgoingMessage]:
    """``count`` contacts of Angola, each with the 2025 report's reminder due now."""
    frozen(at(2026, 2, 1, 9))
    for index in range(count - 1):
        ContactFactory(state=contact.state, email=f"c{index}@mission.example")
    planning.reconcile(make_rule(offsets=[-60]))
    frozen(at(2026, 3, 1, 8, 1))
    return list(OutgoingMessage.objects.filter(period="annual-2025").order_by("pk"))


@pytest.mark.parametrize("count", [3, 30])
def test_a_batch_is_claimed_in_one_statement_and_each_message_marked_on_its_own(
    frozen, contact, real_smtp, count
):
    from django.test.utils import CaptureQueriesContext

    messages = _due_batch(frozen, contact, count)
    with CaptureQueriesContext(connection) as captured:
        outcomes = delivery.deliver_batch([message.pk for message in messages])
    assert outcomes == {message.pk: delivery.Outcome("sent") for message in messages}
    statements = [query["sql"].split()[0] for query in captured.captured_queries]
    # One claim (UPDATE … RETURNING, with contact and State), the rules, the occurrences, the
    # overdue reports the text prints; then per message the checkpoint and the mark-sent.
    assert statements[:4] == ["UPDATE", "SELECT", "SELECT", "SELECT"]
    assert "RETURNING" in captured.captured_queries[0]["sql"]
    assert statements[4:] == ["UPDATE", "UPDATE"] * count
    assert sorted(item.message_id for item in real_smtp.received) == sorted(
        message.message_id for message in messages
    )
    received = {item.recipients[0]: item for item in real_smtp.received}
    assert received["ana@mission.example"].body == (
        "Dear Ana,\n\nThe report of Angola covering 2025 is due on 30 April 2026. Missing: "
        "initial report, 2019, 2020, 2021, 2022, 2023, 2024.\n"
    )
    batch = OutgoingMessage.objects.filter(period="annual-2025")
    assert set(batch.values_list("status", "attempts")) == {("sent", 1)}
    # A second run of the same batch (a task delivered twice) claims nothing.
    assert delivery.deliver_batch([message.pk for message in messages]) == {}
    assert len(real_smtp.received) == count


def test_a_batch_leaves_out_rows_sent_or_not_due_and_skips_what_is_no_longer_due(
    frozen, contact, real_smtp
):
    first, second, third, fourth = _due_batch(frozen, contact, 4)
    assert delivery.deliver(first.pk).result == "sent"
    OutgoingMessage.objects.filter(pk=second.pk).update(next_attempt_at=at(2026, 3, 1, 9))
    third.contact.active = False
    third.contact.save()
    outcomes = delivery.deliver_batch([first.pk, second.pk, third.pk, fourth.pk])
    assert outcomes == {
        third.pk: delivery.Outcome("skipped"),
        fourth.pk: delivery.Outcome("sent"),
    }
    assert dict(
        OutgoingMessage.objects.filter(period="annual-2025").values_list("pk", "status")
    ) == {
        first.pk: "sent",
        second.pk: "planned",
        third.pk: "skipped",
        fourth.pk: "sent",
    }
    assert sorted(item.recipients[0] for item in real_smtp.received) == sorted(
        [first.contact.email, fourth.contact.email]
    )


def test_rows_a_batch_did_not_reach_in_its_time_are_given_back(frozen, contact, real_smtp):
    messages = _due_batch(frozen, contact, 3)
    outcomes = delivery.deliver_batch([message.pk for message in messages], time_budget=0)
    assert outcomes == {
        messages[0].pk: delivery.Outcome("sent"),
        messages[1].pk: delivery.Outcome("released"),
        messages[2].pk: delivery.Outcome("released"),
    }
    rows = (
        OutgoingMessage.objects.filter(period="annual-2025")
        .order_by("pk")
        .values_list("status", "attempts", "claim_token")
    )
    assert list(rows) == [("sent", 1, rows[0][2]), ("planned", 0, None), ("planned", 0, None)]
    assert len(real_smtp.received) == 1
    assert delivery.deliver_batch([m.pk for m in messages]) == {
        messages[1].pk: delivery.Outcome("sent"),
        messages[2].pk: delivery.Outcome("sent"),
    }


@pytest.mark.slow
def test_on_sqlite_a_batch_is_claimed_once_and_read_back_with_its_contacts():
    """``make run`` runs on SQLite, which has no ``UPDATE … FROM … RETURNING`` and binds no
    UUID: the batch is claimed by a conditional UPDATE and read back by its token."""
    script = (
        "import uuid\n"
        "from datetime import timedelta\n"
        "from django.core.management import call_command\n"
        "from django.utils import timezone\n"
        "for app in ('states_parties', 'correspondence'):\n"
        "    call_command('migrate', app, verbosity=0)\n"
        "from correspondence import delivery\n"
        "from tests.factories import OutgoingMessageFactory\n"
        "now = timezone.now()\n"
        "due = OutgoingMessageFactory.create_batch(2, send_at=now - timedelta(minutes=1))\n"
        "later = OutgoingMessageFactory(send_at=now + timedelta(days=1))\n"
        "ids = [m.pk for m in (*due, later)]\n"
        "claimed = delivery.claim_batch(ids, uuid.uuid4(), now)\n"
        "print(sorted(m.pk for m in claimed) == sorted(m.pk for m in due))\n"
        "print(sorted({(m.status, m.attempts, m.contact.state.name == m.state.name) "
        "for m in claimed}))\n"
        "print(delivery.claim_batch(ids, uuid.uuid4(), now))\n"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={**clean, "DATABASE_URL": "sqlite://:memory:"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-4:] == ["True", "[('sending', 1, True)]", "[]", ""]
