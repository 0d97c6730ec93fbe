"""The health endpoint: database, Redis, the worker's and beat's heartbeats."""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from common.models import Heartbeat

pytestmark = pytest.mark.django_db


def _health(client=None, url="/health/ready/"):
    response = (client or Client()).get(url)
    return response.status_code, json.loads(response.content)


def _beats(age: timedelta = timedelta(seconds=5)):
    for name in ("worker", "beat"):
        Heartbeat.objects.update_or_create(name=name, defaults={"last_seen": timezone.now() - age})


@pytest.mark.parametrize("url", ["/health/ready/", "/health/"])
def test_all_well_is_200_for_anyone(url):
    _beats()
    started = time.monotonic()
    status, body = _health(url=url)
    # The first request of a process imports every view: on a busy machine, seconds.
    took = time.monotonic() - started
    assert status == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "detail": "reachable"}
    assert body["checks"]["redis"] == {"ok": True, "detail": "reachable"}
    assert body["checks"]["worker"]["ok"] is True
    assert 4 <= body["checks"]["worker"]["age_seconds"] <= 6 + took
    assert body["checks"]["beat"]["ok"] is True


def test_a_silent_worker_or_beat_is_503():
    _beats(age=timedelta(minutes=10))
    status, body = _health()
    assert status == 503
    assert body["status"] == "failing"
    assert body["checks"]["worker"]["ok"] is False
    assert body["checks"]["worker"]["age_seconds"] >= 600
    Heartbeat.objects.all().delete()
    status, body = _health()
    assert (status, body["checks"]["beat"]) == (503, {"ok": False, "detail": "never seen"})


def test_liveness_touches_nothing_and_answers_when_readiness_fails(
    settings, django_assert_num_queries
):
    """No heartbeat, no broker: not ready, but alive; and the liveness answer runs no query,
    opens no session and sets no cookie."""
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    assert _health()[0] == 503
    with django_assert_num_queries(0):
        response = Client().get("/health/live/")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    assert response.cookies == {}


def test_redis_down_is_503(settings):
    _beats()
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    started = time.monotonic()
    status, body = _health()
    assert time.monotonic() - started < 3
    assert status == 503
    assert body["checks"]["redis"] == {"ok": False, "detail": "unreachable"}
    assert body["checks"]["database"]["ok"] is True


def test_the_filesystem_broker_of_make_run_needs_no_redis(settings):
    _beats()
    settings.CELERY_BROKER_URL = "filesystem://"
    status, body = _health()
    assert status == 200
    assert body["checks"]["redis"] == {"ok": True, "detail": "not used (filesystem broker)"}


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_and_beat_make_the_application_healthy(tmp_path):
    from tests.celery_worker import WorkerProcess, route_tasks_to

    worker = WorkerProcess(tmp_path, extra_env={"HEARTBEAT_SECONDS": "1"})
    previous = route_tasks_to(worker.queue)
    worker.start(concurrency=1)
    beat_log = (tmp_path / "beat.log").open("wb")
    beat = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "--app",
            "config",
            "beat",
            "--loglevel",
            "INFO",
            "--schedule",
            str(tmp_path / "schedule"),
        ],
        env=worker.env,
        stdout=beat_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        assert _health()[0] == 503
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _health()[0] != 200:
            time.sleep(0.5)
        status, body = _health()
    finally:
        os.killpg(beat.pid, signal.SIGTERM)
        beat.wait(timeout=15)
        worker.stop()
        route_tasks_to(previous)
    assert status == 200, (body, (tmp_path / "beat.log").read_text(), worker.log())
    assert body["checks"]["worker"]["age_seconds"] <= 5
    assert body["checks"]["beat"]["age_seconds"] <= 5
