"""Figures from Article 7 reports for the committees' dashboards: stockpiled mines destroyed
and mines retained (Cooperative Compliance), remaining mined area (Article 5 Implementation).
Each panel runs a fixed number of queries over ``Report``'s stored figures, the latest sent
version of each State's report for each year."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from committees.models import Committee
from reporting.dashboards import Panel
from states_parties.names import name_order

from .charts import FigureChart, figure_chart
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


def _grouped(value: int) -> str:
    return number_format(value, force_grouping=True)


def destroyed_chart(years: list[dict]) -> FigureChart:
    return figure_chart(
        years,
        "destroyed_article4",
        chart_id="article7-destroyed",
        title=_("Stockpiled mines destroyed per year covered"),
        description=_(
            "For each year covered, the stockpiled anti-personnel mines destroyed under "
            "Article 4 that the reports received online give. The same figures are in the "
            "table that follows."
        ),
        bar_title=lambda year, value: (
            ngettext(
                "%(year)s: %(count)s stockpiled mine destroyed",
                "%(year)s: %(count)s stockpiled mines destroyed",
                value,
            )
            % {"year": year, "count": _grouped(value)}
        ),
    )


def retained_chart(years: list[dict]) -> FigureChart:
    return figure_chart(
        years,
        "retained",
        chart_id="article7-retained",
        title=_("Mines retained per year covered"),
        description=_(
            "For each year covered, the anti-personnel mines retained under Article 3 that the "
            "reports received online give. The same figures are in the table that follows."
        ),
        bar_title=lambda year, value: (
            ngettext(
                "%(year)s: %(count)s mine retained", "%(year)s: %(count)s mines retained", value
            )
            % {"year": year, "count": _grouped(value)}
        ),
    )


def mined_area_chart(years: list[dict]) -> FigureChart:
    return figure_chart(
        years,
        "mined_area",
        chart_id="article7-mined-area",
        title=_("Remaining mined area per year covered"),
        description=_(
            "For each year covered, the mined area remaining in square metres that the "
            "reports received online give. The same figures are in the table that follows."
        ),
        bar_title=lambda year, value: (
            _("%(year)s: %(area)s m² remaining") % {"year": year, "area": _grouped(value)}
        ),
    )


def _stockpiles_and_retained(today: date) -> Panel:
    last = today.year - 1
    years = yearly_totals(last - YEARS + 1, last)
    return Panel(
        "article7_figures",
        _("Figures from Article 7 reports"),
        "article7/panels/stockpiles_retained.html",
        {
            "years": years,
            "charts": [destroyed_chart(years), retained_chart(years)],
            "retained": _latest_by_state("retained"),
        },
    )


def _mined_area(today: date) -> Panel:
    last = today.year - 1
    years = yearly_totals(last - YEARS + 1, last)
    return Panel(
        "article7_mined_area",
        _("Remaining mined area (Article 7 reports)"),
        "article7/panels/mined_area.html",
        {
            "years": years,
            "charts": [mined_area_chart(years)],
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
