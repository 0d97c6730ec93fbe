"""Several machines: two web processes and two workers, each in a working directory of its
own with no disk shared (nor used: none of them writes a file), sharing only PostgreSQL and
Redis. A file uploaded through web A downloads through web B; a PDF rendered by either worker
downloads through either web; reminders due now go out exactly once, whichever worker takes
them."""

from __future__ import annotations

import http.client
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from config.celery import app, queue_names
from correspondence.models import MessageStatus, OutgoingMessage
from correspondence.tasks import scan
from documents import services as document_services
from documents.models import RenderJob
from reporting.models import Submission
from tests.celery_worker import WorkerProcess, route_tasks_to
from tests.factories import DocumentFactory, UserFactory, bulk_states
from tests.proxy_servers import HOST, ORIGIN, production_env, stop, wait_for_port
from tests.reminder_scenarios import reminders_due_now
from tests.smtp_server import SmtpServer, free_port
from tests.utils import log_in_client

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.real_worker,
    pytest.mark.slow,
]

SECRET_KEY = "a-long-random-drill-secret-" + "m7Qx" * 12
PDF = b"%PDF-1.4\n% the Article 7 report of Cambodia, uploaded through web A\n%%EOF\n"
PROXY = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}


@contextmanager
def web(directory: Path, queue: str) -> Iterator[int]:
    """gunicorn with the production settings, run from ``directory`` (its machine)."""
    directory.mkdir()
    port = free_port()
    log_path = directory / "gunicorn.log"
    env = production_env(
        DJANGO_SECRET_KEY=SECRET_KEY,
        REDIS_URL=settings.CELERY_BROKER_URL,
        CELERY_QUEUE=queue,
        DJANGO_MEDIA_ROOT=str(directory / "media"),
        PYTHONPATH=str(settings.BASE_DIR),
    )
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--forwarded-allow-ips",
                "127.0.0.1",
            ],
            cwd=directory,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port, process, log_path)
        yield port
    finally:
        stop(process)


def request(port: int, method: str, path: str, cookies: dict, body: bytes = b"", **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    try:
        connection.request(
            method, path, body=body or None, headers={**PROXY, "Cookie": cookie, **headers}
        )
        response = connection.getresponse()
        content = response.read()
    finally:
        connection.close()
    for header in response.headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            cookies[name] = morsel.value
    return response.status, response.headers, content


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        disposition = f'Content-Disposition: form-data; name="{name}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    for name, (filename, content) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_two_webs_and_two_workers_share_only_postgresql_and_redis(tmp_path):
    shared = f"test-drill-{uuid.uuid4().hex[:8]}"
    # Each worker renders PDFs from a documents queue of its own (so that the test knows which
    # rendered what) and both take the shared queues: the beat's scan and the e-mail.
    own = {name: f"{shared}-{name}" for name in ("one", "two")}
    staff = UserFactory(username="drill-staff", role="isu_staff")
    with override_settings(SECRET_KEY=SECRET_KEY):
        session = log_in_client(Client(), staff).session.session_key
    states = bulk_states(20)
    cambodia = states[0]
    rule = reminders_due_now(states, per_state=3)
    smtp = SmtpServer().start()
    previous_queue = app.conf.task_default_queue
    workers = {
        name: WorkerProcess(
            tmp_path / f"worker-{name}",
            extra_env={"EMAIL_URL": smtp.url, "MAIL_RATE_LIMIT": ""},
            queue=shared,
            consumes=[shared, f"{shared}.mail", f"{queue}.documents"],
            cwd=tmp_path / f"worker-{name}",
            name=name,
        )
        for name, queue in own.items()
    }
    try:
        with ExitStack() as stack:
            for worker in workers.values():
                worker.log_dir.mkdir()
                worker.start(concurrency=1)
                stack.callback(worker.stop)
            web_a = stack.enter_context(web(tmp_path / "web-a", shared))
            web_b = stack.enter_context(web(tmp_path / "web-b", shared))

            # An upload through web A, downloaded through web B.
            cookies = {"__Host-sessionid": session}
            status, _headers, _body = request(web_a, "GET", "/reporting/reports/new/", cookies)
            assert status == 200
            body, content_type = multipart(
                {
                    "csrfmiddlewaretoken": cookies["__Host-csrftoken"],
                    "state": str(cambodia.pk),
                    "kind": "annual",
                    "year": "2025",
                    "received_on": "2026-04-02",
                    "visibility": "public",
                },
                {"document": ("cambodia-2025.pdf", PDF)},
            )
            status, _headers, content = request(
                web_a,
                "POST",
                "/reporting/reports/new/",
                cookies,
                body,
                **{"Content-Type": content_type, "Referer": f"{ORIGIN}/reporting/reports/new/"},
            )
            assert status == 302, content.decode(errors="replace")[-3000:]
            submission = Submission.objects.get(state=cambodia, year=2025)
            path = f"/reporting/reports/{submission.pk}/document/"
            status, _headers, downloaded = request(web_b, "GET", path, dict(cookies))
            assert (status, downloaded) == (200, PDF)

            # A PDF rendered by each worker, downloaded through each web.
            jobs = {}
            for name, queue in own.items():
                route_tasks_to(queue)
                document = DocumentFactory(symbol=f"APLC/DRILL/2026/WP.{len(jobs) + 1}")
                jobs[name] = document_services.request_pdf(document, requested_by=staff)
            route_tasks_to(shared)
            finished = RenderJob.objects.filter(
                pk__in=[job.pk for job in jobs.values()], status=RenderJob.Status.DONE
            )
            assert wait_until(lambda: finished.count() == 2, timeout=120), [
                worker.log() for worker in workers.values()
            ]
            for name, job in jobs.items():
                # Its own documents queue: only this worker could render it.
                assert "documents.render_job" in workers[name].log(), name
                for port in (web_a, web_b):
                    status, _headers, pdf = request(
                        port, "GET", f"/documents/jobs/{job.pk}/file/", dict(cookies)
                    )
                    assert status == 200 and pdf.startswith(b"%PDF-"), (name, port)

            # Reminders due now: both workers take the mail queue, the beat's scan runs twice
            # at once, and every contact gets one e-mail.
            planned = OutgoingMessage.objects.filter(rule=rule)
            assert planned.count() == 60
            scan.delay()
            scan.delay()
            assert wait_until(
                lambda: not planned.exclude(status=MessageStatus.SENT).exists(), timeout=120
            ), [worker.log() for worker in workers.values()]
            assert wait_until(lambda: smtp.count() >= 60, timeout=10)
            for worker in workers.values():
                worker.wait_until_idle()
            assert Counter(item.message_id for item in smtp.received) == Counter(
                {message.message_id: 1 for message in planned}
            )
    finally:
        smtp.stop()
        route_tasks_to(previous_queue)
        with app.connection_for_write() as connection:
            for queue in [*queue_names(shared), *(f"{q}.documents" for q in own.values())]:
                connection.default_channel.queue_purge(queue)
    # No machine wrote a file of its own: everything is in PostgreSQL.
    for directory in tmp_path.iterdir():
        assert not (directory / "media").exists(), directory
