"""Issue 17, the reporting portal: a reporter's form page (Form D, with its checks) and the
submission of a report, at 2,000 States x 27 years of online Article 7 reports (median, p95
and queries, which must not grow with the data); the data is ``bench.article7``'s."""

from __future__ import annotations

import time
from collections.abc import Iterator

from django.test import Client

from .article7 import SUBMISSIONS, data_line, sent_reports, time_report_pages, time_submissions
from .harness import size_label

SIZES = (200, 2000)


def populate(count: int) -> list:
    """The sent reports of ``bench.article7``; for the first ``SUBMISSIONS`` States a reporter
    and a draft covering 2026 pre-filled from 2025. Returns ``[(reporter's user, draft)]``."""
    from article7 import services
    from portal.models import Invitation, Reporter
    from tests.factories import ReporterFactory

    states = sent_reports(count, Invitation, Reporter)
    drafts = []
    for index, state in enumerate(states[:SUBMISSIONS]):
        user = ReporterFactory(state=state, user__username=f"bench-reporter-{index}").user
        drafts.append((user, services.start_report(state=state, year_covered=2026, by=user)))
    return drafts


def _client(user) -> Client:
    from tests.utils import log_in_client

    return log_in_client(Client(), user)


def run(count: int) -> Iterator[str]:
    started = time.perf_counter()
    drafts = populate(count)
    size = size_label(count, "States")
    yield data_line(count, started)
    user, draft = drafts[0]
    yield from time_report_pages(_client(user), f"/portal/reports/{draft.pk}/", "portal", size)
    yield time_submissions(
        f"portal submission, {size}",
        ((_client(user), report, user) for user, report in drafts),
        lambda report: f"/portal/reports/{report.pk}/submit/",
    )
