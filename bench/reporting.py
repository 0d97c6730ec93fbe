"""Issue 4: compliance lists and committee dashboards at 200 and 2,000 States x 27 years.

The dashboard line adds the ratio of the page's server time to the time of the SQL it runs,
the overhead of everything that is not the database."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import date

from .harness import size_label, staff_client, time_page, truncate

SIZES = (200, 2000)
YEARS = 27  # reports for 1999 to 2025


def populate(count: int) -> None:
    """``count`` States in force since 1 March 1999, each owing 27 years of reports; about a
    third missed, every tenth State silent since 2019."""
    from reporting.models import ExpectedReport, Submission
    from reporting.services import sync_expected_reports
    from states_parties.models import StateParty
    from tests.factories import bulk_states

    truncate(StateParty)
    states = bulk_states(count, deposit_date=date(1998, 9, 1))
    sync_expected_reports(states, through_year=1999 + YEARS - 1)
    rng = random.Random(count)
    silent = {state.pk for state in states[::10]}
    today = date.today()
    Submission.objects.bulk_create(
        (
            Submission(state_id=r.state_id, kind=r.kind, year=r.year, received_on=r.due_date)
            for r in ExpectedReport.objects.filter(due_date__lt=today).iterator()
            if rng.random() < 0.66 and not (r.state_id in silent and r.year >= 2019)
        ),
        batch_size=5000,
    )
    sync_expected_reports(states, through_year=1999 + YEARS - 1)
    # What autovacuum does to a table this size in production: fresh planner statistics and a
    # visibility map for index-only scans.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def run(count: int) -> Iterator[str]:
    """Fill the database with ``count`` States and their reports, then time each page."""
    from reporting.models import ExpectedReport

    client = staff_client()
    started = time.perf_counter()
    populate(count)
    size = size_label(count, "States")
    yield (
        f"(data: {count:,} States, {ExpectedReport.objects.count():,} expected reports, "
        f"built in {time.perf_counter() - started:.0f} s)"
    )
    for code in ("CCC", "CA5", "CVA", "CECA"):
        timing = time_page(client, f"/committees/{code}/dashboard/", f"dashboard {code}, {size}")
        ratio = timing.median_ms / timing.sql_ms if timing.sql_ms else float("nan")
        yield f"{timing.line()}, SQL ratio {ratio:.1f}"
    for url, label in (
        ("/reporting/", "reporting overview"),
        ("/reporting/overdue/", "overdue list"),
        ("/reporting/overdue/?min=2&open_obligation=article5", "overdue list filtered"),
        ("/reporting/grid/", "state-by-year grid"),
        ("/reporting/grid/?from=1999&to=2024&only_overdue=on", "state-by-year grid filtered"),
        ("/reporting/article9/", "Article 9 outstanding"),
        ("/reporting/reports/", "reports received"),
        ("/reporting/audiences/", "audiences"),
    ):
        yield time_page(client, url, f"{label}, {size}").line()
