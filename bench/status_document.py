"""Issue 15, item 6: the Article 7 status document (its tables of overdue reports and of
outstanding Article 9 measures) with 2,166 States x 27 years, about a hundred pages.

The same two figures as the activities document (``bench.documents``): the whole pipeline as a
worker runs it, and WeasyPrint alone on the very HTML it rendered, in turns, best of the runs.
Targets: 25 pages per second, overhead under 10 %."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import date

from .documents import _pipeline, _weasyprint_alone
from .reporting import populate

SIZES = (2166,)
RUNS = 3
TARGET_PAGES_PER_SECOND = 25
TARGET_OVERHEAD = 0.10


def _document():
    """The CCC's status document as of 20 November 2025, in the period the 2024 Review
    Conference opened (its meetings recorded, as the document's validation requires)."""
    from committees import services as committee_services
    from committees.models import Committee, Meeting
    from documents import services
    from documents.models import Document
    from states_parties.models import StateParty
    from tests.factories import UserFactory

    president = StateParty.objects.order_by("pk").first()
    for kind, number, year in (("msp", 21, 2023), ("rc", 5, 2024), ("msp", 22, 2025)):
        committee_services.save_meeting(
            Meeting(
                kind=kind,
                number=number,
                start_date=date(year, 11, 25),
                end_date=date(year, 11, 29),
                president_state=president,
            )
        )
    staff = UserFactory(username="bench-status", role="isu_staff")
    return services.create_document(
        Document(
            committee=Committee.objects.get(code="CCC"),
            kind="article7-status",
            period="2025-2026",
            date=date(2025, 11, 20),
            symbol="APLC/CCC/2025/STATUS",
        ),
        staff,
    )


def run(count: int) -> Iterator[str]:
    from django.conf import settings

    from documents.pdf import render_html

    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media
        started = time.perf_counter()
        populate(count)
        document = _document()
        yield f"(data: {count:,} States x 27 years, built in {time.perf_counter() - started:.0f} s)"
        source = document.pdf_source()
        html = render_html(source.template_name, source.context, source.language)
        *_, job = _pipeline(document)  # warm up: imports, fonts, template loading
        pages = job.page_count
        pipeline_runs, alone_runs = [], []
        for _ in range(RUNS):
            *timing, job = _pipeline(document)
            pipeline_runs.append(timing)
            alone_runs.append(_weasyprint_alone(html))
        pipeline = min(wall for wall, _cpu in pipeline_runs)
        alone = min(wall for wall, _cpu in alone_runs)
        pipeline_cpu = min(cpu for _wall, cpu in pipeline_runs)
        alone_cpu = min(cpu for _wall, cpu in alone_runs)
        rate = pages / pipeline
        overhead = pipeline / alone - 1
        met = "met" if rate >= TARGET_PAGES_PER_SECOND else "NOT met"
        yield (
            f"Article 7 status document, {pages} pages: pipeline {pipeline:.2f} s (best of "
            f"{RUNS}; median {statistics.median(w for w, _c in pipeline_runs):.2f} s), "
            f"{rate:.1f} pages/s (target {TARGET_PAGES_PER_SECOND}: {met}); CPU "
            f"{pipeline_cpu:.2f} s ({pages / pipeline_cpu:.1f} pages/s)"
        )
        met = "met" if overhead < TARGET_OVERHEAD else "NOT met"
        yield (
            f"  WeasyPrint alone on the same HTML: {alone:.2f} s; overhead {overhead:+.1%} "
            f"(target under {TARGET_OVERHEAD:.0%}: {met}); in CPU time {alone_cpu:.2f} s, "
            f"overhead {pipeline_cpu / alone_cpu - 1:+.1%}; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        parts = ", ".join(
            f"{name} {seconds * 1000:.0f} ms" for name, seconds in job.timings.items()
        )
        yield f"  last run: {parts}"
