"""E-mail has a queue (and, in production, a worker) of its own: reminders go out while the
PDF queue is flooded and its worker is busy or absent."""

from __future__ import annotations

import os
import uuid

import pytest

from config.celery import app
from correspondence.models import OutgoingMessage
from correspondence.tasks import scan
from documents.tasks import render_job
from tests.celery_worker import WorkerProcess, route_tasks_to
from tests.factories import bulk_states
from tests.reminder_scenarios import reminders_due_now
from tests.utils import wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.real_worker]

FLOOD = 200


def test_reminders_go_out_while_the_pdf_queue_is_flooded(tmp_path, smtp_server):
    queue = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex[:10]}"
    rule = reminders_due_now(bulk_states(2))
    previous = route_tasks_to(queue)
    # As in production, a worker for the mail queue only; the documents' worker is elsewhere
    # (here: nowhere), behind FLOOD renderings.
    worker = WorkerProcess(
        tmp_path,
        {"EMAIL_URL": smtp_server.url, "MAIL_RATE_LIMIT": ""},
        queue=queue,
        consumes=[f"{queue}.mail"],
    )
    try:
        for job_id in range(FLOOD):
            render_job.delay(10_000_000 + job_id)
        worker.start(concurrency=1)
        scan.delay()
        assert smtp_server.wait_for(6, timeout=60), worker.log()[-3000:]

        def statuses() -> set[str]:
            # Read afresh each time (a queryset iterated once keeps its first answer).
            return set(OutgoingMessage.objects.filter(rule=rule).values_list("status", flat=True))

        # The server holds the last message a moment before the worker records it as sent.
        assert wait_until(lambda: statuses() == {"sent"}, timeout=10), statuses()
        with app.connection_for_write() as connection:
            waiting = connection.default_channel.client.llen(f"{queue}.documents")
        assert waiting == FLOOD  # untouched: the mail worker never saw them
    finally:
        worker.stop()
        route_tasks_to(previous)
        with app.connection_for_write() as connection:
            for name in (queue, f"{queue}.mail", f"{queue}.documents"):
                connection.default_channel.queue_purge(name)
