"""Charts drawn on the server as SVG, so that the page and the PDF show the same picture.
Each chart comes with the numbers it draws, for a table or text alternative."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import YearRate

#: Text size in the SVG's units. The dashboards draw their chart about as wide as its viewBox,
#: so that labels show at 11 px or more in a 1366 px window (tests/browser/test_layout_browser).
FONT_SIZE = 12
#: The room one year's label needs, in the same units: "2025" at FONT_SIZE and a gap.
YEAR_LABEL_ROOM = 36


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    title: str


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class YearLabel:
    x: float
    label: str


@dataclass(frozen=True)
class RateChart:
    width: int
    height: int
    plot_left: int
    plot_bottom: int
    on_time: list[Bar]
    total: list[Bar]
    ticks: list[Tick]
    years: list[YearLabel]
    rates: list[YearRate]
    font_size: int = FONT_SIZE


def rate_chart(rates: list[YearRate], width: int = 760, height: int = 260) -> RateChart:
    """Per year, the share of reports received at all (light) with the share received on time
    (dark) in front of it; 0 to 100 %. The years are those the reports cover, as in every
    list (the reports due in 2026 are the 2025 reports)."""
    left, right, top, bottom = 48, 8, 10, 30
    plot_width = width - left - right
    plot_height = height - top - bottom
    slot = plot_width / max(len(rates), 1)
    bar_width = max(2.0, slot * 0.7)
    # Every year that has room for its label, else every second, fifth... (never overlapping).
    label_every = next(
        step for step in (1, 2, 5, 10, 20, 50) if step * slot >= YEAR_LABEL_ROOM or step == 50
    )

    def bar(index: int, rate: float, title: str) -> Bar:
        bar_height = round(plot_height * rate, 1)
        return Bar(
            x=round(left + index * slot + (slot - bar_width) / 2, 1),
            y=round(top + plot_height - bar_height, 1),
            width=round(bar_width, 1),
            height=bar_height,
            title=title,
        )

    total, on_time, years = [], [], []
    for index, rate in enumerate(rates):
        figures = {"year": rate.covered_year}
        total.append(
            bar(
                index,
                rate.total_rate,
                _("Reports for %(year)s: %(percent)s %% received")
                % {**figures, "percent": rate.total_percent},
            )
        )
        on_time.append(
            bar(
                index,
                rate.on_time_rate,
                _("Reports for %(year)s: %(percent)s %% on time")
                % {**figures, "percent": rate.on_time_percent},
            )
        )
        if index % label_every == 0:
            x = round(left + index * slot + slot / 2, 1)
            years.append(YearLabel(x, str(rate.covered_year)))
    ticks = [
        Tick(round(top + plot_height * (1 - share / 100), 1), f"{share} %")
        for share in (0, 25, 50, 75, 100)
    ]
    return RateChart(width, height, left, top + plot_height, on_time, total, ticks, years, rates)
