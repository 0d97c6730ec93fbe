"""Issue 2: the States list and detail pages at 200 and 2,000 States."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .harness import size_label, staff_client, time_page, truncate

SIZES = (200, 2000)


def populate(count: int) -> None:
    from states_parties.models import Article5Extension, Contact, RetainedMines, StateParty
    from tests.factories import bulk_states

    truncate(StateParty)
    states = bulk_states(count)
    Contact.objects.bulk_create(
        Contact(
            state=state,
            kind="permanent_mission",
            name=f"Mission {state.iso3}",
            email=f"mission@{state.iso3.lower()}.example",
        )
        for state in states
    )
    RetainedMines.objects.bulk_create(
        RetainedMines(state=state, year=year, quantity=100 + index)
        for index, state in enumerate(states[::3])
        for year in range(2018, 2026)
    )
    Article5Extension.objects.bulk_create(
        Article5Extension(
            state=state,
            submitted_on=date(2019, 3, 31),
            requested_until=date(2030, 1, 1),
            outcome="granted",
            decided_on=date(2019, 11, 29),
            granted_until=date(2030, 1, 1),
        )
        for state in states
        if state.has_mined_areas
    )


def run() -> Iterator[str]:
    from states_parties.models import StateParty

    client = staff_client()
    for count in SIZES:
        populate(count)
        sample = StateParty.objects.filter(has_mined_areas=True).order_by("iso3").first()
        size = size_label(count, "States")
        yield time_page(client, "/states/", f"states list, {size}").line()
        yield time_page(
            client,
            "/states/?q=State&status=state_party&open_obligation=article5&sort=-entry_into_force",
            f"states list filtered, {size}",
        ).line()
        yield time_page(client, f"/states/{sample.iso3}/", f"state detail, {size}").line()
        yield time_page(client, "/states/export.csv", f"states CSV export, {size}", runs=5).line()
