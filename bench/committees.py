"""Issue 3: committee, composition and calendar pages with 4 and with 40 committees."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from .harness import size_label, staff_client, time_page, truncate

SIZES = (4, 40)
FIRST_YEAR = 2015
LAST_YEAR = 2027


def populate(count: int) -> None:
    """Formal meetings 2015-2027, ``count`` committees, each with two members joining every
    year, Chairs and focal points, and a committee meeting a month."""
    from committees.models import Committee, Meeting, Office, SeatTerm
    from states_parties.models import StateParty
    from tests.factories import bulk_states

    truncate(Office, SeatTerm, Meeting)
    Committee.objects.filter(is_standing=False).delete()
    if StateParty.objects.count() < 200:
        bulk_states(200)
    states = list(StateParty.objects.order_by("pk")[:200])
    formal = [
        Meeting.objects.create(
            kind="msp",
            number=year - 2000,
            start_date=date(year, 11, 24),
            end_date=date(year, 11, 28),
            venue="Geneva",
            president_state=states[year % 50],
        )
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
    ]
    for index in range(len(Committee.objects.all()), count):
        Committee.objects.create(code=f"C{index:02d}", name=f"Committee number {index}")
    committees = list(Committee.objects.order_by("pk"))[:count]
    Committee.objects.exclude(pk__in=[c.pk for c in committees]).filter(is_standing=False).delete()
    terms = []
    for c_index, committee in enumerate(committees):
        for m_index, start in enumerate(formal[:-2]):
            for seat in range(2):
                state = states[(c_index * 7 + m_index * 2 + seat) % len(states)]
                terms.append(
                    SeatTerm(
                        committee=committee,
                        state=state,
                        start_meeting=start,
                        end_meeting=formal[m_index + 2],
                    )
                )
    SeatTerm.objects.bulk_create(terms)
    offices = []
    for term in SeatTerm.objects.select_related("start_meeting", "end_meeting", "committee"):
        second_year = term.end_meeting.end_date.year
        if term.state_id % 2 == 0 and not term.committee.chaired_by_president:
            offices.append(Office(term=term, kind="chair", year=second_year))
        else:
            offices.append(Office(term=term, kind="gender_focal_point", year=second_year - 1))
    # One Chair and one focal point per committee and year: keep the first of each.
    seen = set()
    unique = []
    for office in offices:
        key = (office.term.committee_id, office.kind, office.year)
        if key not in seen:
            seen.add(key)
            unique.append(office)
    Office.objects.bulk_create(unique)
    Meeting.objects.bulk_create(
        Meeting(
            kind="committee",
            committee=committee,
            title="Committee meeting",
            start_date=date(2026, 1, 5) + timedelta(days=30 * month),
            end_date=date(2026, 1, 5) + timedelta(days=30 * month),
        )
        for committee in committees
        for month in range(12)
    )


def run(count: int) -> Iterator[str]:
    """Fill the database with ``count`` committees, then time each page."""
    populate(count)
    client = staff_client()
    size = size_label(count, "committees")
    yield time_page(client, "/", f"home, {size}").line()
    yield time_page(client, "/committees/", f"committee list, {size}").line()
    yield time_page(client, "/committees/CA5/", f"committee page, {size}").line()
    yield time_page(
        client, "/committees/CA5/?on=2020-06-01", f"composition on a date, {size}"
    ).line()
    yield time_page(client, "/meetings/", f"calendar list, {size}").line()
    yield time_page(client, "/meetings/month/2026/6/", f"calendar month, {size}").line()
