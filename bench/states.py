"""Issue 2: the States list (plain and filtered), a State's page and the CSV export, at 200
States (about today's register) and at 2,000 (ten times that, to show what grows with it)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .harness import size_label, staff_client, time_page, truncate

if TYPE_CHECKING:
    from states_parties.models import StateParty

SIZES = (200, 2000)
#: Every filter at once, as the ISU uses the list to find States with clearance still to do.
FILTERED = "/states/?q=State&status=state_party&open_obligation=article5"
#: Extension requests are recorded only where the original deadline has passed.
EXTENSIONS_BEFORE = date(2025, 1, 1)


def populate(count: int) -> StateParty:
    """``count`` States with the related records a State's page shows; return the State with
    the most of them (the first: index 0 meets every rule below).

    Every State has a Permanent Mission, every second an Article 7 contact point, every fifth
    a national contact point and a former contact, now inactive. Every third reports retained
    mines for 2018-2025. Every State with mined areas (every fourth) whose original deadline
    has passed had an extension granted, every second of those asks for another (pending),
    and every fifth of them has declared completion."""
    from states_parties.models import Article5Extension, Contact, RetainedMines, StateParty
    from tests.factories import bulk_states

    truncate(StateParty)
    states = bulk_states(count)
    contacts: list[Contact] = []
    for index, state in enumerate(states):
        domain = f"{state.iso3.lower()}.example"
        contacts.append(
            Contact(
                state=state,
                kind=Contact.Kind.PERMANENT_MISSION,
                name=f"Mission of {state.name}",
                function="Counsellor, disarmament",
                email=f"mission@{domain}",
            )
        )
        if index % 2 == 0:
            contacts.append(
                Contact(
                    state=state,
                    kind=Contact.Kind.ARTICLE7,
                    name=f"Article 7 focal point {state.iso3}",
                    email=f"article7@{domain}",
                    preferred_language=Contact.Language.FRENCH,
                )
            )
        if index % 5 == 0:
            contacts += [
                Contact(
                    state=state,
                    kind=Contact.Kind.NATIONAL,
                    name=f"Mine action centre {state.iso3}",
                    email=f"mac@{domain}",
                    preferred_language=Contact.Language.SPANISH,
                ),
                Contact(
                    state=state,
                    kind=Contact.Kind.NATIONAL,
                    name=f"Former focal point {state.iso3}",
                    email=f"former@{domain}",
                    active=False,
                ),
            ]
    Contact.objects.bulk_create(contacts)
    RetainedMines.objects.bulk_create(
        RetainedMines(state=state, year=year, quantity=1000 - 40 * (year - 2018), source="Form D")
        for state in states[::3]
        for year in range(2018, 2026)
    )

    extensions: list[Article5Extension] = []
    extended: list[StateParty] = []
    completed: list[StateParty] = []
    for number, state in enumerate(state for state in states if state.has_mined_areas):
        original = state.clearance_original_deadline
        if original is None or original >= EXTENSIONS_BEFORE:
            continue
        granted = original + timedelta(days=5 * 365)
        extensions.append(
            Article5Extension(
                state=state,
                submitted_on=original - timedelta(days=365),
                requested_until=granted,
                decision_meeting="MSP",
                decided_on=original - timedelta(days=120),
                outcome=Article5Extension.Outcome.GRANTED,
                granted_until=granted,
            )
        )
        if number % 2 == 0 and granted < EXTENSIONS_BEFORE:
            extensions.append(
                Article5Extension(
                    state=state,
                    submitted_on=granted - timedelta(days=365),
                    requested_until=granted + timedelta(days=5 * 365),
                    notes="Awaiting the decision of the Meeting of the States Parties.",
                )
            )
        # The derived column ``save`` would set from the latest extension granted.
        state.clearance_deadline = granted
        extended.append(state)
        if number % 5 == 4:
            state.clearance_completed_on = min(granted, EXTENSIONS_BEFORE) - timedelta(days=30)
            completed.append(state)
    Article5Extension.objects.bulk_create(extensions)
    StateParty.objects.bulk_update(extended, ["clearance_deadline", "clearance_completed_on"])

    sample = states[0]
    if not (sample.has_mined_areas and sample in extended and sample not in completed):
        raise RuntimeError("the sample State lacks the records its page is timed with")
    return sample


def run(size: int) -> Iterator[str]:
    """Fill the database with ``size`` States, then time each page."""
    sample = populate(size)
    client = staff_client()
    label = size_label(size, "States")
    # The sample sorts first by name and matches every filter, so each page must show it.
    yield time_page(client, "/states/", f"states list, {label}", contains=sample.name).line()
    yield time_page(client, FILTERED, f"states list filtered, {label}", contains=sample.name).line()
    yield time_page(
        client, sample.get_absolute_url(), f"state detail, {label}", contains=sample.name
    ).line()
    yield time_page(
        client,
        "/states/export.csv",
        f"states CSV export, {label}",
        runs=5,
        warmup=1,
        contains=sample.iso3,
    ).line()
