"""Issue 6: reminders per second end to end, from planned rows to messages received by an
SMTP server, for 500 and 10,000 contacts (issue 15: under 60 s for 10,000).

The whole production path runs: a beat tick (the ``correspondence.scan`` task) enqueues one
task per due row on the real Redis; a real Celery worker (prefork, 2 processes, no rate
limit) claims each row, writes the message, hands it to aiosmtpd on loopback and records it
sent. The clock starts when the tick is published and stops when the server has received the
last message; every message must have arrived exactly once or the run fails."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .harness import size_label, truncate

SIZES = (500, 10000)
CONTACTS_PER_STATE = 5
CONCURRENCY = 2


def populate(contacts: int):
    """``contacts`` contacts of ``contacts / 5`` States, each owing a reply to a letter due
    today, reminded by a rule a minute ago: one planned row per contact."""
    from correspondence.models import Letter, OutgoingMessage, ReminderRule
    from states_parties.models import StateParty
    from tests.factories import bulk_states
    from tests.reminder_scenarios import reminders_due_now

    truncate(StateParty, ReminderRule, Letter)
    states = bulk_states(max(1, contacts // CONTACTS_PER_STATE))
    started = time.perf_counter()
    rule = reminders_due_now(states, per_state=CONTACTS_PER_STATE)
    planned = OutgoingMessage.objects.filter(rule=rule, status="planned").count()
    return rule, planned, time.perf_counter() - started


def run(contacts: int) -> Iterator[str]:
    from config.celery import app, queue_names
    from correspondence.models import OutgoingMessage
    from correspondence.tasks import scan
    from tests.celery_worker import WorkerProcess, route_tasks_to
    from tests.smtp_server import SmtpServer

    rule, planned, planning_seconds = populate(contacts)
    label = size_label(contacts, "contacts")
    if planned != contacts:
        raise RuntimeError(f"planned {planned} sends for {contacts} contacts")
    yield f"setup and planning, {label}: {planned:,} rows in {planning_seconds:.1f} s"

    server = SmtpServer().start()
    worker = WorkerProcess(
        Path(tempfile.mkdtemp(prefix="bench-worker-")),
        extra_env={
            "EMAIL_URL": server.url,
            "MAIL_RATE_LIMIT": "",
            "DATABASE_CONN_MAX_AGE": "60",
        },
    )
    previous_queue = route_tasks_to(worker.queue)
    try:
        worker.start(concurrency=CONCURRENCY)
        started = time.perf_counter()
        scan.delay()
        if not server.wait_for(contacts, timeout=max(120, contacts)):
            raise RuntimeError(f"{server.count()} of {contacts} arrived\n{worker.log()[-3000:]}")
        elapsed = time.perf_counter() - started
        time.sleep(1)  # anything sent twice would arrive now
        received = server.received
        expected = {m.message_id for m in OutgoingMessage.objects.filter(rule=rule)}
        if len(received) != contacts or {item.message_id for item in received} != expected:
            raise RuntimeError(f"{len(received)} messages received for {contacts} rows")
        yield (
            f"reminders end to end, {label}: {contacts:,} received in {elapsed:.1f} s, "
            f"{contacts / elapsed:.1f} reminders per second "
            f"(worker: prefork, {CONCURRENCY} processes, no rate limit)"
        )
    finally:
        worker.stop()
        route_tasks_to(previous_queue)
        with app.connection_for_write() as connection:
            for queue in queue_names(worker.queue):
                connection.default_channel.queue_purge(queue)
        server.stop()
