"""A page that enqueues work answers within 2 seconds of its time with Redis answering while
Redis is stalled, and the work is not lost. The test runs its own redis-server (never the
shared one) and pauses it with SIGSTOP, which is worse than a stopped server: connections are
accepted and never answered."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from correspondence.models import Anchor, Letter, OutgoingMessage, ReminderRule
from tests.celery_worker import database_url
from tests.factories import ContactFactory, StatePartyFactory, UserFactory
from tests.smtp_server import free_port
from tests.utils import log_in_client

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT_SECONDS = 2.0


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30.0) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


@pytest.fixture
def own_redis():
    port = free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield port, process
    finally:
        os.kill(process.pid, signal.SIGCONT)
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def web_server(own_redis, tmp_path):
    """The application under gunicorn, as in production, with its broker on our Redis."""
    redis_port, _redis = own_redis
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "CELERY_QUEUE": "stall-test",
    }
    log = (tmp_path / "gunicorn.log").open("wb")
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
            "--timeout",
            "60",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


class Browser:
    """Just enough of a browser: a session cookie, the CSRF cookie and token, no redirects."""

    def __init__(self, port: int, user) -> None:
        client = Client()
        log_in_client(client, user)
        self.port = port
        self.cookies = {
            settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value
        }
        self.token = ""

    def request(self, method: str, path: str, form: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            from urllib.parse import urlencode

            body = urlencode({"csrfmiddlewaretoken": self.token, **form})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read().decode()
        elapsed = time.monotonic() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _sep, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if match:
            self.token = match.group(1)
        conn.close()
        return response.status, content, elapsed


def failed_message(state, contact, letter) -> OutgoingMessage:
    now = timezone.now()
    return OutgoingMessage.objects.create(
        kind="letter",
        letter=letter,
        state=state,
        contact=contact,
        send_at=now,
        next_attempt_at=now,
        status="failed",
        attempts=1,
        last_error="550 5.1.1 Mailbox unavailable",
    )


def test_pages_that_enqueue_work_answer_within_2_seconds_while_redis_is_stalled(
    own_redis, web_server
):
    _port, redis = own_redis
    staff = UserFactory(username="isu", role="isu_staff")
    state = StatePartyFactory(iso3="KHM", name="Cambodia")
    letter = Letter.objects.create(
        title="Article 9", addressees="hand_picked", subject_en="S", body_en="B", status="sent"
    )
    contacts = [
        ContactFactory(state=state, email=f"c{index}@cambodia.example") for index in range(3)
    ]
    warm, first, second = (failed_message(state, contact, letter) for contact in contacts)
    browser = Browser(web_server, staff)

    # With Redis answering, the retry publishes at once (and the connection pool is warm).
    status, _page, _elapsed = browser.request("GET", "/correspondence/outbox/?status=failed")
    assert status == 200
    status, _page, answering = browser.request(
        "POST", f"/correspondence/outbox/{warm.pk}/retry/", {}
    )
    assert status == 302
    # The bound is over what the same request takes with Redis answering (on a busy machine that
    # alone can take a second or two): a stalled broker may add the timeouts, never a hang.
    limit = answering + LIMIT_SECONDS
    warm.refresh_from_db()
    assert warm.status == "planned" and warm.enqueued_at is not None

    os.kill(redis.pid, signal.SIGSTOP)
    for message in (first, second):
        status, _page, elapsed = browser.request(
            "POST", f"/correspondence/outbox/{message.pk}/retry/", {}
        )
        assert status == 302
        assert elapsed < limit, f"the retry took {elapsed:.2f} s ({answering:.2f} s answering)"
        message.refresh_from_db()
        # Recorded, not lost: the next scan enqueues it (nothing says it is in the queue).
        assert (message.status, message.enqueued_at) == ("planned", None)

    # Saving a reminder rule enqueues its planning: same bound.
    status, page, _elapsed = browser.request("GET", "/correspondence/reminders/new/")
    assert status == 200
    status, page, elapsed = browser.request(
        "POST",
        "/correspondence/reminders/new/",
        {
            "name": "Annual report",
            "anchor": Anchor.ARTICLE7_ANNUAL,
            "offsets": "-30, -7",
            "send_time": "09:00",
            "effective_from": timezone.localdate().isoformat(),
            "active": "on",
            "subject_en": "Report of {{ state }}",
            "body_en": "Due {{ deadline }}.",
        },
    )
    assert status == 302, page
    assert elapsed < limit, f"saving the rule took {elapsed:.2f} s ({answering:.2f} s answering)"
    assert ReminderRule.objects.filter(name="Annual report").exists()
