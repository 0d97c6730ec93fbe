"""What each committee's chair and members see first. Every panel runs a fixed number of
queries, whatever the number of States or years.

The whole dashboard is the same for everyone who reads the committee's records at the same
level, so it is built once per committee, level, day and language and kept in the cache
(``common.cache``) until a table of reporting, committees, activities or States Parties is
written to: its data, and its HTML, rendered once from that data (rendering the panels cost
more than everything else a request does). It is built as lists, never querysets: nothing
runs while the template renders."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.permissions import record_access
from committees.composition import composition_on
from committees.models import Committee, Meeting
from common import cache
from common.visibility import ORDER
from states_parties import rules
from states_parties.models import Article5Extension, StateParty

from . import compliance
from .charts import article5_chart, rate_chart
from .models import Audience, ExpectedReport, Submission
from .panel_registry import registered_panels

TOP = 10


@dataclass
class Panel:
    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)


#: Every table these dashboards read: a write to any of them makes every dashboard stale.
SOURCES = ("reporting_", "committees_", "activities_", "states_parties_")
MEETINGS = 6
PANELS_TEMPLATE = "reporting/includes/dashboard_panels.html"
#: Part of the cache key, changed whenever what is kept changes: a new release never reads what
#: an older one kept (for up to ``common.cache.TIMEOUT``) in a shape it does not expect.
FORMAT = 3


def reading_level(user: Any, committee: Committee) -> str:
    """The highest level of the committee's records ``user`` reads (levels are cumulative):
    what the dashboard shows depends on the user through this alone."""
    access = record_access(user)
    readable = [level for level in ORDER if access.can_read(committee.pk, level)]
    return readable[-1] if readable else "none"


def dashboard_content(committee: Committee, today: date, user: Any) -> dict:
    """The dashboard's composition line, panels and coming meetings, and ``panels_html``, the
    three rendered (``reporting/includes/dashboard_panels.html``), from the cache when someone
    reading at the same level has seen it today in this language.

    The page shows ``panels_html`` only; the panels and meetings it was rendered from are kept
    beside it as pickled bytes, read back only by whoever looks at them (a test reading the
    response's context): unpickling their model instances on every request would cost more
    than the rest of the cache read."""

    def build() -> tuple[str, str, bytes]:
        meetings = (
            Meeting.objects.filter(Q(committee=committee) | Q(committee__isnull=True))
            .filter(end_date__gte=today)
            .order_by("start_date")[:MEETINGS]
        )
        data = {
            "panels": resolved(
                [*dashboard_panels(committee, today), *registered_panels(committee, today, user)]
            ),
            "meetings": list(meetings),
        }
        line = composition_on(committee, today).line
        # Nothing in it depends on the request: links, texts and dates only (the language is
        # part of the key).
        html = render_to_string(PANELS_TEMPLATE, {"composition_line": line, **data})
        return line, html, pickle.dumps(data, pickle.HIGHEST_PROTOCOL)

    level = reading_level(user, committee)
    line, html, data = cache.cached(
        "dashboard", (FORMAT, committee.pk, level, today, get_language()), build
    )
    # Bytes this process or another one pickled from our own querysets.
    unpickled = SimpleLazyObject(lambda: pickle.loads(data))  # noqa: S301  # nosec B301
    return {
        "composition_line": line,
        "panels_html": mark_safe(html),  # noqa: S308  # nosec B308 B703 (our template rendered it, escaped)
        "panels": SimpleLazyObject(lambda: unpickled["panels"]),
        "meetings": SimpleLazyObject(lambda: unpickled["meetings"]),
    }


def resolved(panels: list[Panel]) -> list[Panel]:
    """The panels with their querysets read into lists (with what they prefetch)."""
    for panel in panels:
        panel.context = {
            name: list(value) if isinstance(value, QuerySet) else value
            for name, value in panel.context.items()
        }
    return panels


def dashboard_panels(committee: Committee, today: date) -> list[Panel]:
    builders = {
        "CCC": [_overdue, _missing_with_obligations, _article9, _rates],
        # The requests expected at the coming Meeting and those awaiting a decision: the
        # extensions app's panels (each request once).
        "CA5": [_clearance_deadlines, _article5_chart],
        "CVA": [_victim_assistance_reporting, _rates],
        "CECA": [_affected_states, _pending_extensions, _rates],
    }.get(committee.code, [_rates])
    return [_deadlines(today), *(build(today) for build in builders)]


def _deadlines(today: date) -> Panel:
    next_annual = (
        date(today.year, 4, 30) if today <= date(today.year, 4, 30) else date(today.year + 1, 4, 30)
    )
    horizon = today + relativedelta(months=12)
    return Panel(
        "deadlines",
        _("Upcoming deadlines"),
        "reporting/panels/deadlines.html",
        {
            "next_annual": next_annual,
            "annual_owed": ExpectedReport.objects.filter(
                due_date=next_annual, received_on__isnull=True
            ).count(),
            "initial_due": ExpectedReport.objects.filter(
                kind="initial",
                due_date__gte=today,
                due_date__lte=horizon,
                received_on__isnull=True,
            )
            .select_related("state")
            .order_by("due_date")[:TOP],
            "clearance_count": compliance.clearance_deadlines_within(today, horizon).count(),
        },
    )


def _overdue(today: date) -> Panel:
    states = compliance.overdue_states(today)
    return Panel(
        "overdue",
        _("Overdue Article 7 reports"),
        "reporting/panels/overdue.html",
        {
            "states": states[:TOP],
            "total": states.count(),
        },
    )


def _missing_with_obligations(today: date) -> Panel:
    audience = Audience.objects.filter(
        query=Audience.Query.MISSING_WITH_OBLIGATIONS, is_builtin=True
    ).first()
    return Panel(
        "missing_with_obligations",
        _("No report and open obligations"),
        "reporting/panels/count.html",
        {
            "count": compliance.missing_with_obligations(today).count(),
            "text": _(
                "States Parties have missed a report and have open obligations under "
                "Article 5 or 4, or retain mines under Article 3."
            ),
            "audience": audience,
        },
    )


def _article9(today: date) -> Panel:
    states = compliance.article9_outstanding(today)
    return Panel(
        "article9",
        _("Outstanding Article 9 measures"),
        "reporting/panels/article9.html",
        {"states": states[:TOP], "total": states.count()},
    )


def _rates(today: date) -> Panel:
    rates = compliance.reporting_rates(today, since=today.year - 10)
    return Panel(
        "rates",
        _("Reporting rate, last ten years"),
        "reporting/panels/rates.html",
        {"chart": rate_chart(rates, width=360, height=200), "chart_id": "dashboard-rates"},
    )


def _clearance_deadlines(today: date) -> Panel:
    states = compliance.clearance_deadlines_within(today, today + relativedelta(months=12))
    return Panel(
        "clearance",
        _("Article 5 deadlines in the next 12 months"),
        "reporting/panels/clearance.html",
        {
            "states": states[:TOP],
            "total": states.count(),
            "audience": Audience.objects.filter(
                query=Audience.Query.CLEARANCE_DEADLINE_WITHIN, months=12, is_builtin=True
            ).first(),
        },
    )


def _pending_extensions(today: date) -> Panel:
    return Panel(
        "pending_extensions",
        _("Extension requests awaiting a decision"),
        "reporting/panels/pending_extensions.html",
        {
            "requests": Article5Extension.objects.filter(outcome=Article5Extension.Outcome.PENDING)
            .select_related("state")
            .order_by("submitted_on")
        },
    )


def _victim_assistance_reporting(today: date) -> Panel:
    year = today.year - 1 if today > rules.annual_report_due(today.year - 1) else today.year - 2
    with_form_j = Submission.objects.filter(
        state=OuterRef("pk"), kind="annual", year=year, forms__contains="J"
    )
    affected = StateParty.objects.bound_on(today).filter(has_mined_areas=True)
    silent = affected.exclude(Exists(with_form_j)).in_name_order()
    return Panel(
        "victim_assistance",
        _("Victim assistance in Article 7 reports"),
        "reporting/panels/form_j.html",
        {
            "year": year,
            "states": silent[:TOP],
            "silent": silent.count(),
            "total": affected.count(),
        },
    )


def _affected_states(today: date) -> Panel:
    states = StateParty.objects.bound_on(today).filter(has_mined_areas=True)
    return Panel(
        "affected",
        _("Affected States Parties"),
        "reporting/panels/count.html",
        {
            "count": states.filter(clearance_completed_on__isnull=True).count(),
            "text": _(
                "States Parties still clearing mined areas under Article 5; partnerships "
                "with States able to help are the committee's Platform for Partnerships."
            ),
            "audience": None,
        },
    )


def _article5_chart(today: date) -> Panel:
    counts = compliance.article5_by_year(today, today.year - 4, today.year + 5)
    return Panel(
        "article5_chart",
        _("Article 5 deadlines and extension requests by year"),
        "reporting/panels/article5_chart.html",
        {"chart": article5_chart(counts), "chart_id": "dashboard-article5"},
    )
