"""A real Celery worker in a child process, on the real Redis and the test database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from config.celery import app, queue_names

READY_TIMEOUT = 30.0


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
    ) -> None:
        self.queue = queue or f"test-{uuid.uuid4().hex[:10]}"
        #: The queues it reads: by default its default queue and the mail and documents queues
        #: named after it, so that one worker does every kind of work.
        self.consumes = consumes or queue_names(self.queue)
        self.log_dir = log_dir
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen | None = None
        self.starts = 0

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url(),
            "CELERY_QUEUE": self.queue,
            **self.extra_env,
        }

    def start(self, concurrency: int = 2) -> None:
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
                f"{self.queue}-{len(self.consumes)}-{self.starts}@%h",
            ],
            env=self.env,
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
