"""Demonstration data for the States register: real names of today's States Parties, with
dates close to the depositary's record where known and clearly illustrative figures
(extension histories, stockpiles, mines retained, contacts at ``.example`` addresses)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

from . import rules, services
from .imports import StatePartyImporter
from .models import Article5Extension, Contact, RetainedMines, StateParty

DEMO_CSV = Path(__file__).parent / "demo" / "states_parties.csv"

# Illustrative: States with mined areas; some have declared completion.
AFFECTED = (
    "AFG AGO ARG BIH BFA CMR COD COL CYP ECU ERI ETH GNB HRV IRQ KHM LKA MLI MRT NER NGA PER "
    "PSE SDN SEN SOM SRB SSD TCD THA TJK TUR UKR YEM ZWE"
).split()
CLEARANCE_COMPLETED = {
    "MOZ": date(2015, 9, 17),
    "CHL": date(2020, 2, 27),
    "GBR": date(2020, 11, 10),
    "DNK": date(2012, 6, 19),
    "GRC": date(2009, 11, 25),
    "NIC": date(2010, 4, 18),
    "DZA": date(2017, 2, 6),
    "JOR": date(2012, 4, 24),
    "UGA": date(2012, 8, 1),
    "MWI": date(2008, 12, 1),
}
# Illustrative: stockpile destruction still outstanding after the Article 4 deadline.
STOCKPILE_OUTSTANDING = ("UKR", "GRC")
NO_STOCKPILE = (
    "AND ATG BHS BRB BLZ BTN COK DMA FJI GRD ISL KIR LIE MCO MDV MHL NIU NRU PLW KNA LCA VCT "
    "WSM SMR SLB TON TUV VUT VAT"
).split()
RETAINING = (
    "BGD BRA CHL COL DZA FIN GRC KEN NLD PER SWE TUR TUN UKR VEN ZAF ZMB BEL CAN DEU FRA"
).split()
FRENCH = (
    "BEN BFA BDI CMR CAF TCD COM COG CIV COD DJI GAB GIN MDG MLI MRT MCO NER RWA SEN SYC TGO "
    "TUN DZA HTI BEL LUX FRA CHE"
).split()
SPANISH = ("ARG BOL CHL COL CRI DOM ECU SLV GNQ GTM HND MEX NIC PAN PRY PER ESP URY VEN").split()

# Meetings of the States Parties and Review Conferences by year, as committees name them.
MEETING_OF_YEAR = dict(
    [
        *((1998 + n, f"{n}MSP") for n in range(1, 6)),
        (2004, "1RC"),
        *((2004 + n - 5, f"{n}MSP") for n in range(6, 10)),
        (2009, "2RC"),
        *((2010 + n - 10, f"{n}MSP") for n in range(10, 14)),
        (2014, "3RC"),
        *((2015 + n - 14, f"{n}MSP") for n in range(14, 18)),
        (2019, "4RC"),
        *((2020 + n - 18, f"{n}MSP") for n in range(18, 22)),
        (2024, "5RC"),
        (2025, "22MSP"),
    ]
)


def load(rng: random.Random) -> None:
    StatePartyImporter().run(DEMO_CSV.read_bytes())
    for state in StateParty.objects.order_by("iso3"):
        _set_obligations(state, rng)
        services.save_state_party(state)
        _add_extensions(state, rng)
        _add_retained_mines(state, rng)
        _add_contacts(state)


def _set_obligations(state: StateParty, rng: random.Random) -> None:
    in_force = state.entry_into_force
    recent = in_force is None or in_force.year >= 2025
    if state.iso3 in NO_STOCKPILE or recent:
        state.had_stockpiles = None if recent else False
    else:
        state.had_stockpiles = True
        if state.iso3 not in STOCKPILE_OUTSTANDING:
            deadline = rules.stockpile_destruction_deadline(in_force)
            state.stockpile_destroyed_on = min(
                deadline - timedelta(days=rng.randint(30, 900)), date(2024, 12, 31)
            )
    if state.iso3 in AFFECTED:
        state.has_mined_areas = True
    elif state.iso3 in CLEARANCE_COMPLETED:
        state.has_mined_areas = True
        state.clearance_completed_on = CLEARANCE_COMPLETED[state.iso3]
    elif not recent:
        state.has_mined_areas = False


def _add_extensions(state: StateParty, rng: random.Random) -> None:
    """A chain of requests, each submitted in March before the deadline it extends, decided at
    that year's Meeting; the last one in some States is still pending."""
    if state.iso3 not in AFFECTED or state.entry_into_force is None:
        return
    deadline = rules.clearance_deadline(state.entry_into_force)
    while 2009 <= deadline.year <= 2027:
        year = deadline.year - 1
        submitted = date(year, 3, 31)
        requested = deadline + relativedelta(years=rng.choice((2, 3, 4, 5, 6)))
        pending = year == 2026
        extension = Article5Extension(
            state=state,
            submitted_on=submitted,
            requested_until=requested,
            decision_meeting="" if pending else MEETING_OF_YEAR.get(year, ""),
            decided_on=None if pending else date(year, 11, 28),
            outcome=Article5Extension.Outcome.PENDING
            if pending
            else Article5Extension.Outcome.GRANTED,
            granted_until=None if pending else requested,
        )
        services.save_extension(extension)
        if pending:
            break
        deadline = requested


def _add_retained_mines(state: StateParty, rng: random.Random) -> None:
    if state.iso3 not in RETAINING:
        return
    quantity = rng.randint(300, 4000)
    for year in range(2019, 2026):
        services.save_retained_mines(
            RetainedMines(state=state, year=year, quantity=quantity, source="Article 7, Form D")
        )
        quantity = max(0, quantity - rng.randint(0, 250))


#: Illustrative people: a given name, a family name and the form of address they use.
PEOPLE = (
    ("Ana", "Rossi", Contact.AddressedAs.MS),
    ("Kofi", "Mensah", Contact.AddressedAs.MR),
    ("Lucía", "Fernández", Contact.AddressedAs.MS),
    ("Jean", "Dupont", Contact.AddressedAs.MR),
    ("Mei", "Tanaka", Contact.AddressedAs.MS),
    ("Omar", "Haddad", Contact.AddressedAs.MR),
    ("Ingrid", "Larsen", Contact.AddressedAs.MS),
    ("Tomás", "Silva", Contact.AddressedAs.MR),
)
#: Missions whose contact is the Permanent Representative ("Excellency,"); the others are
#: written to as the Mission, by its full name.
REPRESENTATIVES = ("BEL", "CHL", "DEU", "FRA", "JPN", "KHM", "MEX", "PER", "SEN", "THA")


def _add_contacts(state: StateParty) -> None:
    from .addressing import mission_name

    language = "fr" if state.iso3 in FRENCH else "es" if state.iso3 in SPANISH else "en"
    domain = f"{state.iso3.lower()}.example"
    person = PEOPLE[sum(map(ord, state.iso3)) % len(PEOPLE)]
    if state.iso3 in REPRESENTATIVES:
        mission = Contact(
            name=f"{person[0]} {person[1]}",
            function="Ambassador, Permanent Representative",
            addressed_as=Contact.AddressedAs.PERMANENT_REPRESENTATIVE,
        )
    else:
        mission = Contact(
            name=mission_name(state, "en"),
            function="Disarmament section",
            addressed_as=Contact.AddressedAs.MISSION,
        )
    mission.state = state
    mission.kind = Contact.Kind.PERMANENT_MISSION
    mission.email = f"mission.geneva@{domain}"
    mission.preferred_language = language
    services.save_contact(mission)
    if state.has_mined_areas or state.had_stockpiles:
        given, family, addressed_as = PEOPLE[(sum(map(ord, state.iso3)) + 3) % len(PEOPLE)]
        services.save_contact(
            Contact(
                state=state,
                kind=Contact.Kind.ARTICLE7,
                name=f"{given} {family}",
                family_name=family,
                addressed_as=addressed_as,
                function="National mine action authority",
                email=f"article7@{domain}",
                preferred_language=language,
            )
        )
