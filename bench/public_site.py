"""Issue 19: the public website under load. gunicorn with the production settings (as
``bench.server`` starts it) on a loopback port, ``wrk`` at 16 concurrent anonymous clients for
a committee's page and the States Parties page, with the pages kept in Redis (cached) and built
on every request (``PUBLIC_SITE_CACHE=false``, uncached).

One line per page and mode: ``public-site committee page, cached, c=16: 812.0 req/s, p50
18.2 ms, p95 30.1 ms, 0 errors; gunicorn 1.10 ms of CPU a request, wrk 4% of a core; load
average 0.31 before, 0.95 after``. The CPU time gunicorn's processes used per request is the
figure other work on the machine disturbs least (the rates and latencies are only as good as
the machine is quiet: the load average says how quiet it was). Data: 200 States (165 parties,
the others not), the four committees with their members and Chairs, six formal meetings, 60
published documents.
"""

from __future__ import annotations

import os
import shlex
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from .server import HOST, REPORT, WARMUP_SECONDS, WORKERS, check, production_server, wrk

SIZES = (200,)
CLIENTS = 16
SECONDS = 5
#: The web service as the deployment guide runs it on a 2-core machine (``BENCH_GUNICORN``
#: replaces these options, to compare others).
GUNICORN = ("--workers", str(WORKERS))
#: wrk's threads: one drives 16 connections with a few per cent of a core, which it would
#: otherwise take from the server it measures.
WRK_THREADS = 1
PAGES = (("committee page", "/en/committees/CECA/"), ("States Parties page", "/en/states-parties/"))


def populate(count: int) -> None:
    """``count`` States (the last 35 not party), formal meetings around today, every committee
    with four members and a Chair this year, and 15 published documents each."""
    from django.utils import timezone

    from committees import services as committee_services
    from committees.calendar import FormalCalendar
    from committees.models import Committee, Meeting, Office, SeatTerm
    from documents.models import Document, RenderJob
    from states_parties.models import StateParty
    from tests.factories import (
        DocumentFactory,
        DocumentVersionFactory,
        RenderJobFactory,
        bulk_states,
    )

    from .harness import truncate

    truncate(Office, SeatTerm, RenderJob, Meeting)
    if StateParty.objects.count() < count:
        bulk_states(count)
    states = list(StateParty.objects.order_by("pk")[:count])
    StateParty.objects.filter(pk__in=[state.pk for state in states[-35:]]).update(
        deposit_date=None, instrument="", signature_date=None
    )
    this_year = timezone.localdate().year
    meetings = [
        Meeting.objects.create(
            kind="msp",
            number=year - 2003,
            start_date=date(year, 11, 24),
            end_date=date(year, 11, 28),
            venue="Geneva",
            president_state=states[year % 50],
        )
        for year in range(this_year - 3, this_year + 3)
    ]
    calendar = FormalCalendar()
    today = timezone.localdate()
    year = calendar.committee_year(today)
    # Two members in their second year (one of them the Chair), two in their first.
    current = calendar.closing_on_or_after(today)
    index = meetings.index(next(m for m in meetings if m.pk == current.pk))
    for c_index, committee in enumerate(Committee.objects.order_by("pk")):
        for seat in range(4):
            start = meetings[index - 2] if seat < 2 else meetings[index - 1]
            end = meetings[index] if seat < 2 else meetings[index + 1]
            term = committee_services.save_term(
                SeatTerm(
                    committee=committee,
                    state=states[c_index * 4 + seat],
                    start_meeting=start,
                    end_meeting=end,
                )
            )
            if seat == 0 and not committee.chaired_by_president:
                committee_services.set_office(term, Office.Kind.CHAIR, year)
        for number in range(15):
            document = DocumentFactory(
                committee=committee,
                symbol=f"APLC/BENCH/{committee.code}/WP.{number + 1}",
                status=Document.Status.PUBLISHED,
                meeting=meetings[index - 1 - number % 2],
                date=today - timedelta(days=30 * number),
            )
            version = DocumentVersionFactory(document=document, number=1)
            RenderJobFactory(target=version, status=RenderJob.Status.DONE, filename="bench.pdf")


def run(size: int) -> Iterator[str]:
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is missing: apt-get install -y wrk")
    started = time.perf_counter()
    populate(size)
    yield f"(data: {size:,} States, built in {time.perf_counter() - started:.0f} s)"
    headers = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
    options = tuple(shlex.split(os.environ.get("BENCH_GUNICORN", ""))) or GUNICORN
    yield f"(gunicorn {' '.join(options)}; wrk with {WRK_THREADS} thread)"
    with tempfile.TemporaryDirectory(prefix="bench-public-site-") as folder:
        directory = Path(folder)
        script = directory / "report.lua"
        script.write_text(REPORT)
        for mode, cache in (("cached", "true"), ("uncached", "false")):
            with production_server(
                directory, gunicorn_options=options, PUBLIC_SITE_CACHE=cache
            ) as server:
                # Warm-up: every gunicorn worker imports and renders both pages once (the first
                # request of a worker takes seconds), then a few seconds of load.
                for _label, path in PAGES:
                    for _ in range(3 * WORKERS):
                        check(server.port, path, headers, directory / "gunicorn.log")
                for _label, path in PAGES:
                    wrk(server.port, path, headers, CLIENTS, WARMUP_SECONDS, script, warmup=True)
                for label, path in PAGES:
                    load_before = os.getloadavg()[0]
                    cpu_before = server.cpu_seconds()
                    load = wrk(
                        server.port, path, headers, CLIENTS, SECONDS, script, threads=WRK_THREADS
                    )
                    server_ms = (server.cpu_seconds() - cpu_before) * 1000 / max(load.requests, 1)
                    yield (
                        f"public-site {label}, {mode}, c={CLIENTS}: {load.per_second:.1f} req/s, "
                        f"p50 {load.p50_ms:.1f} ms, p95 {load.p95_ms:.1f} ms, "
                        f"{load.errors} errors; gunicorn {server_ms:.2f} ms of CPU a request, "
                        f"wrk {load.generator_share:.0%} of a core; load average "
                        f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
                    )
