"""Issue 7: the audit trail's pages with 20,000 and 200,000 changes on record.

The application-wide log reads a UNION ALL over every history table, ordered and paginated by
the database: its first page, a filtered page and one State's history should stay flat as the
trail grows."""

from __future__ import annotations

import time
from collections.abc import Iterator

from .harness import size_label, staff_client, time_page, truncate

SIZES = (20_000, 200_000)
STATES = 2000


def populate(changes: int) -> None:
    """2,000 States, then rounds of bulk updates until ``changes`` history rows exist."""
    from states_parties.models import StateParty
    from tests.factories import bulk_states

    truncate(StateParty)
    bulk_states(STATES)
    rounds = max(0, changes // STATES - 1)
    for number in range(rounds):
        StateParty.objects.update(notes=f"checked, round {number}")


def run(changes: int) -> Iterator[str]:
    from states_parties.models import StateParty

    client = staff_client()
    started = time.perf_counter()
    populate(changes)
    total = StateParty.history.count()
    yield f"(data: {total:,} changes, built in {time.perf_counter() - started:.0f} s)"
    size = size_label(total, "changes")
    state = StateParty.objects.order_by("pk").first()
    for url, label in (
        ("/history/", f"history, first page, {size}"),
        ("/history/?page=50", f"history, page 50, {size}"),
        ("/history/?model=states_parties.stateparty&action=%7E", f"history filtered, {size}"),
        (f"/history/states_parties.stateparty/{state.pk}/", f"one State's history, {size}"),
    ):
        yield time_page(client, url, label, contains="changes").line()
