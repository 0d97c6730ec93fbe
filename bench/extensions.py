"""Issue 18: the Committee on Article 5 Implementation's extension panels (requests expected at
the coming Meeting, the others awaiting a decision, progress against the work plans) and the
list of requests expected, at 200 and 2,000 States: the queries stay the same, whatever the
number of States."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .harness import RUNS, WARMUP, percentile, size_label, staff_client, time_page, truncate

SIZES = (200, 2000)


def populate(count: int) -> date:
    """``count`` States with mined areas whose deadlines fall around the coming Meeting (a
    third of them with a request and a work plan), and the formal calendar. Returns the day
    the figures are taken on."""
    from committees.models import Committee, Meeting
    from extensions.models import ExtensionRequest, ProgressFigure, RequestVersion, WorkPlanYear
    from states_parties.models import Article5Extension, StateParty
    from tests.factories import bulk_states

    truncate(Article5Extension, StateParty, Meeting)
    if not Committee.objects.filter(code="CA5").exists():
        import importlib

        from django.apps import apps

        importlib.import_module("committees.migrations.0002_standing_committees").create(apps, None)
    today = date.today()
    # The coming Meeting opens in two months: its requests were expected seven months ago.
    opens = today + timedelta(days=60)
    meetings = [
        Meeting.objects.create(
            kind="msp",
            number=30 + offset,
            start_date=opens + timedelta(days=364 * offset),
            end_date=opens + timedelta(days=364 * offset + 4),
        )
        for offset in (-1, 0, 1)
    ]
    coming = meetings[1]
    states = bulk_states(count)
    requests = ExtensionRequest.objects.bulk_create(
        ExtensionRequest(
            state=state,
            meeting=coming,
            received_on=coming.start_date - timedelta(days=250 + index % 60),
            requested_until=date(today.year + 6, 12, 31),
            deadline_at_request=state.clearance_deadline,
        )
        for index, state in enumerate(states[::3])
    )
    versions = RequestVersion.objects.bulk_create(
        RequestVersion(request=request, number=1, kind="initial", received_on=request.received_on)
        for request in requests
    )
    WorkPlanYear.objects.bulk_create(
        WorkPlanYear(version=version, year=today.year - 1, area_m2=100_000) for version in versions
    )
    ProgressFigure.objects.bulk_create(
        ProgressFigure(state_id=request.state_id, year=today.year - 1, area_released_m2=60_000)
        for request in requests[::2]
    )
    # Requests the States' records show pending: for a third of the States, one of the
    # Meeting before, undecided (awaiting a decision); for another third, one entered on the
    # record only since that Meeting closed (a request for the coming Meeting).
    previous = meetings[0]
    Article5Extension.objects.bulk_create(
        [
            *(
                Article5Extension(
                    state=state,
                    submitted_on=previous.start_date - timedelta(days=200),
                    requested_until=date(today.year + 5, 12, 31),
                )
                for state in states[1::3]
            ),
            *(
                Article5Extension(
                    state=state,
                    submitted_on=previous.end_date + timedelta(days=30),
                    requested_until=date(today.year + 5, 12, 31),
                )
                for state in states[2::3]
            ),
        ]
    )
    # Every State's deadline falls before the Meeting after next: all must request now.
    StateParty.objects.update(has_mined_areas=True, clearance_deadline=opens + timedelta(days=200))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return today


def run(count: int) -> Iterator[str]:
    from committees.models import Committee
    from extensions import dashboards

    client = staff_client()
    today = populate(count)
    size = size_label(count, "States")
    committee = Committee.objects.get(code="CA5")
    for _ in range(WARMUP):
        dashboards.extension_panels(committee, today, None)
    durations, queries = [], []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            panels = dashboards.extension_panels(committee, today, None)
            durations.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured.captured_queries))
    counts = panels[0].context["counts"]
    awaiting = panels[1].context["total"]
    yield (
        f"CA5 extension panels, {size}: median {statistics.median(durations):.1f} ms, "
        f"p95 {percentile(durations, 0.95):.1f} ms, {max(queries)} queries "
        f"({counts['missing']} missing, {counts['received'] + counts['late']} received, "
        f"{awaiting} awaiting a decision)"
    )
    yield time_page(client, "/extensions/expected/", f"requests expected, {size}").line()
