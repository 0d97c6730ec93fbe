"""Issue 5: the activities document as PDF, at 10 and 60 pages.

For each size, two figures on the same document:

- the whole pipeline as a worker runs it (``documents.tasks.run_job``): claiming the job,
  reading the record (queries), rendering the template, WeasyPrint, storing the file;
- WeasyPrint alone on the very HTML the pipeline rendered.

The two are run in turns, each from a collected heap; the lines give the best run (the one
least disturbed by whatever else the machine runs) and the median: seconds per page and pages
per second of the pipeline, the ratio of the pipeline to WeasyPrint alone (its overhead), and
the CPU time this process spent, with the load average, to read the wall times against.
Targets: 15 pages per second, overhead under 10 %.
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta

from .harness import truncate

#: Pages of the activities document.
SIZES = (10, 60)
RUNS = {10: 7, 60: 3}
TARGET_PAGES_PER_SECOND = 15
TARGET_OVERHEAD = 0.10

_KINDS = ("meeting", "letter", "workshop", "engagement", "observations", "other")
_SENTENCES = (
    "the Committee wrote to every State Party with outstanding Article 9 obligations, asking "
    "for an update on the legislation in preparation",
    "the Committee met the Permanent Representative of a State Party to discuss the measures "
    "taken since the last Meeting",
    "the Committee held an online workshop on Article 7 reporting with the other committees, "
    "for States Parties and States not party",
    "the Committee presented its preliminary observations at the Intersessional Meetings",
    "in line with Action 48 of the Siem Reap-Angkor Action Plan, the Committee recalled the "
    "30 April deadline and the online reporting format",
)


def _paragraph(rng: random.Random, day: date) -> str:
    sentences = rng.sample(_SENTENCES, k=2)
    return f"On {day:%d %B %Y}, {sentences[0]}; {sentences[1]}."


def populate(activities: int, seed: int) -> object:
    """A committee with ``activities`` activities in the 2025 committee year and six
    priorities; returns the draft document."""
    from activities import services as activity_services
    from activities.models import Activity, Priority
    from committees import services as committee_services
    from committees.models import Committee, Meeting, SeatTerm
    from documents import services
    from documents.models import Document
    from states_parties.models import StateParty
    from tests.factories import UserFactory, bulk_states

    truncate(Document, Activity, Priority, SeatTerm, Meeting, StateParty)
    states = bulk_states(6, deposit_date=date(1998, 9, 1))
    meetings = {}
    for kind, number, year in (
        ("msp", 21, 2023),
        ("rc", 5, 2024),
        ("msp", 22, 2025),
        ("msp", 23, 2026),
    ):
        meetings[number] = committee_services.save_meeting(
            Meeting(
                kind=kind,
                number=number,
                start_date=date(year, 11, 25),
                end_date=date(year, 11, 29),
                president_state=states[0],
            )
        )
    committee = Committee.objects.get(code="CCC")
    for index, state in enumerate(states[1:5]):
        start, end = (meetings[21], meetings[22]) if index < 2 else (meetings[5], meetings[23])
        committee_services.save_term(
            SeatTerm(committee=committee, state=state, start_meeting=start, end_meeting=end)
        )
    rng = random.Random(seed)
    days = sorted(date(2024, 12, 1) + timedelta(days=rng.randrange(340)) for _ in range(activities))
    Activity.objects.bulk_create(
        Activity(
            committee=committee,
            date=day,
            kind=rng.choice(_KINDS),
            text=_paragraph(rng, day),
            visibility="public",
        )
        for day in days
    )
    for position in range(1, 7):
        activity_services.save_priority(
            Priority(
                committee=committee,
                period="2025-2026",
                position=position,
                text=f"Priority {position}: {rng.choice(_SENTENCES)}.",
            )
        )
    staff = UserFactory(username="bench-documents", role="isu_staff")
    return services.create_document(
        Document(
            committee=committee,
            kind="activities-priorities",
            period="2025-2026",
            date=date(2025, 11, 20),
            symbol="APLC/MSP.22/2025/WP.5",
        ),
        staff,
    )


def _pipeline(document) -> tuple[float, float, object]:
    """One rendering as the worker runs it: queue a job, run it. Wall and CPU seconds."""
    from documents import services
    from documents.tasks import run_job

    job = services.request_pdf(document)
    gc.collect()  # each run starts from the same heap, not paying for the last one's garbage
    started, cpu = time.perf_counter(), time.process_time()
    finished = run_job(job.pk)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if finished is None or finished.status != "done":
        raise RuntimeError(f"the rendering failed: {finished and finished.error}")
    return elapsed, cpu, finished


def _weasyprint_alone(html: str) -> tuple[float, float]:
    from documents.pdf import html_to_pdf

    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    html_to_pdf(html)
    return time.perf_counter() - started, time.process_time() - cpu


def _document_of(pages: int):
    """A document of exactly ``pages`` pages: paragraphs estimated from a first rendering,
    then adjusted."""
    from documents.pdf import render_source

    count = pages * 12
    for attempt in range(8):
        document = populate(count, seed=pages)
        rendered = render_source(document.pdf_source())
        if rendered.page_count == pages:
            return document, count
        per_page = count / rendered.page_count
        step = round((pages - rendered.page_count) * per_page) or (
            1 if rendered.page_count < pages else -1
        )
        count += step if attempt < 4 else (1 if step > 0 else -1)
    raise RuntimeError(f"could not make a {pages}-page document")


def run(pages: int) -> Iterator[str]:
    from django.conf import settings

    from documents.pdf import render_html

    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media
        started = time.perf_counter()
        document, paragraphs = _document_of(pages)
        yield (
            f"(data: {paragraphs} activities and 6 priorities, {pages} pages, built in "
            f"{time.perf_counter() - started:.0f} s)"
        )
        runs = RUNS.get(pages, 3)
        source = document.pdf_source()
        html = render_html(source.template_name, source.context, source.language)
        _pipeline(document)  # warm up: imports, fonts, template loading
        # Interleaved, so that the machine's other work weighs on both alike.
        pipeline_runs, alone_runs, within, job = [], [], [], None
        for _ in range(runs):
            *timing, job = _pipeline(document)
            pipeline_runs.append(timing)
            # The same run's own split: everything that is not WeasyPrint laying out and writing.
            within.append(timing[0] / (job.timings["layout"] + job.timings["write"]) - 1)
            alone_runs.append(_weasyprint_alone(html))
        assert job.page_count == pages, job.page_count
        # The best of the runs is the figure least disturbed by the machine's other work; the
        # median is given too.
        pipeline = min(wall for wall, _cpu in pipeline_runs)
        alone = min(wall for wall, _cpu in alone_runs)
        pipeline_median = statistics.median(wall for wall, _cpu in pipeline_runs)
        alone_median = statistics.median(wall for wall, _cpu in alone_runs)
        pipeline_cpu = min(cpu for _wall, cpu in pipeline_runs)
        alone_cpu = min(cpu for _wall, cpu in alone_runs)
        rate = pages / pipeline
        overhead = pipeline / alone - 1
        met = "met" if rate >= TARGET_PAGES_PER_SECOND else "NOT met"
        yield (
            f"activities document, {pages} pages: pipeline {pipeline:.2f} s (best of {runs}; "
            f"median {pipeline_median:.2f} s), {pipeline / pages:.3f} s per page, "
            f"{rate:.1f} pages/s (target {TARGET_PAGES_PER_SECOND}: {met})"
        )
        met = "met" if overhead < TARGET_OVERHEAD else "NOT met"
        yield (
            f"  WeasyPrint alone on the same HTML: {alone:.2f} s (median {alone_median:.2f} s); "
            f"pipeline / WeasyPrint {pipeline / alone:.3f} (overhead {overhead:+.1%}, target "
            f"under {TARGET_OVERHEAD:.0%}: {met})"
        )
        yield (
            f"  within each pipeline run, all but WeasyPrint (queries, template, claiming, "
            f"storing): median {statistics.median(within):+.1%} of WeasyPrint's time"
        )
        yield (
            f"  CPU time of this process: pipeline {pipeline_cpu:.2f} s "
            f"({pages / pipeline_cpu:.1f} pages/s), WeasyPrint alone {alone_cpu:.2f} s; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        parts = ", ".join(
            f"{name} {seconds * 1000:.0f} ms" for name, seconds in job.timings.items()
        )
        yield f"  last run: {parts}"
