"""Charts drawn on the server as SVG, so that the page and the PDF show the same picture.
Each chart comes with the numbers it draws, for a table or text alternative."""

from __future__ import annotations

from dataclasses import dataclass

from .models import YearRate


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


def rate_chart(rates: list[YearRate], width: int = 760, height: int = 260) -> RateChart:
    """Per year, the share of reports received at all (light) with the share received on time
    (dark) in front of it; 0 to 100 %."""
    left, right, top, bottom = 44, 8, 10, 28
    plot_width = width - left - right
    plot_height = height - top - bottom
    slot = plot_width / max(len(rates), 1)
    bar_width = max(2.0, slot * 0.7)
    label_every = 1 if len(rates) <= 14 else 2 if len(rates) <= 28 else 5

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
        total.append(bar(index, rate.total_rate, f"{rate.year}: {rate.total_rate:.0%} received"))
        on_time.append(
            bar(index, rate.on_time_rate, f"{rate.year}: {rate.on_time_rate:.0%} on time")
        )
        if index % label_every == 0:
            years.append(YearLabel(round(left + index * slot + slot / 2, 1), str(rate.year)))
    ticks = [
        Tick(round(top + plot_height * (1 - share / 100), 1), f"{share} %")
        for share in (0, 25, 50, 75, 100)
    ]
    return RateChart(width, height, left, top + plot_height, on_time, total, ticks, years, rates)
