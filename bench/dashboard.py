"""Issue 15, item 3: the committee dashboard built on every request and read from the cache
(local memory, then Redis: ``REDIS_URL``, default database 4), with 2,000 States x 27 years.

``uncached`` is the work of a first visitor of the day (or after a change); ``SQL ratio`` is
the page's server time over the time of the SQL it runs."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator

from .harness import size_label, staff_client, time_page
from .reporting import populate

SIZES = (2000,)
CODES = ("CCC", "CA5")


def _caches(backend: str) -> dict:
    if backend == "redis":
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/4"),
                "KEY_PREFIX": f"bench-{uuid.uuid4().hex}",
            }
        }
    if backend == "memory":
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def run(count: int) -> Iterator[str]:
    from django.test import override_settings

    from reporting.models import ExpectedReport

    client = staff_client()
    started = time.perf_counter()
    populate(count)
    size = size_label(count, "States")
    yield (
        f"(data: {count:,} States, {ExpectedReport.objects.count():,} expected reports, "
        f"built in {time.perf_counter() - started:.0f} s)"
    )
    for backend, label in (("none", "uncached"), ("memory", "cached"), ("redis", "Redis")):
        with override_settings(CACHES=_caches(backend)):
            for code in CODES:
                timing = time_page(
                    client, f"/committees/{code}/dashboard/", f"dashboard {code} {label}, {size}"
                )
                ratio = timing.median_ms / timing.sql_ms if timing.sql_ms else float("nan")
                yield f"{timing.line()}, SQL {timing.sql_ms:.1f} ms, ratio {ratio:.1f}"
