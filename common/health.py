"""What the health endpoint checks: the database, Redis, the worker and beat.

The worker proves it is alive by running the ``common.heartbeat`` task that beat schedules;
beat proves it by publishing it (recorded here, in the beat process, as it publishes).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    age_seconds: int | None = None

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"ok": self.ok, "detail": self.detail}
        if self.age_seconds is not None:
            result["age_seconds"] = self.age_seconds
        return result


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("health: database unreachable: %s", error)
        return Check("database", False, "unreachable")
    return Check("database", True, "reachable")


def check_redis() -> Check:
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return Check("redis", True, "not used (filesystem broker)")
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        client.ping()
        client.close()
    except redis.RedisError as error:
        logger.warning("health: redis unreachable: %s", error)
        return Check("redis", False, "unreachable")
    return Check("redis", True, "reachable")


def check_heartbeat(name: str) -> Check:
    from .models import Heartbeat

    try:
        last_seen = Heartbeat.objects.filter(name=name).values_list("last_seen", flat=True).first()
    except DatabaseError:
        return Check(name, False, "unknown: the database is unreachable")
    if last_seen is None:
        return Check(name, False, "never seen")
    age = int((timezone.now() - last_seen).total_seconds())
    fresh = age <= settings.HEALTH_HEARTBEAT_MAX_AGE.total_seconds()
    return Check(name, fresh, f"last seen {last_seen.isoformat()}", age_seconds=age)


def run_checks() -> list[Check]:
    database = check_database()
    checks = [database, check_redis()]
    for name in ("worker", "beat"):
        checks.append(
            check_heartbeat(name) if database.ok else Check(name, False, "unknown: no database")
        )
    return checks


# --- beat's own heartbeat -------------------------------------------------------------------------

_in_beat = False


def _beat_started(**kwargs: Any) -> None:
    global _in_beat
    _in_beat = True


def _beat_published(**kwargs: Any) -> None:
    if not _in_beat:
        return
    from .models import Heartbeat

    try:
        Heartbeat.objects.update_or_create(name="beat", defaults={"last_seen": timezone.now()})
    except DatabaseError:
        logger.exception("beat could not record its heartbeat")


def connect_celery() -> None:
    from celery import signals

    signals.beat_init.connect(_beat_started, dispatch_uid="health.beat_init", weak=False)
    signals.after_task_publish.connect(_beat_published, dispatch_uid="health.beat", weak=False)
