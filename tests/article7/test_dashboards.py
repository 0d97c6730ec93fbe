"""The committees' dashboards show the figures of the reports sent online."""

from datetime import date

import pytest
from django.template.loader import render_to_string

from article7 import services
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
