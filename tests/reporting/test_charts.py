"""The reporting-rate chart: the years the reports cover, tooltips in the reader's language,
year labels that never overlap."""

from itertools import pairwise

from django.utils import translation

from reporting.charts import YEAR_LABEL_ROOM, rate_chart
from reporting.models import YearRate

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
