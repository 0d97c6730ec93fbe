"""What every benchmark suite shares: a throwaway database, a logged-in client, the timing of a
page and the one format of a result line.

Times are server times measured in-process with Django's test client (no network, no browser),
so that a figure moves only when the application's own work changes. The test environment is
deliberately *not* set up (``setup_test_environment``): it instruments every template render
and the test client then copies each template's context, which would add to every figure a
cost production never pays.
"""

from __future__ import annotations

import gc
import signal
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

if TYPE_CHECKING:
    from django.db.models import Model

#: Timed requests per page: enough for a stable median and a meaningful 95th percentile while
#: keeping ``make bench`` to a couple of minutes.
RUNS = 30
#: Untimed requests first, so that imports, template loading and PostgreSQL's plan and buffer
#: caches do not land in the figures.
WARMUP = 3
#: Appended to the test database's name, so that a benchmark never reuses, and never drops,
#: the database of a test run going on at the same time.
DATABASE_SUFFIX = "_bench"


@dataclass(frozen=True)
class PageTiming:
    """The figures for one page: server time over the timed runs and the SQL it ran."""

    label: str
    median_ms: float
    p95_ms: float
    #: Fewest and most queries over the timed runs; they differ only if something is cached
    #: between requests (or forgotten between them), which the line then shows.
    min_queries: int
    max_queries: int
    #: Median time spent in SQL, as the database driver saw it.
    sql_ms: float

    @property
    def queries(self) -> int:
        return self.max_queries

    def line(self) -> str:
        """``states list, 200 States: median 12.3 ms, p95 15.1 ms, 6 queries``."""
        queries = (
            f"{self.max_queries}"
            if self.min_queries == self.max_queries
            else f"{self.min_queries}-{self.max_queries}"
        )
        return (
            f"{self.label}: median {self.median_ms:.1f} ms, p95 {self.p95_ms:.1f} ms, "
            f"{queries} queries"
        )


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile, interpolated between the two nearest samples.

    Interpolation keeps the 95th percentile of 30 samples from being simply the maximum."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def time_page(
    client: Client,
    url: str,
    label: str,
    *,
    runs: int = RUNS,
    warmup: int = WARMUP,
    contains: str | None = None,
) -> PageTiming:
    """Server time of a GET and the queries it runs.

    ``contains``, when given, must appear in the page: a figure for an empty result or an
    error page that happens to answer 200 would be meaningless."""
    for _ in range(warmup):
        _get(client, url, contains)
    durations: list[float] = []
    sql_times: list[float] = []
    query_counts: list[int] = []
    # Start every page from the same heap, so one page's garbage is not collected in the next.
    gc.collect()
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            _get(client, url, contains)
            durations.append((time.perf_counter() - started) * 1000)
        query_counts.append(len(captured.captured_queries))
        sql_times.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
    return PageTiming(
        label=label,
        median_ms=statistics.median(durations),
        p95_ms=percentile(durations, 0.95),
        min_queries=min(query_counts),
        max_queries=max(query_counts),
        sql_ms=statistics.median(sql_times),
    )


def _get(client: Client, url: str, contains: str | None = None) -> None:
    """Request a page and read all of it (a streamed export does its work while streaming)."""
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if contains is not None and contains.encode() not in body:
        raise RuntimeError(f"{url} does not show {contains!r}")


def bench_database_name() -> str:
    """The throwaway database's name: the test database's (``TEST_DATABASE_NAME``) + suffix."""
    settings_dict = connection.settings_dict
    test_name = settings_dict.get("TEST", {}).get("NAME") or f"test_{settings_dict['NAME']}"
    return f"{test_name}{DATABASE_SUFFIX}"


@contextmanager
def throwaway_database() -> Iterator[str]:
    """Create and migrate a database of our own, and drop it however the block ends.

    The real database is never opened: Django's test-database machinery connects to the
    server's maintenance database to create and drop ours, and switches the connection to it.
    SIGTERM is turned into an exception for the duration so that the database is dropped when
    the run is stopped too (SIGKILL cannot be caught; the next run replaces what it left)."""
    real_name = connection.settings_dict["NAME"]
    name = bench_database_name()
    if not name.startswith("test_") or name == real_name:
        raise RuntimeError(f"refusing to use {name!r} as a throwaway database")
    connection.settings_dict.setdefault("TEST", {})["NAME"] = name
    previous_handler = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        # No serialisation of the empty database: nothing here restores it.
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        if connection.settings_dict["NAME"] != name:
            raise RuntimeError(f"the connection points at {connection.settings_dict['NAME']!r}")
        yield name
    finally:
        try:
            # Also after a failed migration: the database exists once the connection was
            # switched to it.
            if connection.settings_dict["NAME"] == name:
                connection.creation.destroy_test_db(real_name, verbosity=0)
        finally:
            signal.signal(signal.SIGTERM, previous_handler)


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    sys.exit(128 + signum)


def keep_mail_in_memory() -> None:
    """Send any e-mail a page might send into memory, whatever ``EMAIL_URL`` says.

    This is the one part of the test environment the benchmark wants."""
    mailers = getattr(settings, "MAILERS", {"default": {}})
    settings.MAILERS = {
        alias: {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"} for alias in mailers
    }


def staff_client() -> Client:
    """A client logged in as ISU staff, the role that sees every part of every page."""
    from tests.factories import UserFactory
    from tests.utils import log_in_client

    client = Client()
    log_in_client(client, UserFactory(username="bench-staff", role="isu_staff"))
    return client


def truncate(*models: type[Model]) -> None:
    """Empty tables between sizes, with every table that refers to them, in one statement and
    without per-row signals (far faster than ``delete()`` at thousands of rows)."""
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} CASCADE")


def size_label(count: int, noun: str) -> str:
    """``2,000 States``: the thousands separator keeps sizes readable in a column of lines."""
    return f"{count:,} {noun}"
