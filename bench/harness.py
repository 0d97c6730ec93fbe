"""Timing, a throwaway database, and the format of every result line."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass
class PageTiming:
    label: str
    median_ms: float
    p95_ms: float
    queries: int
    sql_ms: float

    def line(self) -> str:
        return (
            f"{self.label}: median {self.median_ms:.1f} ms, p95 {self.p95_ms:.1f} ms, "
            f"{self.queries} queries"
        )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def time_page(client: Client, url: str, label: str, *, runs: int = 30, warmup: int = 3):
    """Server time of a GET, in-process (no network), with the queries it runs."""
    for _ in range(warmup):
        _get(client, url)
    durations = []
    sql_times = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            _get(client, url)
            durations.append((time.perf_counter() - started) * 1000)
        queries = len(captured.captured_queries)
        sql_times.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
    return PageTiming(
        label,
        statistics.median(durations),
        percentile(durations, 0.95),
        queries,
        statistics.median(sql_times),
    )


def _get(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    if response.streaming:
        b"".join(response.streaming_content)


@contextmanager
def throwaway_database() -> Iterator[None]:
    """Create, migrate and finally drop a database of our own; never touch a real one.

    Unlike the test runner, leave templates uninstrumented so that times are those of
    production code."""
    from django.test.utils import setup_databases, teardown_databases

    settings_dict = connection.settings_dict
    settings_dict.setdefault("TEST", {})["NAME"] = "test_secretariat_bench"
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        yield
    finally:
        teardown_databases(old_config, verbosity=0)


def staff_client() -> Client:
    from tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory(username="bench-staff", role="isu_staff"))
    return client


def truncate(*models) -> None:
    """Empty tables between sizes, with what refers to them, without per-row signals."""
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} CASCADE")


Suite = Callable[[], Iterator[str]]


def size_label(count: int, noun: str) -> str:
    return f"{count:,} {noun}"
