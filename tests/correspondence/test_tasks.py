"""How the tasks are declared and scheduled, and the settings that tune them."""

import os
import subprocess
import sys
from datetime import timedelta

from django.conf import settings

from config.celery import app
from correspondence import queue, tasks


def test_the_e_mail_task_is_declared_for_exactly_once_delivery():
    deliver = app.tasks["correspondence.deliver"]
    assert deliver.name == tasks.deliver.name
    assert (deliver.acks_late, deliver.reject_on_worker_lost, deliver.ignore_result) == (
        True,
        True,
        True,
    )
    # The hard time limit is below the age at which the scan recovers a send.
    assert deliver.time_limit == settings.OUTBOX_STALE_SECONDS // 2 == 300
    assert deliver.rate_limit == settings.MAIL_RATE_LIMIT == "10/s"
    batch = app.tasks["correspondence.deliver_batch"]
    assert (batch.acks_late, batch.reject_on_worker_lost, batch.ignore_result) == (True, True, True)
    assert batch.time_limit == 300
    # 10 messages a second: batches of 10, one a second.
    assert (queue.BATCH_SIZE, batch.rate_limit) == (10, "1/s")
    assert {name for name in app.tasks if name.startswith("correspondence.")} == {
        "correspondence.deliver",
        "correspondence.deliver_batch",
        "correspondence.scan",
        "correspondence.dispatch_due",
        "correspondence.plan_rule",
        "correspondence.plan_all",
    }


def test_batches_follow_the_rate_limit():
    assert queue.batch_plan(50, None) == (50, None)
    assert queue.batch_plan(50, "10/s") == (10, "1/s")
    assert queue.batch_plan(50, "600/m") == (10, "1/s")
    assert queue.batch_plan(50, "200/s") == (50, "4/s")
    assert queue.batch_plan(50, "30/m") == (1, "0.5/s")
    assert queue.batch_plan(0, None) == (1, None)


def test_beat_scans_every_two_minutes_in_utc():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["correspondence-scan"] == {
        "task": "correspondence.scan",
        "schedule": timedelta(seconds=120),
    }
    assert schedule["correspondence-plan"]["task"] == "correspondence.plan_all"
    assert app.conf.timezone == "UTC" and app.conf.enable_utc is True


def _worker_settings(**env: str) -> str:
    code = (
        "import django; django.setup();"
        "from django.conf import settings; from correspondence.tasks import deliver;"
        "print(deliver.rate_limit, settings.REMINDER_CATCH_UP_HOURS, settings.OUTBOX_STALE_SECONDS,"
        " deliver.time_limit, settings.CELERY_BEAT_SCHEDULE['correspondence-scan']['schedule'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_rate_limit_catch_up_and_recovery_come_from_the_environment():
    assert (
        _worker_settings(
            MAIL_RATE_LIMIT="600/m",
            REMINDER_CATCH_UP_HOURS="6",
            OUTBOX_STALE_SECONDS="120",
            REMINDER_SCAN_SECONDS="60",
        )
        == "600/m 6 120 60 0:01:00"
    )
    assert _worker_settings(MAIL_RATE_LIMIT="").startswith("None ")
