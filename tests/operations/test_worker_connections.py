"""Issue 15, item 1: a worker process keeps its database connection between tasks (Celery's
Django integration would otherwise open a new one per task), and replaces one that broke."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.db import connection

from tests.celery_worker import WorkerProcess, route_tasks_to


def wait_for_lines(path: Path, count: int, worker: WorkerProcess) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lines = path.read_text().split() if path.exists() else []
        if len(lines) >= count:
            return [int(line) for line in lines]
        time.sleep(0.05)
    raise AssertionError(f"{count} tasks did not run:\n{worker.log()}")


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_keeps_its_connection_and_replaces_a_broken_one(tmp_path):
    from tests.operations.tasks import record_backend

    record = tmp_path / "backends.txt"
    worker = WorkerProcess(tmp_path, extra_env={"CELERY_EXTRA_IMPORTS": "tests.operations.tasks"})
    previous = route_tasks_to(worker.queue)
    worker.start(concurrency=1)
    try:
        for count in (1, 2, 3):
            record_backend.delay(str(record))
            wait_for_lines(record, count, worker)
        first = wait_for_lines(record, 3, worker)
        assert len(set(first)) == 1  # one connection for the three tasks
        # PostgreSQL restarted, say: the kept connection is dead. The health check before the
        # next task's first query notices and reconnects; the task does not fail.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [first[0]])
        record_backend.delay(str(record))
        record_backend.delay(str(record))
        after = wait_for_lines(record, 5, worker)
    finally:
        worker.stop()
        route_tasks_to(previous)
    assert after[:3] == first
    assert after[3] == after[4] != first[0]
    assert "raised unexpected" not in worker.log()
