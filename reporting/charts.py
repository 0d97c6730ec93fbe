"""Charts drawn on the server as SVG, so that the page and the PDF show the same picture.
Each chart comes with the numbers it draws, for a table or text alternative."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import YearRate

if TYPE_CHECKING:
    from .compliance import Article5Year

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


def _year_label_every(slot: float) -> int:
    """Every year that has room for its label, else every second, fifth... (never
    overlapping)."""
    return next(
        step for step in (1, 2, 5, 10, 20, 50) if step * slot >= YEAR_LABEL_ROOM or step == 50
    )


def _whole_number_scale(highest: int) -> tuple[int, int]:
    """A step of 1, 2, 5, 10... giving at most five ticks, and the top of the scale."""
    step = next(step for step in (1, 2, 5, 10, 20, 50, 100, 200, 500) if highest / step <= 5)
    return step, -(-highest // step) * step


def rate_chart(rates: list[YearRate], width: int = 760, height: int = 260) -> RateChart:
    """Per year, the share of reports received at all (light) with the share received on time
    (dark) in front of it; 0 to 100 %. The years are those the reports cover, as in every
    list (the reports due in 2026 are the 2025 reports)."""
    left, right, top, bottom = 48, 8, 10, 30
    plot_width = width - left - right
    plot_height = height - top - bottom
    slot = plot_width / max(len(rates), 1)
    bar_width = max(2.0, slot * 0.7)
    label_every = _year_label_every(slot)

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


@dataclass(frozen=True)
class Article5Chart:
    width: int
    height: int
    plot_left: int
    plot_bottom: int
    deadlines: list[Bar]
    requests: list[Bar]
    ticks: list[Tick]
    years: list[YearLabel]
    counts: list[Article5Year]
    font_size: int = FONT_SIZE


def _article5_titles(count: Article5Year) -> tuple[str, str]:
    """The tooltips of a year's two bars."""
    deadlines = ngettext(
        "%(year)s: %(count)s Article 5 deadline",
        "%(year)s: %(count)s Article 5 deadlines",
        count.deadlines,
    ) % {"year": count.year, "count": count.deadlines}
    requests = ngettext(
        "%(year)s: %(count)s extension request submitted",
        "%(year)s: %(count)s extension requests submitted",
        count.requests,
    ) % {"year": count.year, "count": count.requests}
    return deadlines, requests


def article5_chart(
    counts: list[Article5Year], width: int = 360, height: int = 200
) -> Article5Chart:
    """Per year, two bars side by side: the Article 5 deadlines that fall in it (dark) and the
    extension requests submitted in it (light); a whole-number scale from 0."""
    left, right, top, bottom = 36, 8, 10, 30
    plot_width = width - left - right
    plot_height = height - top - bottom
    slot = plot_width / max(len(counts), 1)
    bar_width = max(2.0, slot * 0.38)
    step, top_value = _whole_number_scale(
        max([1, *(c.deadlines for c in counts), *(c.requests for c in counts)])
    )
    label_every = _year_label_every(slot)

    def bar(index: int, offset: float, value: int, title: str) -> Bar:
        bar_height = round(plot_height * value / top_value, 1)
        return Bar(
            x=round(left + index * slot + slot / 2 + offset, 1),
            y=round(top + plot_height - bar_height, 1),
            width=round(bar_width, 1),
            height=bar_height,
            title=title,
        )

    deadlines, requests, years = [], [], []
    for index, count in enumerate(counts):
        deadline_title, request_title = _article5_titles(count)
        deadlines.append(bar(index, -bar_width, count.deadlines, deadline_title))
        requests.append(bar(index, 0, count.requests, request_title))
        if index % label_every == 0:
            years.append(YearLabel(round(left + index * slot + slot / 2, 1), str(count.year)))
    ticks = [
        Tick(round(top + plot_height * (1 - value / top_value), 1), str(value))
        for value in range(0, top_value + 1, step)
    ]
    return Article5Chart(
        width, height, left, top + plot_height, deadlines, requests, ticks, years, counts
    )
