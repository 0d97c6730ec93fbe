"""The reporting-rate chart: the years the reports cover, tooltips in the reader's language,
year labels that never overlap; the Committee on Article 5 Implementation's chart."""

from datetime import date
from itertools import pairwise

import pytest
from django.utils import translation

from reporting import compliance
from reporting.charts import YEAR_LABEL_ROOM, article5_chart, rate_chart
from reporting.compliance import Article5Year
from reporting.models import YearRate
from states_parties.models import Article5Extension
from tests.factories import Article5ExtensionFactory, StatePartyFactory

RATES = [YearRate(2025, expected=4, received=3, on_time=2), YearRate(2026, 4, 4, 4)]


def test_the_years_are_those_the_reports_cover_as_in_every_list():
    chart = rate_chart(RATES)
    assert [label.label for label in chart.years] == ["2024", "2025"]
    assert [bar.title for bar in chart.total] == [
        "Reports for 2024: 75 % received",
        "Reports for 2025: 100 % received",
    ]
    assert [bar.title for bar in chart.on_time] == [
        "Reports for 2024: 50 % on time",
        "Reports for 2025: 100 % on time",
    ]
    assert chart.font_size == 12


def test_the_tooltips_follow_the_language():
    with translation.override("fr"):
        assert rate_chart(RATES).on_time[0].title == (
            "Rapports pour 2024\u00a0: 50\u00a0% reçus à temps"
        )
    with translation.override("es"):
        assert rate_chart(RATES).total[0].title == "Informes de 2024: 75 % recibidos"


def test_year_labels_keep_their_room_on_a_narrow_chart():
    rates = [YearRate(year, 4, 4, 4) for year in range(2000, 2027)]
    for width, shown in ((760, 14), (360, 6)):
        labels = rate_chart(rates, width=width).years
        assert len(labels) == shown
        assert min(b.x - a.x for a, b in pairwise(labels)) >= YEAR_LABEL_ROOM


# --- the Committee on Article 5 Implementation's chart -----------------------------------------


@pytest.fixture
def clearing(db):
    """Still clearing: Angola (deadline 31 Dec 2025, granted in 2021), Bosnia (1 Mar 2027,
    granted in 2023, a new request pending since 2026) and Chad (its original deadline,
    1 Oct 2009); Denmark finished clearing (deadline 2027 no longer counted); Ruritania has no
    mined areas."""
    from states_parties import services

    deposit = date(1999, 4, 23)  # in force 1 Oct 1999: original deadline 1 Oct 2009
    angola, bosnia = (
        StatePartyFactory(iso3=iso3, has_mined_areas=True, deposit_date=deposit)
        for iso3 in ("AGO", "BIH")
    )
    StatePartyFactory(iso3="TCD", has_mined_areas=True, deposit_date=deposit)
    denmark = StatePartyFactory(
        iso3="DNK",
        has_mined_areas=True,
        deposit_date=deposit,
        clearance_completed_on=date(2025, 6, 1),
    )
    StatePartyFactory(iso3="RUR", has_mined_areas=False, deposit_date=deposit)
    for state, submitted, granted in (
        (angola, date(2021, 3, 31), date(2025, 12, 31)),
        (bosnia, date(2023, 3, 31), date(2027, 3, 1)),
        (denmark, date(2023, 3, 30), date(2027, 6, 1)),
    ):
        services.save_extension(
            Article5ExtensionFactory(
                state=state,
                submitted_on=submitted,
                requested_until=granted,
                outcome=Article5Extension.Outcome.GRANTED,
                granted_until=granted,
            )
        )
    Article5ExtensionFactory(state=bosnia, submitted_on=date(2026, 3, 31))


def test_deadlines_and_requests_by_year(clearing):
    counts = compliance.article5_by_year(date(2026, 6, 15), 2021, 2027)
    assert [(c.year, c.deadlines, c.requests) for c in counts] == [
        (2021, 0, 1),
        (2022, 0, 0),
        (2023, 0, 2),
        (2024, 0, 0),
        (2025, 1, 0),
        (2026, 0, 1),
        (2027, 1, 0),
    ]


def test_the_article5_chart_draws_both_series_on_a_whole_number_scale():
    counts = [Article5Year(2025, 3, 0), Article5Year(2026, 7, 2)]
    chart = article5_chart(counts)
    assert [tick.label for tick in chart.ticks] == ["0", "2", "4", "6", "8"]
    assert [label.label for label in chart.years] == ["2025", "2026"]
    assert [bar.title for bar in chart.deadlines] == [
        "2025: 3 Article 5 deadlines",
        "2026: 7 Article 5 deadlines",
    ]
    assert [bar.title for bar in chart.requests] == [
        "2025: 0 extension requests submitted",
        "2026: 2 extension requests submitted",
    ]
    # 7 of a scale of 8 over the plot's 160 units; the bars of a year stand side by side.
    assert chart.deadlines[1].height == 140.0
    assert chart.requests[1].x == chart.deadlines[1].x + chart.deadlines[1].width
    assert chart.requests[0].height == 0


def test_the_committees_dashboard_shows_its_chart(clearing, staff_client):
    with translation.override("en"):
        page = staff_client.get("/committees/CA5/dashboard/").content.decode()
    assert "Article 5 deadlines and extension requests by year" in page
    assert "<title>2027: 1 Article 5 deadline</title>" in page


def test_the_overdue_panel_says_what_each_column_counts(clearing, staff_client):
    from reporting import services
    from states_parties.models import StateParty

    services.sync_expected_reports([StateParty.objects.get(iso3="AGO")], through_year=2024)
    with translation.override("en"):
        page = staff_client.get("/committees/CCC/dashboard/").content.decode()
    assert (
        '<th scope="col">State Party</th><th scope="col">Consecutive reports missed</th>'
        '<th scope="col">Years missing</th>'
    ) in page
