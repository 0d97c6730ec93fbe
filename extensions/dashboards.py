"""The Committee on Article 5 Implementation's dashboard panels: the requests expected at the
coming Meeting (expected, received, late, missing), the other requests awaiting a decision, and
each State's progress against its latest work plan. Each runs a fixed number of queries,
whatever the number of States.

A request appears once: a request for the coming Meeting in the first panel (with its
status), every other request still pending (a Meeting that has closed with no decision
recorded yet, a request recorded on the State's page only) in the second."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from committees.models import Committee
from common.waiting import first_with_total
from reporting.dashboards import Panel
from states_parties.models import Article5Extension

from . import expected
from .access import COMMITTEE_CODE
from .models import ProgressFigure, RequestVersion, WorkPlanYear
from .progress import form_c_released
from .timeline import RequestStatus

TOP = 10
#: The rows the panel lists first: what needs chasing.
ORDER = {
    RequestStatus.MISSING: 0,
    RequestStatus.LATE: 1,
    RequestStatus.EXPECTED: 2,
    RequestStatus.RECEIVED: 3,
}


def extension_panels(committee: Committee, today: date, user: Any) -> list[Panel]:
    if committee.code != COMMITTEE_CODE:
        return []
    rows = expected.expected_requests(today)
    return [_expected(rows), _awaiting_decision(rows), _progress(today)]


def _expected(rows: list[expected.Expected]) -> Panel:
    ordered = sorted(rows, key=lambda row: ORDER[row.status])
    return Panel(
        "extension_requests",
        _("Extension requests for the coming Meeting"),
        "extensions/panels/expected.html",
        {
            "rows": ordered[:TOP],
            "total": len(rows),
            "counts": expected.counts(rows),
            "meeting": rows[0].meeting if rows else None,
            "due": rows[0].due if rows else None,
        },
    )


@dataclass(frozen=True)
class PlanProgress:
    state: Any
    year: int
    planned_m2: int
    released_m2: int | None


def plan_progress(today: date) -> list[PlanProgress]:
    """For each State with a work plan, last year's milestone against the area it released
    (as staff entered it, else as its Article 7 report's Form C gives it)."""
    year = today.year - 1
    latest: dict[int, RequestVersion] = {}
    for version in (
        RequestVersion.objects.filter(work_plan__year=year)
        .select_related("request__state")
        .order_by("request__state_id", "-request__meeting__start_date", "-number")
        .distinct()
    ):
        latest.setdefault(version.request.state_id, version)
    planned = dict(
        WorkPlanYear.objects.filter(
            version__in=[v.pk for v in latest.values()], year=year
        ).values_list("version_id", "area_m2")
    )
    released = dict(
        ProgressFigure.objects.filter(state__in=list(latest), year=year).values_list(
            "state_id", "area_released_m2"
        )
    )
    # Where staff entered no figure, the State's Article 7 report (Form C) gives it.
    for (state_id, _year), m2 in form_c_released(list(latest), [year]).items():
        released.setdefault(state_id, m2)
    rows = [
        PlanProgress(version.request.state, year, planned[version.pk], released.get(state_id))
        for state_id, version in latest.items()
    ]
    return sorted(rows, key=lambda row: row.state.display_name.casefold())


def awaiting_decision(rows: list[expected.Expected]) -> tuple[list[Article5Extension], int]:
    """The first ``TOP`` requests pending on the States' records, oldest first, and how many
    there are, but those of the coming Meeting (``rows``: recorded here or on the State's page
    only, shown with their status in the first panel)."""
    shown = [row.request.outcome_record_id for row in rows if row.request is not None]
    shown += [row.recorded.pk for row in rows if row.recorded is not None]
    return first_with_total(
        Article5Extension.objects.filter(outcome=Article5Extension.Outcome.PENDING)
        .exclude(pk__in=[pk for pk in shown if pk is not None])
        .select_related("state", "process__meeting")
        .order_by("submitted_on", "pk"),
        TOP,
    )


def _awaiting_decision(rows: list[expected.Expected]) -> Panel:
    pending, total = awaiting_decision(rows)
    return Panel(
        "pending_extensions",
        _("Extension requests awaiting a decision"),
        "extensions/panels/awaiting_decision.html",
        {"requests": pending, "total": total},
    )


def _progress(today: date) -> Panel:
    rows = plan_progress(today)
    return Panel(
        "extension_progress",
        _("Progress against the work plans, last year"),
        "extensions/panels/progress.html",
        {"rows": rows[:TOP], "total": len(rows), "year": today.year - 1},
    )
