"""Figures from Article 7 reports for the committees' dashboards: stockpiled mines destroyed
and mines retained (Cooperative Compliance), remaining mined area (Article 5 Implementation).
Each panel runs a fixed number of queries over ``Report``'s stored figures, the latest sent
version of each State's report for each year."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from committees.models import Committee
from reporting.dashboards import Panel
from states_parties.names import name_order

from .models import Report

YEARS = 5
TOP = 10


def article7_panels(committee: Committee, today: date, user: Any) -> list[Panel]:
    if committee.code == "CCC":
        return [_stockpiles_and_retained(today)]
    if committee.code == "CA5":
        return [_mined_area(today)]
    return []


def yearly_totals(first_year: int, last_year: int) -> list[dict]:
    """Per year covered: reports sent, and the sums of their figures (one query)."""
    rows = (
        Report.objects.latest_sent_versions()
        .filter(year_covered__gte=first_year, year_covered__lte=last_year)
        .values("year_covered")
        .annotate(
            reports=Count("pk"),
            destroyed_article4=Sum("destroyed_article4"),
            destroyed_article5=Sum("destroyed_article5"),
            retained=Sum("retained"),
            mined_area=Sum("mined_area"),
        )
        .order_by("year_covered")
    )
    found = {row["year_covered"]: row for row in rows}
    empty = {
        "reports": 0,
        "destroyed_article4": 0,
        "destroyed_article5": 0,
        "retained": 0,
        "mined_area": 0,
    }
    return [
        {"year": year, **{k: (found.get(year) or empty).get(k) or 0 for k in empty}}
        for year in range(first_year, last_year + 1)
    ]


def _latest_by_state(field: str, limit: int = TOP) -> list[Report]:
    """Each State's latest sent report that gives ``field``, largest first (one query)."""
    reports = (
        Report.objects.latest_sent_versions()
        .filter(**{f"{field}__gt": 0, "year_covered__isnull": False})
        .select_related("state")
        .order_by("state_id", "-year_covered")
        .distinct("state_id")
        if _postgres()
        else None
    )
    if reports is None:
        latest: dict[int, Report] = {}
        for report in (
            Report.objects.latest_sent_versions()
            .filter(**{f"{field}__gt": 0, "year_covered__isnull": False})
            .select_related("state")
            .order_by("state_id", "-year_covered")
        ):
            latest.setdefault(report.state_id, report)
        rows = list(latest.values())
    else:
        rows = list(reports)
    rows.sort(key=lambda report: (-getattr(report, field), report.state.name))
    return rows[:limit]


def _postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def _stockpiles_and_retained(today: date) -> Panel:
    last = today.year - 1
    return Panel(
        "article7_figures",
        _("Figures from Article 7 reports"),
        "article7/panels/stockpiles_retained.html",
        {
            "years": yearly_totals(last - YEARS + 1, last),
            "retained": _latest_by_state("retained"),
        },
    )


def _mined_area(today: date) -> Panel:
    last = today.year - 1
    return Panel(
        "article7_mined_area",
        _("Remaining mined area (Article 7 reports)"),
        "article7/panels/mined_area.html",
        {
            "years": yearly_totals(last - YEARS + 1, last),
            "areas": _latest_by_state("mined_area"),
        },
    )


FIGURE_COLUMNS = (
    "iso3",
    "state",
    "year_covered",
    "version",
    "status",
    "stockpile",
    "destroyed_article4",
    "destroyed_article5",
    "retained",
    "mined_area",
)


def figure_rows():
    """Every figure of every State's latest sent report, by State and year."""
    for report in (
        Report.objects.latest_sent_versions()
        .filter(year_covered__isnull=False)
        .select_related("state")
        .order_by(name_order("state__"), "year_covered")
        .iterator(chunk_size=2000)
    ):
        yield (
            report.state.iso3,
            report.state.name,
            report.year_covered,
            report.version,
            report.status,
            *(
                "" if getattr(report, name) is None else getattr(report, name)
                for name in FIGURE_COLUMNS[5:]
            ),
        )
