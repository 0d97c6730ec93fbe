"""A real Celery worker in a child process, on the real Redis and the test database."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from config.celery import app, queue_names

READY_TIMEOUT = 30.0
#: ``Task <name>[<id>] received`` when the worker takes a message; any other word after the id
#: (succeeded, retry, raised, failed...) when that run of the task is over.
TASK_LINE = re.compile(r"Task [\w.]+\[([0-9a-f-]{36})\] (\w+)")
#: Set by the root conftest before each test: whether it is marked ``real_worker``. A worker is
#: slow to start, and ``make test-fast`` leaves out exactly the tests so marked.
allowed_for_this_test = True


def database_url() -> str:
    """The test database, for a child process (worker, web server) to use."""
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}@{host}:{port}/{db['NAME']}"


class WorkerProcess:
    """Start, kill and restart a worker that consumes a queue of its own."""

    def __init__(
        self,
        log_dir: Path,
        extra_env: dict[str, str] | None = None,
        *,
        queue: str | None = None,
        consumes: list[str] | None = None,
        cwd: Path | None = None,
        name: str = "",
    ) -> None:
        # The xdist worker's name too, so that a queue left behind says whose it was.
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.queue = queue or f"test-{worker}-{uuid.uuid4().hex[:10]}"
        #: The queues it reads: by default its default queue and the mail and documents queues
        #: named after it, so that one worker does every kind of work.
        self.consumes = consumes or queue_names(self.queue)
        self.log_dir = log_dir
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen | None = None
        self.starts = 0
        #: Its own working directory (another machine's), instead of the checkout's.
        self.cwd = cwd
        self.name = name

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url(),
            # This process's broker: under xdist, its worker's own Redis database.
            "REDIS_URL": settings.CELERY_BROKER_URL,
            "CELERY_QUEUE": self.queue,
            # As in production: each pool process keeps its connection between tasks.
            "DATABASE_CONN_MAX_AGE": "60",
            # The code, wherever the worker runs from.
            "PYTHONPATH": str(settings.BASE_DIR),
            **self.extra_env,
        }

    def start(self, concurrency: int = 2) -> None:
        if not allowed_for_this_test:
            raise RuntimeError("a test that starts a worker must be marked real_worker")
        self.starts += 1
        self.log_path = self.log_dir / f"worker-{self.starts}.log"
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "--app",
                "config",
                "worker",
                "--queues",
                ",".join(self.consumes),
                "--pool",
                "prefork",
                "--concurrency",
                str(concurrency),
                "--loglevel",
                "INFO",
                "--without-mingle",
                "--without-gossip",
                "--hostname",
                f"{self.queue}{self.name}-{len(self.consumes)}-{self.starts}@%h",
            ],
            env=self.env,
            cwd=self.cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if b" ready." in self.log_path.read_bytes():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"worker did not start:\n{self.log_path.read_text()}")

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children), as a crash would."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def unfinished_tasks(self) -> int:
        """Tasks this run of the worker received and has not finished (by its INFO log), plus
        the messages still waiting in its queue."""
        received: Counter[str] = Counter()
        for task_id, event in TASK_LINE.findall(self.log()):
            received[task_id] += 1 if event == "received" else -1
        with app.connection_for_write() as connection:
            client = connection.default_channel.client
            waiting = sum(client.llen(queue) for queue in self.consumes)
        return sum(count for count in received.values() if count > 0) + waiting

    def wait_until_idle(self, timeout: float = 30.0) -> None:
        """Until the worker has nothing received, running or queued, twice in a row: then
        anything a task sent has arrived (what a fixed sleep used to hope for)."""
        deadline = time.monotonic() + timeout
        idle_polls = 0
        while idle_polls < 2:
            if time.monotonic() > deadline:
                raise AssertionError(f"the worker is still busy:\n{self.log()}")
            idle_polls = idle_polls + 1 if self.unfinished_tasks() == 0 else 0
            time.sleep(0.1)


def route_tasks_to(queue: str) -> str:
    """Send tasks from this process to ``queue`` (and to the mail and documents queues named
    after it: ``config.celery.route_task``); returns the previous default."""
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    return previous


@contextmanager
def running_worker(
    log_dir: Path, extra_env: dict[str, str] | None = None
) -> Iterator[WorkerProcess]:
    """A started worker that this process's tasks go to, stopped afterwards."""
    worker = WorkerProcess(log_dir, extra_env)
    previous_queue = route_tasks_to(worker.queue)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()
        route_tasks_to(previous_queue)
