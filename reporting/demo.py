"""Demonstration reporting history: who reported, when, with which forms. Every figure is
illustrative; the on-time rate follows the shape of the real one (about 80 % in the first
years, falling below half)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from states_parties.models import StateParty

from .models import Article9Record, Article9Status, ExpectedReport, Submission
from .services import refresh_summaries, sync_expected_reports

AFFECTED_FORMS = ("ABCDFGJ", "ACDFGIJ", "ACDGJ", "ABCDEFGHIJ")
OTHER_FORMS = ("ABD", "AD", "ABDG", "A")


def _on_time_chance(year: int) -> float:
    if year <= 2004:
        return 0.78
    if year <= 2010:
        return 0.78 - 0.05 * (year - 2004)
    return 0.42 + 0.01 * ((year * 7) % 5)


def load(rng: random.Random) -> None:
    today = timezone.localdate()
    sync_expected_reports()
    reliability = {state.pk: rng.random() for state in StateParty.objects.order_by("iso3")}
    affected = set(StateParty.objects.filter(has_mined_areas=True).values_list("pk", flat=True))
    submissions = []
    for report in ExpectedReport.objects.filter(due_date__lt=today).order_by(
        "state__iso3", "due_date"
    ):
        steady = reliability[report.state_id]
        chance = _on_time_chance(report.due_date.year)
        if steady < 0.12:  # chronic gaps: a few States rarely report
            chance *= 0.25
        roll = rng.random()
        if roll < chance * (0.6 + steady * 0.7):
            received = report.due_date - timedelta(days=rng.randint(0, 60))
        elif roll < min(0.97, chance + 0.3):
            received = report.due_date + timedelta(days=rng.randint(5, 400))
            if received > today:
                continue
        else:
            continue
        nothing_new = report.state_id not in affected and rng.random() < 0.2
        forms = (
            ""
            if nothing_new
            else rng.choice(AFFECTED_FORMS if report.state_id in affected else OTHER_FORMS)
        )
        submissions.append(
            Submission(
                state_id=report.state_id,
                kind=report.kind,
                year=report.year,
                received_on=received,
                forms=forms,
                nothing_new=nothing_new,
                languages=rng.choice(("en", "en", "fr", "es", "en,fr")),
                link=f"https://reports.example/{report.year}/{report.state_id}.pdf",
                visibility="public",
            )
        )
    Submission.objects.bulk_create(submissions, batch_size=1000)
    sync_expected_reports()  # copies each report's date of receipt onto what was expected
    _load_article9(rng)


#: Where the demonstration's statements come from.
_ARTICLE9_SOURCE = "Article 7 report, Form A"
#: The stages a State stopped at (a roll below the bound), and the measure it named.
_ARTICLE9_STAGES = [
    (0.13, Article9Status.NOTHING_REPORTED, ""),
    (0.28, Article9Status.IN_PREPARATION, "Draft implementing legislation (illustrative)"),
    (0.45, Article9Status.EXISTING_LAW_SUFFICIENT, "Penal code and arms law (illustrative)"),
]


def _article9_records(state: StateParty, rng: random.Random) -> list[Article9Record]:
    """One State's illustrative Article 9 statements: none (one State in twenty), one stage,
    or a bill and then, once its date has passed, the law adopted."""
    roll = rng.random()
    start = max(state.entry_into_force, date(1999, 6, 1))
    first = start + timedelta(days=rng.randint(200, 1500))
    if roll < 0.05:
        return []
    for bound, status, measure in _ARTICLE9_STAGES:
        if roll < bound:
            return [
                Article9Record(
                    state=state,
                    as_of=first,
                    status=status,
                    measure=measure,
                    source=_ARTICLE9_SOURCE,
                )
            ]
    records = [
        Article9Record(
            state=state,
            as_of=first,
            status=Article9Status.IN_PREPARATION,
            measure="Bill before parliament (illustrative)",
            source=_ARTICLE9_SOURCE,
        )
    ]
    adopted = first + timedelta(days=rng.randint(150, 1200))
    if adopted < timezone.localdate():
        records.append(
            Article9Record(
                state=state,
                as_of=adopted,
                status=Article9Status.LEGISLATION_ADOPTED,
                measure=f"Act on the prohibition of anti-personnel mines, {adopted.year} "
                "(illustrative)",
                source=_ARTICLE9_SOURCE,
            )
        )
    return records


def _load_article9(rng: random.Random) -> None:
    records = []
    for state in StateParty.objects.filter(entry_into_force__isnull=False).order_by("iso3"):
        records.extend(_article9_records(state, rng))
    Article9Record.objects.bulk_create(records)
    refresh_summaries()  # lists read each State's latest statement from its summary
