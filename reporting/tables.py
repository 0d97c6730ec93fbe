"""Rows for the downloads of every compliance table (CSV and XLSX share them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from .compliance import display_missing_years, states_by_year
from .models import ReportStatus, YearRate

GRID_STATUS_CODES = {
    ReportStatus.ON_TIME: "✓",
    ReportStatus.LATE: "L",
    ReportStatus.OVERDUE: "✗",
    ReportStatus.NOT_YET_DUE: "…",
    ReportStatus.NOT_REQUIRED: "–",
}

OVERDUE_HEADER = [
    "iso3",
    "name",
    "regional_group",
    "consecutive_missing",
    "overdue_count",
    "missing_years",
    "mines_retained_latest",
    "article4_open",
    "article5_open",
]


def _flag(value: bool) -> str:
    return "true" if value else "false"


def overdue_rows(states: Iterable) -> Iterator[list]:
    for state in states:
        yield [
            state.iso3,
            state.display_name,
            state.regional_group,
            state.consecutive_missing,
            state.overdue_count,
            display_missing_years(state.missing_years or ""),
            state.latest_retained_quantity if state.latest_retained_quantity else "",
            _flag(state.article4_open),
            _flag(state.article5_open),
        ]


def grid_rows(states: Iterable, years: range, today: date) -> Iterator[list]:
    states = list(states)
    cells = states_by_year(states, years, today)
    for state in states:
        row = [state.iso3, state.display_name]
        for key in ["initial", *years]:
            report = cells.get(state.pk, {}).get(key)
            if report is None:
                row.append(ReportStatus.NOT_REQUIRED.value)
                continue
            status = report.status_on(today)
            days = report.days_on(today)
            row.append(f"{status.value}:{days}" if days else status.value)
        yield row


def article9_outstanding_rows(states: Iterable) -> Iterator[list]:
    for state in states:
        yield [
            state.iso3,
            state.display_name,
            state.article9_status or "none",
            state.article9_as_of.isoformat() if state.article9_as_of else "",
            state.article9_measure or "",
            state.article9_source or "",
        ]


def rate_rows(rates: Iterable[YearRate]) -> Iterator[list]:
    for rate in rates:
        yield [
            rate.year,
            rate.expected,
            rate.on_time,
            rate.received,
            rate.on_time_percent,
            rate.total_percent,
        ]
