"""Progress against the plan: the yearly milestones of a State's latest work plan against the
area it released each year, as staff entered it or, failing that, as its Article 7 report's
Form C gives it (area cancelled, reduced and cleared during the year, from the latest version
of each year's report it sent), as a table and an SVG chart."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Sum
from django.utils.translation import gettext as _

from article7.models import MinedArea, Report
from reporting.charts import FONT_SIZE, Bar, Tick, YearLabel
from states_parties.models import StateParty

from .models import ProgressFigure, RequestVersion


@dataclass(frozen=True)
class ProgressYear:
    year: int
    planned_m2: int | None
    #: As staff entered it, and as the Article 7 report's Form C gives it.
    entered_m2: int | None = None
    reported_m2: int | None = None

    @property
    def released_m2(self) -> int | None:
        """The staff's figure, else the report's."""
        return self.entered_m2 if self.entered_m2 is not None else self.reported_m2

    @property
    def shortfall_m2(self) -> int | None:
        if self.planned_m2 is None or self.released_m2 is None:
            return None
        return max(self.planned_m2 - self.released_m2, 0)


@dataclass(frozen=True)
class ProgressChart:
    width: int
    height: int
    plot_left: int
    plot_bottom: int
    planned: list[Bar]
    released: list[Bar]
    ticks: list[Tick]
    years: list[YearLabel]
    font_size: int = FONT_SIZE


@dataclass(frozen=True)
class Progress:
    version: RequestVersion | None
    years: list[ProgressYear]
    chart: ProgressChart | None


def latest_plan(state: StateParty) -> RequestVersion | None:
    """The latest version with a work plan of the State's latest request."""
    return (
        RequestVersion.objects.filter(request__state=state, work_plan__isnull=False)
        .select_related("request__meeting")
        .order_by("-request__meeting__start_date", "-number")
        .distinct()
        .first()
    )


def form_c_released(state_ids: list[int], years: list[int] | None = None) -> dict:
    """Area released (cancelled, reduced, cleared) by ``(state id, year)``, from the mined
    areas of Form C in the latest version of each year's Article 7 report the State sent."""
    reports = Report.objects.filter(state__in=state_ids, year_covered__isnull=False)
    reports = reports.submitted().latest_versions()
    if years is not None:
        reports = reports.filter(year_covered__in=years)
    rows = (
        MinedArea.objects.filter(report__in=reports)
        .values("report__state_id", "report__year_covered")
        .annotate(released=Sum(F("cancelled_m2") + F("reduced_m2") + F("cleared_m2")))
        .order_by()
    )
    return {(row["report__state_id"], row["report__year_covered"]): row["released"] for row in rows}


def progress_of(state: StateParty) -> Progress:
    version = latest_plan(state)
    planned = dict(version.work_plan.values_list("year", "area_m2")) if version else {}
    entered = dict(
        ProgressFigure.objects.filter(state=state).values_list("year", "area_released_m2")
    )
    reported = {year: m2 for (_state, year), m2 in form_c_released([state.pk]).items()}
    years = sorted(set(planned) | set(entered) | set(reported))
    rows = [
        ProgressYear(year, planned.get(year), entered.get(year), reported.get(year))
        for year in years
    ]
    return Progress(version, rows, progress_chart(rows) if rows else None)


def scale(highest: int) -> tuple[int, int]:
    """A step of 1, 2 or 5 times a power of ten giving at most five ticks, and the top."""
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            if highest <= 5 * step:
                return step, -(-highest // step) * step
        power *= 10


def _hectares(m2: int) -> str:
    return f"{m2 / 10_000:,.1f} ha"


def progress_chart(rows: list[ProgressYear], width: int = 480, height: int = 220) -> ProgressChart:
    """Per year, the area planned (light) and released (dark), in hectares from 0."""
    left, right, top, bottom = 48, 8, 10, 30
    plot_width = width - left - right
    plot_height = height - top - bottom
    slot = plot_width / max(len(rows), 1)
    bar_width = max(2.0, slot * 0.38)
    highest = max([1, *(r.planned_m2 or 0 for r in rows), *(r.released_m2 or 0 for r in rows)])
    step, top_value = scale(-(-highest // 10_000))

    def bar(index: int, offset: float, m2: int | None, title: str) -> Bar:
        bar_height = round(plot_height * (m2 or 0) / 10_000 / top_value, 1)
        return Bar(
            x=round(left + index * slot + slot / 2 + offset, 1),
            y=round(top + plot_height - bar_height, 1),
            width=round(bar_width, 1),
            height=bar_height,
            title=title,
        )

    planned, released, years = [], [], []
    for index, row in enumerate(rows):
        planned.append(
            bar(
                index,
                -bar_width,
                row.planned_m2,
                _("%(year)s: planned %(area)s")
                % {"year": row.year, "area": _hectares(row.planned_m2 or 0)},
            )
        )
        released.append(
            bar(
                index,
                0,
                row.released_m2,
                _("%(year)s: released %(area)s")
                % {"year": row.year, "area": _hectares(row.released_m2 or 0)},
            )
        )
        years.append(YearLabel(round(left + index * slot + slot / 2, 1), str(row.year)))
    ticks = [
        Tick(round(top + plot_height * (1 - value / top_value), 1), f"{value} ha")
        for value in range(0, top_value + 1, step)
    ]
    return ProgressChart(width, height, left, top + plot_height, planned, released, ticks, years)
