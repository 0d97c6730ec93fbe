"""End to end: a real Celery worker (child process) on the real Redis, the test database and
a real SMTP server on loopback, as production runs them."""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from config.celery import app
from correspondence import planning
from correspondence.models import (
    Anchor,
    MessageStatus,
    OutgoingMessage,
    ReminderRule,
)
from correspondence.tasks import scan
from reporting import services as reporting_services
from reporting.models import Submission
from states_parties import services as states_services
from tests.celery_worker import WorkerProcess, route_tasks_to
from tests.factories import ContactFactory, StatePartyFactory, UserFactory, bulk_states
from tests.reminder_scenarios import reminders_due_now
from tests.utils import log_in_client, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

STALE_SECONDS = 3


@pytest.fixture
def mail_worker(transactional_db, tmp_path, smtp_server):
    """A worker that mails the test's SMTP server, recovers stale sends after 3 s and retries
    transient failures after about a second."""
    worker = WorkerProcess(
        tmp_path,
        extra_env={
            "EMAIL_URL": smtp_server.url,
            "OUTBOX_STALE_SECONDS": str(STALE_SECONDS),
            "MAIL_RETRY_BACKOFF_SECONDS": "1",
            "MAIL_RATE_LIMIT": "",
            # As in production: a worker keeps its database connection between tasks.
            "DATABASE_CONN_MAX_AGE": "60",
        },
    )
    previous_queue = route_tasks_to(worker.queue)
    worker.start(concurrency=2)
    try:
        yield worker
    finally:
        worker.stop()
        route_tasks_to(previous_queue)
        with app.connection_for_write() as connection:
            connection.default_channel.queue_purge(worker.queue)


def unsent(rule=None) -> int:
    rows = OutgoingMessage.objects.exclude(status=MessageStatus.SENT)
    return (rows.filter(rule=rule) if rule else rows).count()


@pytest.mark.slow
def test_300_reminders_a_sigkill_mid_run_and_a_restart_deliver_each_exactly_once(
    mail_worker, smtp_server
):
    rule = reminders_due_now(bulk_states(100))
    assert OutgoingMessage.objects.filter(rule=rule, status="planned").count() == 300

    # A slow server: from the 100th message on, its replies and the next recipients wait.
    # The kill then finds both pool processes inside an SMTP transaction: one has handed its
    # message over and waits for the reply, the other has not reached the end of DATA.
    smtp_server.handler.stall_seconds = 30
    smtp_server.handler.stall_after = 100
    scan.delay()
    sending = OutgoingMessage.objects.filter(rule=rule, status="sending")
    caught = wait_until(
        lambda: (
            smtp_server.count() >= 100
            and sending.filter(handed_over_at__isnull=False).exists()
            and sending.filter(handed_over_at__isnull=True).exists()
        ),
        timeout=90,
    )
    assert caught, mail_worker.log()
    mail_worker.kill()
    smtp_server.handler.stall_after = None
    at_kill = smtp_server.count()
    handed_over = set(sending.filter(handed_over_at__isnull=False).values_list("pk", flat=True))
    cut = set(sending.filter(handed_over_at__isnull=True).values_list("pk", flat=True))
    assert 100 <= at_kill < 300
    # One row was handed over, or two when the second process reached its end of DATA between
    # the moment caught and the kill (a busy machine); the rows cut are the rest of the two
    # batches the pool processes had claimed (MAIL_BATCH_SIZE at a time).
    assert 1 <= len(handed_over) <= 2
    assert 1 <= len(cut) <= 2 * settings.MAIL_BATCH_SIZE - len(handed_over)

    mail_worker.start(concurrency=2)
    # Beat keeps ticking: each tick recovers sends stale for STALE_SECONDS and re-enqueues
    # what the dead worker had taken from the queue.
    deadline = time.monotonic() + 120
    while unsent(rule) and time.monotonic() < deadline:
        scan.delay()
        wait_until(lambda: not unsent(rule), timeout=STALE_SECONDS)
    assert unsent(rule) == 0, mail_worker.log()
    assert wait_until(lambda: smtp_server.count() >= 300, timeout=10)
    mail_worker.wait_until_idle()  # anything extra would have arrived now

    received = smtp_server.received
    messages = list(OutgoingMessage.objects.filter(rule=rule))
    assert len(received) == 300
    assert Counter(item.message_id for item in received) == Counter(
        {message.message_id: 1 for message in messages}
    )
    assert sorted(address for item in received for address in item.recipients) == sorted(
        message.contact.email for message in OutgoingMessage.objects.select_related("contact")
    )
    # The one handed over was delivered before the kill: recorded as sent, unconfirmed, never
    # sent again. The one cut before the end of DATA was discarded by the server, sent again.
    for message in messages:
        assert message.unconfirmed == (message.pk in handed_over)
    # Every row cut by the kill was sent again, exactly once.
    assert set(OutgoingMessage.objects.filter(pk__in=cut).values_list("attempts", flat=True)) == {2}


def test_two_beat_ticks_at_the_same_moment_send_nothing_extra(mail_worker, smtp_server):
    rule = reminders_due_now(bulk_states(20))
    scan.delay()
    scan.delay()  # two schedulers, or a tick repeated: both run at once on two processes
    assert wait_until(lambda: unsent(rule) == 0, timeout=60), mail_worker.log()
    scan.delay()
    mail_worker.wait_until_idle()
    assert smtp_server.count() == 60
    assert len({item.message_id for item in smtp_server.received}) == 60
    assert set(OutgoingMessage.objects.values_list("attempts", flat=True)) == {1}


def test_451_then_success_delivers_once_and_550_fails_visibly(mail_worker, smtp_server):
    states = bulk_states(2)
    rule = reminders_due_now(states, per_state=2)
    transient, permanent, *_fine = sorted(
        OutgoingMessage.objects.filter(rule=rule).values_list("contact__email", flat=True)
    )
    smtp_server.script(transient, [451, 250])
    smtp_server.script(permanent, [550])
    scan.delay()
    settled = wait_until(
        lambda: not OutgoingMessage.objects.filter(status__in=["planned", "sending"]).exists(),
        timeout=60,
    )
    assert settled, mail_worker.log()
    assert smtp_server.replies_to(transient) == [451, 250]
    assert smtp_server.replies_to(permanent) == [550]
    assert sorted(a for item in smtp_server.received for a in item.recipients) == sorted(
        set(OutgoingMessage.objects.values_list("contact__email", flat=True)) - {permanent}
    )
    retried = OutgoingMessage.objects.get(contact__email=transient)
    assert (retried.status, retried.attempts, retried.transient_failures) == ("sent", 2, 1)
    failed = OutgoingMessage.objects.get(contact__email=permanent)
    assert (failed.status, failed.attempts, failed.last_error) == (
        "failed",
        1,
        "550 5.1.1 Mailbox unavailable",
    )

    staff = Client()
    log_in_client(staff, UserFactory(username="isu", role="isu_staff"))
    page = staff.get("/correspondence/outbox/?status=failed").content.decode()
    assert f'id="message-{failed.pk}" data-status="failed"' in page
    assert "550 5.1.1 Mailbox unavailable" in page
    assert f'action="/correspondence/outbox/{failed.pk}/retry/"' in page
    # Retried by staff (the address was fixed on the server side): it goes, once.
    smtp_server.script(permanent, [])
    assert staff.post(f"/correspondence/outbox/{failed.pk}/retry/").status_code == 302
    assert wait_until(lambda: smtp_server.replies_to(permanent) == [550, 250], timeout=30)
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("sent", 2)


def test_moving_a_deadline_re_arms_and_recording_the_report_skips_the_rest(
    mail_worker, smtp_server
):
    """The initial Article 7 report: its due date moves to today when entry into force is
    corrected; the reminder due this morning goes; the report arrives; tomorrow's is skipped."""
    today = timezone.localdate()
    moment = timezone.localtime() - timedelta(minutes=1)
    state = StatePartyFactory(iso3="KHM", name="Cambodia", deposit_date=today - timedelta(days=400))
    state.entry_into_force_override = today - timedelta(days=200)
    state.entry_into_force_override_reason = "Depositary notification"
    states_services.save_state_party(state)
    ContactFactory(state=state, email="pm@cambodia.example")
    rule = ReminderRule.objects.create(
        name="Initial report",
        anchor=Anchor.ARTICLE7_INITIAL,
        offsets=[0, 1],
        send_time=moment.time().replace(microsecond=0),
        effective_from=today - timedelta(days=1),
        subject_en="Initial report of {{ state }} due {{ deadline }}",
        body_en="Due {{ deadline }}.",
    )
    ReminderRule.objects.filter(pk=rule.pk).update(created_at=moment - timedelta(hours=1))
    rule.refresh_from_db()
    planning.reconcile(rule)
    assert not OutgoingMessage.objects.exists()  # due 20 days ago: before the rule existed

    state.entry_into_force_override = today - timedelta(days=180)
    states_services.save_state_party(state)
    assert set(OutgoingMessage.objects.values_list("offset_days", "status")) == {
        (0, "planned"),
        (1, "planned"),
    }
    scan.delay()
    assert smtp_server.wait_for(1, timeout=30), mail_worker.log()
    (received,) = smtp_server.received
    assert received.subject == (
        f"Initial report of Cambodia due {today.day} {today:%B} {today.year}"
    )

    reporting_services.save_submission(
        Submission(
            state=state, kind="initial", year=(today - timedelta(days=180)).year, received_on=today
        )
    )
    assert set(OutgoingMessage.objects.values_list("offset_days", "status")) == {
        (0, "sent"),
        (1, "skipped"),
    }
    scan.delay()
    mail_worker.wait_until_idle()
    assert smtp_server.count() == 1
