"""The committees' dashboards show the figures of the reports sent online."""

from datetime import date

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from article7 import services
from article7.charts import scale
from article7.dashboards import article7_panels
from tests.factories import CommitteeFactory

from .conftest import fill

pytestmark = pytest.mark.django_db


def test_cooperative_compliance_and_article5_panels(report_2024, cambodia, submitter):
    later = fill(
        services.start_report(state=cambodia, year_covered=2025, by=submitter),
        submitter,
        D=services.SectionData(
            rows=({"mine_type": "PMN-2", "at_start": 80, "used_or_destroyed": 30, "at_end": 50},)
        ),
        C=services.SectionData(rows=({"location": "Battambang", "area_m2": 4000},)),
    )
    services.submit(
        report=later,
        official_name="Sok",
        official_function="Director",
        confirm_warnings=True,
        by=submitter,
    )
    today = date(2026, 6, 1)
    (ccc,) = article7_panels(CommitteeFactory(code="CCC"), today, submitter)
    assert [(row["year"], row["retained"]) for row in ccc.context["years"]] == [
        (2021, 0),
        (2022, 0),
        (2023, 0),
        (2024, 80),
        (2025, 50),
    ]
    assert [(r.state.iso3, r.retained) for r in ccc.context["retained"]] == [("KHM", 50)]
    html = render_to_string(ccc.template, {"data": ccc.context})
    assert "Cambodia: 50 (2025)" in html
    (ca5,) = article7_panels(CommitteeFactory(code="CA5"), today, submitter)
    assert [(r.state.iso3, r.mined_area) for r in ca5.context["areas"]] == [("KHM", 4000)]
    assert "Cambodia: 4,000 m² (2025)" in render_to_string(ca5.template, {"data": ca5.context})
    assert article7_panels(CommitteeFactory(code="CVA"), today, submitter) == []


def test_the_figures_are_charted_from_the_panels_own_queries(report_2024, submitter):
    today = date(2026, 6, 1)
    ccc_committee, ca5_committee = CommitteeFactory(code="CCC"), CommitteeFactory(code="CA5")
    for committee in (ccc_committee, ca5_committee):
        with CaptureQueriesContext(connection) as reading:
            article7_panels(committee, today, submitter)
        # The yearly totals and each State's latest figures: the charts add none.
        assert len(reading.captured_queries) == 2, committee.code
    (ccc,) = article7_panels(ccc_committee, today, submitter)
    destroyed, retained = ccc.context["charts"]
    assert [bar.title for bar in retained.bars] == [
        "2021: 0 mines retained",
        "2022: 0 mines retained",
        "2023: 0 mines retained",
        "2024: 80 mines retained",
        "2025: 0 mines retained",
    ]
    assert [bar.height for bar in retained.bars] == [0, 0, 0, 160, 0]
    assert [tick.label for tick in retained.ticks] == ["0", "20", "40", "60", "80"]
    assert [year.label for year in retained.years] == ["2021", "2022", "2023", "2024", "2025"]
    assert destroyed.bars[3].title == "2024: 0 stockpiled mines destroyed"
    assert [tick.label for tick in destroyed.ticks] == ["0", "1"]
    (ca5,) = article7_panels(ca5_committee, today, submitter)
    (area,) = ca5.context["charts"]
    assert area.bars[3].title == "2024: 5,000 m² remaining"
    assert [tick.label for tick in area.ticks] == ["0", "1,000", "2,000", "3,000", "4,000", "5,000"]
    for panel, chart_id, title in (
        (ccc, "article7-retained", "Mines retained per year covered"),
        (ccc, "article7-destroyed", "Stockpiled mines destroyed per year covered"),
        (ca5, "article7-mined-area", "Remaining mined area per year covered"),
    ):
        with CaptureQueriesContext(connection) as rendering:
            html = render_to_string(panel.template, {"data": panel.context})
        assert rendering.captured_queries == []
        assert (
            f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"' in html
            and f'<title id="{chart_id}-title">{title}</title>' in html
            and "The same figures are in the table that follows." in html
        )
        assert "<table" in html  # the table stays, after the chart
        assert html.index("<svg") < html.index("<table")


def test_the_scale_steps_by_one_two_or_five_times_a_power_of_ten():
    assert [scale(highest) for highest in (1, 4, 6, 11, 80, 5000, 12_345_678)] == [
        (1, 1),
        (1, 4),
        (2, 6),
        (5, 15),
        (20, 80),
        (1000, 5000),
        (5_000_000, 15_000_000),
    ]
