"""Article 7's reporting rules that every list, summary, export and letter shares: the kinds of
report, when one is overdue, and how the reports missing are named. Pure (no database)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    INITIAL = "initial", _("Initial report")
    ANNUAL = "annual", _("Annual report")


def is_overdue(due_date: date, received_on: date | None, today: date) -> bool:
    """Article 7: a report is overdue from the day after it was due until it is received."""
    return received_on is None and due_date < today


def overdue_q(today: date) -> Q:
    """``is_overdue`` as a filter on expected reports."""
    return Q(received_on__isnull=True, due_date__lt=today)


#: How a stored list of missing reports (``ReportingSummary.missing_years``) names the initial
#: report: stored in no language, shown in the reader's (``missing_years_label``).
STORED_INITIAL = "initial"


def missing_years_label(reports: Iterable[tuple[str, int]]) -> str:
    """The reports due and not received, given as ``(kind, year)`` oldest first, as pages,
    exports and letters name them in the active language: "initial report, 2023, 2024"."""
    return ", ".join(
        gettext("initial report") if kind == ReportKind.INITIAL else str(year)
        for kind, year in reports
    )


def store_missing_years(reports: Iterable[tuple[str, int]]) -> str:
    """``reports`` as ``ReportingSummary.missing_years`` keeps them: "initial, 2023, 2024"."""
    return ", ".join(
        STORED_INITIAL if kind == ReportKind.INITIAL else str(year) for kind, year in reports
    )[:400]


def stored_missing_years(stored: str) -> list[tuple[str, int | str]]:
    """``store_missing_years`` read back as ``(kind, year)``."""
    return [
        (ReportKind.INITIAL, "") if part == STORED_INITIAL else (ReportKind.ANNUAL, part)
        for part in stored.split(", ")
        if part
    ]
