"""The dashboards' Article 7 figures as charts, drawn on the server as SVG like
``reporting.charts`` (whose bars, ticks and year labels these are), from the same yearly totals
as the tables beside them: no query of their own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.formats import number_format

from reporting.charts import FONT_SIZE, Bar, Tick, YearLabel

#: The room a tick's label needs per character, in the SVG's units (digits and separators).
CHARACTER_WIDTH = FONT_SIZE * 0.62


@dataclass(frozen=True)
class FigureChart:
    """One figure per year, a bar each, on a scale from 0; ``title`` and ``description`` are
    the SVG's accessible name and description (the table that follows has the figures)."""

    chart_id: str
    title: str
    description: str
    width: int
    height: int
    plot_left: int
    plot_bottom: int
    bars: list[Bar]
    ticks: list[Tick]
    years: list[YearLabel]
    font_size: int = FONT_SIZE


def scale(highest: int) -> tuple[int, int]:
    """A step of 1, 2 or 5 times a power of ten giving at most five steps up to ``highest``,
    and the top of the scale (a multiple of the step)."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if highest <= 5 * step:
                return step, -(-highest // step) * step
        magnitude *= 10


def figure_chart(
    years: list[dict],
    key: str,
    *,
    chart_id: str,
    title: str,
    description: str,
    bar_title: Callable[[int, int], str],
    width: int = 360,
    height: int = 200,
) -> FigureChart:
    """``years`` as ``dashboards.yearly_totals`` gives them (``{"year": 2025, key: 1234}``):
    a bar per year of ``row[key]``, whose tooltip is ``bar_title(year, value)``."""
    step, top_value = scale(max([1, *(row[key] for row in years)]))
    ticks_values = range(0, top_value + 1, step)
    labels = {value: number_format(value, force_grouping=True) for value in ticks_values}
    left = max(36, round(max(len(label) for label in labels.values()) * CHARACTER_WIDTH) + 10)
    right, top, bottom = 8, 10, 30
    plot_width, plot_height = width - left - right, height - top - bottom
    slot = plot_width / max(len(years), 1)
    bar_width = round(max(2.0, slot * 0.6), 1)
    bars, year_labels = [], []
    for index, row in enumerate(years):
        bar_height = round(plot_height * row[key] / top_value, 1)
        middle = left + index * slot + slot / 2
        bars.append(
            Bar(
                x=round(middle - bar_width / 2, 1),
                y=round(top + plot_height - bar_height, 1),
                width=bar_width,
                height=bar_height,
                title=bar_title(row["year"], row[key]),
            )
        )
        year_labels.append(YearLabel(round(middle, 1), str(row["year"])))
    ticks = [
        Tick(round(top + plot_height * (1 - value / top_value), 1), labels[value])
        for value in ticks_values
    ]
    return FigureChart(
        chart_id,
        title,
        description,
        width,
        height,
        left,
        top + plot_height,
        bars,
        ticks,
        year_labels,
    )
