"""Issue 17: the report's form page and its submission at 2,000 States x 27 years of online
Article 7 reports (median, p95 and queries, which must not grow with the data), on the ISU's
pages. ``bench.portal`` measures a reporter's with the same data (``sent_reports``)."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .harness import percentile, size_label, staff_client, time_page, truncate

SIZES = (200, 2000)
YEARS = 27  # reports covering 1999 to 2025
SUBMISSIONS = 30


def sent_reports(count: int, *also_truncate: Any) -> list:
    """``count`` States, each with sent reports covering 1999 to 2025 (every form filled, a
    row in B, C, D and G), after emptying the tables (and ``also_truncate``, the models that
    refer to them). Returns the States."""
    from django.utils import timezone

    from article7.models import ROW_MODELS, FormSection, Report, ReportStatus, SectionStatus
    from reporting.services import sync_expected_reports
    from states_parties.models import StateParty
    from tests.factories import bulk_states

    for model in ROW_MODELS.values():
        truncate(model)
    truncate(*also_truncate, FormSection, Report, StateParty)
    states = bulk_states(count, deposit_date=date(1998, 9, 1))
    sync_expected_reports(states, through_year=2026)
    rng = random.Random(count)
    when = timezone.make_aware(timezone.datetime(2026, 3, 1, 10))
    reports = Report.objects.bulk_create(
        (
            Report(
                state=state,
                year_covered=year,
                version=1,
                status=ReportStatus.SUBMITTED,
                language="en",
                submitted_at=when,
                submitted_by_name="Bench",
                submitted_by_function="Director",
                receipt_number=f"A7-{state.iso3}-{year}",
                retained=100,
                mined_area=rng.randint(0, 10**7),
            )
            for state in states
            for year in range(1999, 1999 + YEARS)
        ),
        batch_size=5000,
    )
    FormSection.objects.bulk_create(
        (
            FormSection(report=report, code=code, status=SectionStatus.EDITED)
            for report in reports
            for code in "ABCDEFGHIJ"
        ),
        batch_size=10000,
    )
    for code, row in (
        ("B", {"mine_type": "PMN-2", "quantity": 10}),
        ("C", {"location": "Sector", "area_m2": 5000}),
        ("D", {"mine_type": "PMN-2", "at_start": 100, "at_end": 100}),
        ("G", {"article": 4, "mine_type": "PMN-2", "quantity": 5}),
    ):
        model = ROW_MODELS[code]
        model.objects.bulk_create(
            (model(report=report, position=0, **row) for report in reports), batch_size=10000
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return states


def fill_draft(report, user):
    """Every required form of a draft saved, without error: ready to submit."""
    from article7 import services
    from article7.services import SectionData

    for code in "ABCDEFGHI":
        data = SectionData(narrative="Bench")
        if code == "D":
            data = SectionData(rows=({"mine_type": "PMN-2", "at_start": 100, "at_end": 100},))
        elif code == "C":
            data = SectionData(rows=({"location": "Sector", "area_m2": 5000},), explanation="x")
        report = services.save_section(
            report=report, code=code, data=data, expected_revision=report.revision, by=user
        )
    return report


def time_submissions(
    label: str, drafts: Iterable[tuple[Client, Any, Any]], url: Callable[[Any], str]
) -> str:
    """Each ``(client, draft, its writer)`` filled, then submitted through ``url(draft)``:
    the median and p95 of the submissions, and their queries."""
    durations, counts = [], []
    for client, report, user in drafts:
        report = fill_draft(report, user)
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.post(
                url(report), {"official_name": "Bench", "official_function": "Director"}
            )
            durations.append((time.perf_counter() - began) * 1000)
        if response.status_code != 302:
            raise RuntimeError(f"submission answered {response.status_code}")
        counts.append(len(captured.captured_queries))
        # The page the submitter lands on shows (and so removes) the receipt's message, as in
        # the browser: unread, the messages of one client's submissions would pile up in its
        # cookie and be signed and read again by every later request.
        client.get(response.url)
    queries = f"{min(counts)}" if min(counts) == max(counts) else f"{min(counts)}-{max(counts)}"
    return (
        f"{label}: median {statistics.median(durations):.1f} ms, "
        f"p95 {percentile(durations, 0.95):.1f} ms, {queries} queries"
    )


def time_report_pages(client: Client, report_url: str, name: str, size: str) -> Iterator[str]:
    """The draft's Form D page (with its checks) and the report's page."""
    yield time_page(
        client,
        f"{report_url}forms/D/",
        f"{name} form page (Form D), {size}",
        contains="rows-0-at_start",
    ).line()
    yield time_page(client, report_url, f"{name} report page, {size}").line()


def data_line(count: int, started: float) -> str:
    from article7.models import Report

    return (
        f"(data: {count:,} States, {Report.objects.count():,} online reports, built in "
        f"{time.perf_counter() - started:.0f} s)"
    )


def _bench_user():
    from accounts.models import User

    user, _created = User.objects.get_or_create(
        username="bench-staff", defaults={"role": "isu_staff", "email": "bench@isu.example"}
    )
    return user


def run(count: int) -> Iterator[str]:
    from article7 import services

    client = staff_client()
    started = time.perf_counter()
    states = sent_reports(count)
    user = _bench_user()
    # A draft covering 2026 pre-filled from 2025 for the first States.
    drafts = [
        services.start_report(state=state, year_covered=2026, by=user)
        for state in states[:SUBMISSIONS]
    ]
    size = size_label(count, "States")
    yield data_line(count, started)
    yield from time_report_pages(client, f"/article7/{drafts[0].pk}/", "Article 7", size)
    yield time_submissions(
        f"Article 7 submission, {size}",
        ((client, report, user) for report in drafts),
        lambda report: f"/article7/{report.pk}/submit/",
    )
