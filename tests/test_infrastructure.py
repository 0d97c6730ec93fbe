"""The project runs the way the README says: settings per environment, Celery on Redis."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings

from common.models import Heartbeat
from common.tasks import heartbeat
from config.celery import app
from config.settings.base import celery_broker, mailer

ROOT = settings.BASE_DIR


def _import_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "EMAIL_"))
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"import {module} as s; print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL)",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_have_no_default_secrets():
    result = _import_settings("config.settings.production")
    assert result.returncode == 1
    assert "Set the DJANGO_SECRET_KEY environment variable" in result.stderr


def test_production_settings_from_the_environment():
    result = _import_settings(
        "config.settings.production",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="secretariat.example.org",
        DATABASE_URL="postgres://app@db.example.org/secretariat",
        REDIS_URL="redis://cache.example.org:6379/0",
        EMAIL_URL="smtp+tls://user:pw@smtp.example.org:587",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "redis://cache.example.org:6379/0",
    ]


def test_local_settings_need_no_server():
    result = _import_settings("config.settings.local")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "filesystem://"]


def test_local_settings_use_the_given_database_and_broker():
    result = _import_settings(
        "config.settings.local",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/other",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "redis://127.0.0.1:6379/3"]


def test_broker_and_mailer_helpers():
    url, options = celery_broker("redis://127.0.0.1:6379/0")
    assert url == "redis://127.0.0.1:6379/0"
    assert options["socket_timeout"] == 0.5
    assert mailer("smtp+tls://user:pw@smtp.example.org:587") == {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "smtp.example.org",
            "port": 587,
            "username": "user",
            "password": "pw",
            "use_tls": True,
            "use_ssl": False,
            "timeout": 10,
        },
    }


def test_every_scheduled_task_exists():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled == {
        "common.heartbeat",
        "reporting.sync_expected_reports",
        "correspondence.scan",
        "correspondence.plan_all",
    }

    assert scheduled <= set(app.tasks)
    assert app.conf.timezone == "UTC"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_heartbeat(celery_worker):
    heartbeat.delay()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not Heartbeat.objects.filter(name="worker").exists():
        time.sleep(0.1)
    assert Heartbeat.objects.filter(name="worker").exists(), celery_worker.log()
    assert "common.heartbeat" in celery_worker.log()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_leaves_the_database_as_cloned_with_the_migrations_rows():
    """Between transactional tests the tables are emptied and the rows the data migrations
    wrote come back as they were, with no audit rows: a test never depends on which test ran
    before it on its worker."""
    from django.db import connection

    from committees.models import Committee
    from reporting.models import Audience
    from states_parties.models import StateParty
    from tests.database import empty_tables
    from tests.factories import StatePartyFactory
    from tests.utils import history_row_count

    builtin = sorted(Audience.objects.values_list("query", "is_builtin"))
    committees = sorted(Committee.objects.values_list("code", "name"))
    StatePartyFactory(iso3="KHM")
    Audience.objects.create(name="Picked", query="hand_picked")
    Audience.objects.filter(query="all_bound").delete()
    Committee.objects.filter(code="CCC").update(name="Renamed")

    empty_tables(connection)

    assert sorted(Audience.objects.values_list("query", "is_builtin")) == builtin
    assert {query for query, _builtin in builtin} >= {"all_bound", "overdue"}
    assert sorted(Committee.objects.values_list("code", "name")) == committees
    assert [code for code, _name in committees] == ["CA5", "CCC", "CECA", "CVA"]
    assert not StateParty.objects.exists()
    assert history_row_count() == 0

    # With every table empty (the seeded rows gone too), they still come back.
    empty_tables(connection, reseed=False)
    assert not Committee.objects.exists()
    empty_tables(connection)
    assert sorted(Committee.objects.values_list("code", "name")) == committees
