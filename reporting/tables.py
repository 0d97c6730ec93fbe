"""The columns of the reporting app's downloads (CSV and XLSX); the imports of Article 7
reports and Article 9 records read the same columns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from accounts.permissions import can_see
from common.exports import Column, Table, blank_none, day

from .compliance import display_missing_years, states_by_year
from .models import ReportStatus

GRID_STATUS_CODES = {
    ReportStatus.ON_TIME: "✓",
    ReportStatus.LATE: "L",
    ReportStatus.OVERDUE: "✗",
    ReportStatus.NOT_YET_DUE: "…",
    ReportStatus.NOT_REQUIRED: "–",
}


def _flag(value: bool) -> str:
    return "true" if value else "false"


RATES = Table(
    "article7-reporting-rates",
    [
        Column("year_due", lambda rate: rate.year),
        Column("reports_due", lambda rate: rate.expected),
        Column("received_on_time", lambda rate: rate.on_time),
        Column("received", lambda rate: rate.received),
        Column("on_time_percent", lambda rate: rate.on_time_percent),
        Column("received_percent", lambda rate: rate.total_percent),
    ],
)

OVERDUE = Table(
    "article7-overdue",
    [
        Column("iso3", lambda state: state.iso3),
        Column("name", lambda state: state.display_name),
        Column("regional_group", lambda state: state.regional_group),
        Column("consecutive_missing", lambda state: state.consecutive_missing),
        Column("overdue_count", lambda state: state.overdue_count),
        Column("missing_years", lambda state: display_missing_years(state.missing_years or "")),
        Column(
            "mines_retained_latest",
            lambda state: state.latest_retained_quantity if state.latest_retained_quantity else "",
        ),
        Column("article4_open", lambda state: _flag(state.article4_open)),
        Column("article5_open", lambda state: _flag(state.article5_open)),
    ],
)


class GridTable(Table):
    """Each State's reports by year: the reports of all the States listed, read at once."""

    def __init__(self, years: range, today: date) -> None:
        self.years, self.today = years, today
        columns = [
            Column("iso3", lambda state: state.iso3),
            Column("name", lambda state: state.display_name),
            *[Column(str(key), self._cell(key)) for key in ["initial", *years]],
        ]
        super().__init__("article7-grid", columns)
        self.cells: dict = {}

    def _cell(self, key):
        def value(state) -> str:
            report = self.cells.get(state.pk, {}).get(key)
            if report is None:
                return ReportStatus.NOT_REQUIRED.value
            status = report.status_on(self.today)
            days = report.days_on(self.today)
            return f"{status.value}:{days}" if days else status.value

        return value

    def rows(self, records: Iterable) -> Iterator[list]:
        states = list(records)
        self.cells = states_by_year(states, self.years, self.today)
        return super().rows(states)


ARTICLE9_OUTSTANDING = Table(
    "article9-outstanding",
    [
        Column("iso3", lambda state: state.iso3),
        Column("name", lambda state: state.display_name),
        Column("status", lambda state: state.article9_status or "none"),
        Column("as_of", lambda state: day(state.article9_as_of)),
        Column("measure", lambda state: state.article9_measure or ""),
        Column("source", lambda state: state.article9_source or ""),
    ],
)


def submissions_table(user: Any = None) -> Table:
    """Article 7 reports as the import reads them; a link the user may not read is left out
    (``user=None``: all)."""

    def link(submission) -> str:
        readable = user is None or can_see(user, submission.visibility)
        return submission.link if readable else ""

    return Table(
        "article7-reports",
        [
            Column("iso3", lambda s: s.state.iso3),
            Column("kind", lambda s: s.kind),
            Column("year", lambda s: s.year),
            Column("received_on", lambda s: day(s.received_on)),
            Column("forms", lambda s: s.forms),
            Column("nothing_new", lambda s: _flag(s.nothing_new)),
            Column("languages", lambda s: s.languages.replace(",", ";")),
            Column("link", link),
            Column("visibility", lambda s: s.visibility),
            Column("mines_retained", lambda s: blank_none(s.mines_retained)),
            Column("stockpile_remaining", lambda s: blank_none(s.stockpile_remaining)),
            Column("mined_area_remaining", lambda s: blank_none(s.mined_area_remaining)),
        ],
    )


ARTICLE9_RECORDS = Table(
    "article9-records",
    [
        Column("iso3", lambda record: record.state.iso3),
        Column("as_of", lambda record: day(record.as_of)),
        Column("status", lambda record: record.status),
        Column("measure", lambda record: record.measure),
        Column("source", lambda record: record.source),
    ],
)

AUDIENCE_MEMBERS = Table(
    "audience",
    [
        Column("iso3", lambda state: state.iso3),
        Column("name", lambda state: state.display_name),
    ],
)
