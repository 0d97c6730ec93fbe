"""The reporting rules every page, summary and letter shares: "overdue", and how the reports
missing are named."""

from datetime import date

import pytest
from django.utils import translation

from reporting.compliance import display_missing_years
from reporting.models import ExpectedReport, ReportKind, ReportStatus
from reporting.rules import (
    is_overdue,
    missing_years_label,
    store_missing_years,
    stored_missing_years,
)
from tests.factories import ExpectedReportFactory, StatePartyFactory

TODAY = date(2026, 5, 1)


@pytest.mark.django_db
def test_overdue_is_the_same_rule_in_python_and_in_sql():
    state = StatePartyFactory(iso3="AGO")
    cases = {
        # year: (due, received)
        2019: (date(2026, 4, 30), None),  # due yesterday: overdue
        2020: (date(2026, 5, 1), None),  # due today: not yet
        2021: (date(2026, 5, 2), None),
        2022: (date(2026, 4, 30), date(2026, 4, 30)),  # received on time
        2023: (date(2026, 4, 30), date(2026, 5, 1)),  # received late
    }
    for year, (due, received) in cases.items():
        ExpectedReportFactory(
            state=state, kind=ReportKind.ANNUAL, year=year, due_date=due, received_on=received
        )
    reports = ExpectedReport.objects.filter(state=state)
    in_sql = set(reports.overdue(TODAY).values_list("year", flat=True))
    in_python = {r.year for r in reports if is_overdue(r.due_date, r.received_on, TODAY)}
    statuses = {r.year: r.status_on(TODAY) for r in reports}
    annotated = dict(reports.with_status(TODAY).values_list("year", "status"))
    assert in_sql == in_python == {2019}
    assert (
        statuses
        == annotated
        == {
            2019: ReportStatus.OVERDUE,
            2020: ReportStatus.NOT_YET_DUE,
            2021: ReportStatus.NOT_YET_DUE,
            2022: ReportStatus.ON_TIME,
            2023: ReportStatus.LATE,
        }
    )


def test_the_missing_years_have_one_label_stored_or_not():
    missing = [(ReportKind.INITIAL, 2019), (ReportKind.ANNUAL, 2023), (ReportKind.ANNUAL, 2024)]
    stored = store_missing_years(missing)
    assert stored == "initial, 2023, 2024"
    assert missing_years_label(missing) == "initial report, 2023, 2024"
    assert display_missing_years(stored) == "initial report, 2023, 2024"
    assert [kind for kind, _year in stored_missing_years(stored)] == ["initial", "annual", "annual"]
    assert display_missing_years("") == "" == missing_years_label([])
    with translation.override("fr"):
        assert display_missing_years(stored) == "rapport initial, 2023, 2024"
    with translation.override("es"):
        assert missing_years_label(missing) == "informe inicial, 2023, 2024"
