"""Demonstration meetings and committee membership: three committee years (2024 to 2026) that
obey the rules. Meetings up to the 22nd are close to the real ones; later ones, Presidents of
future meetings and every committee seat except those DOMAIN.md names are illustrative."""

from __future__ import annotations

import random
from datetime import date

from django.contrib.auth import get_user_model

from states_parties.models import StateParty

from . import services
from .models import Committee, Meeting, MemberKind, Representative, SeatTerm

# number, kind, opens, closes, venue, President's State (where recorded)
FORMAL_MEETINGS = [
    (1, "msp", date(1999, 5, 3), date(1999, 5, 7), "Maputo", "MOZ"),
    (2, "msp", date(2000, 9, 11), date(2000, 9, 15), "Geneva", None),
    (3, "msp", date(2001, 9, 18), date(2001, 9, 21), "Managua", "NIC"),
    (4, "msp", date(2002, 9, 16), date(2002, 9, 20), "Geneva", None),
    (5, "msp", date(2003, 9, 15), date(2003, 9, 19), "Bangkok", "THA"),
    (1, "rc", date(2004, 11, 29), date(2004, 12, 3), "Nairobi", "KEN"),
    (6, "msp", date(2005, 11, 28), date(2005, 12, 2), "Zagreb", "HRV"),
    (7, "msp", date(2006, 9, 18), date(2006, 9, 22), "Geneva", None),
    (8, "msp", date(2007, 11, 18), date(2007, 11, 22), "Dead Sea", "JOR"),
    (9, "msp", date(2008, 11, 24), date(2008, 11, 28), "Geneva", None),
    (2, "rc", date(2009, 11, 29), date(2009, 12, 4), "Cartagena", "COL"),
    (10, "msp", date(2010, 11, 29), date(2010, 12, 3), "Geneva", None),
    (11, "msp", date(2011, 11, 28), date(2011, 12, 2), "Phnom Penh", "KHM"),
    (12, "msp", date(2012, 12, 3), date(2012, 12, 7), "Geneva", None),
    (13, "msp", date(2013, 12, 2), date(2013, 12, 5), "Geneva", None),
    (3, "rc", date(2014, 6, 23), date(2014, 6, 27), "Maputo", "MOZ"),
    (14, "msp", date(2015, 11, 30), date(2015, 12, 4), "Geneva", None),
    (15, "msp", date(2016, 11, 28), date(2016, 12, 1), "Santiago", "CHL"),
    (16, "msp", date(2017, 12, 18), date(2017, 12, 21), "Vienna", "AUT"),
    (17, "msp", date(2018, 11, 26), date(2018, 11, 30), "Geneva", None),
    (4, "rc", date(2019, 11, 25), date(2019, 11, 29), "Oslo", "NOR"),
    (18, "msp", date(2020, 11, 16), date(2020, 11, 20), "Geneva (online)", None),
    (19, "msp", date(2021, 11, 15), date(2021, 11, 19), "The Hague", "NLD"),
    (20, "msp", date(2022, 11, 21), date(2022, 11, 25), "Geneva", None),
    (21, "msp", date(2023, 11, 20), date(2023, 11, 24), "Geneva", "DEU"),
    (5, "rc", date(2024, 11, 25), date(2024, 11, 29), "Siem Reap", "KHM"),
    (22, "msp", date(2025, 12, 1), date(2025, 12, 5), "Geneva", "JPN"),
    (23, "msp", date(2026, 11, 30), date(2026, 12, 4), "Geneva", "ZMB"),
    (24, "msp", date(2027, 11, 29), date(2027, 12, 3), "Geneva", None),
]
INTERSESSIONALS = [
    (date(2024, 6, 18), date(2024, 6, 20)),
    (date(2025, 6, 17), date(2025, 6, 20)),
    (date(2026, 6, 16), date(2026, 6, 19)),
]

# Committee -> cohorts of two: 20MSP-5RC, 21MSP-22MSP, 5RC-23MSP, 22MSP-24MSP.
COHORTS = [("20MSP", "5RC"), ("21MSP", "22MSP"), ("5RC", "23MSP"), ("22MSP", "24MSP")]
SEATS = {
    "CA5": [("COL", "SWE"), ("DEU", "THA"), ("DZA", "NOR"), ("KHM", "CHE")],
    "CVA": [("CHL", "ITA"), ("NLD", "PER"), ("AUS", "IRQ"), ("AUT", "COL")],
    "CECA": [("BEL", "ZMB"), ("DNK", "TUR"), ("JPN", "LKA"), ("AGO", "IRL")],
    "CCC": [("FRA", "ZMB"), ("BFA", "GBR"), ("CAN", "ZAF"), ("MEX", "PHL")],
}
# Member kinds (by committee and State) the committees' rules ask for.
KINDS = {
    ("CA5", "COL"): ["affected"],
    ("CA5", "THA"): ["affected"],
    ("CA5", "DZA"): ["affected"],
    ("CA5", "KHM"): ["affected"],
    ("CECA", "ZMB"): ["affected"],
    ("CECA", "BEL"): ["provider"],
    ("CECA", "TUR"): ["affected"],
    ("CECA", "DNK"): ["provider"],
    ("CECA", "LKA"): ["affected"],
    ("CECA", "JPN"): ["provider"],
    ("CECA", "AGO"): ["affected"],
    ("CECA", "IRL"): ["provider"],
}
# (committee, year) -> Chair (second-year member); gender focal point.
CHAIRS = {
    ("CA5", 2024): "COL",
    ("CA5", 2025): "DEU",
    ("CA5", 2026): "NOR",
    ("CVA", 2024): "ITA",
    ("CVA", 2025): "PER",
    ("CVA", 2026): "AUS",
    ("CECA", 2024): "BEL",
    ("CECA", 2025): "DNK",
    ("CECA", 2026): "JPN",
}
FOCAL_POINTS = {
    ("CA5", 2024): "THA",
    ("CA5", 2025): "DZA",
    ("CA5", 2026): "KHM",
    ("CVA", 2024): "NLD",
    ("CVA", 2025): "IRQ",
    ("CVA", 2026): "AUT",
    ("CECA", 2024): "TUR",
    ("CECA", 2025): "LKA",
    ("CECA", 2026): "IRL",
    ("CCC", 2024): "GBR",
    ("CCC", 2025): "ZAF",
    ("CCC", 2026): "PHL",
}


def load(rng: random.Random) -> None:
    states = {state.iso3: state for state in StateParty.objects.all()}
    formal = {}
    for number, kind, opens, closes, venue, president in FORMAL_MEETINGS:
        meeting = services.save_meeting(
            Meeting(
                kind=kind,
                number=number,
                start_date=opens,
                end_date=closes,
                venue=venue,
                president_state=states.get(president) if president else None,
            )
        )
        formal[meeting.short_name] = meeting
    for opens, closes in INTERSESSIONALS:
        services.save_meeting(
            Meeting(
                kind=Meeting.Kind.INTERSESSIONAL, start_date=opens, end_date=closes, venue="Geneva"
            )
        )
    committees = {committee.code: committee for committee in Committee.objects.all()}
    kinds = {kind.code: kind for kind in MemberKind.objects.all()}
    terms: dict[tuple[str, str], SeatTerm] = {}
    for code, cohorts in SEATS.items():
        for (start, end), pair in zip(COHORTS, cohorts, strict=True):
            for iso3 in pair:
                terms[(code, iso3)] = services.save_term(
                    SeatTerm(
                        committee=committees[code],
                        state=states[iso3],
                        start_meeting=formal[start],
                        end_meeting=formal[end],
                    ),
                    kinds=[kinds[kind] for kind in KINDS.get((code, iso3), [])],
                )
    for (code, year), iso3 in CHAIRS.items():
        services.set_office(terms[(code, iso3)], "chair", year)
    for (code, year), iso3 in FOCAL_POINTS.items():
        services.set_office(terms[(code, iso3)], "gender_focal_point", year)
    _load_committee_meetings(committees, states)
    _link_demo_users(terms, formal)


def _load_committee_meetings(committees, states) -> None:
    plan = [
        ("CCC", Meeting.Kind.COMMITTEE, date(2026, 1, 20), "Initial meeting of the year", []),
        (
            "CCC",
            Meeting.Kind.WORKSHOP,
            date(2026, 3, 10),
            "Online workshop on Article 7 reporting",
            [],
        ),
        (
            "CCC",
            Meeting.Kind.BILATERAL,
            date(2026, 5, 12),
            "Meeting with a delegation on an alleged use",
            ["UKR"],
        ),
        ("CCC", Meeting.Kind.CIVIL_SOCIETY, date(2026, 5, 26), "Meeting with ICBL and ICRC", []),
        ("CA5", Meeting.Kind.COMMITTEE, date(2026, 1, 27), "Initial meeting of the year", []),
        (
            "CA5",
            Meeting.Kind.BILATERAL,
            date(2026, 4, 21),
            "Dialogue on an extension request",
            ["KHM"],
        ),
        ("CA5", Meeting.Kind.COMMITTEE, date(2026, 12, 10), "Planning for 2027", []),
        ("CVA", Meeting.Kind.COMMITTEE, date(2026, 2, 3), "Initial meeting of the year", []),
        (
            "CECA",
            Meeting.Kind.WORKSHOP,
            date(2026, 9, 15),
            "Individualised approach: partners' meeting",
            ["AGO"],
        ),
    ]
    for code, kind, day, title, iso3s in plan:
        services.save_meeting(
            Meeting(
                kind=kind,
                committee=committees[code],
                start_date=day,
                end_date=day,
                title=title,
                venue="Geneva",
            ),
            states=[states[iso3] for iso3 in iso3s],
        )


def _link_demo_users(terms, formal) -> None:
    """The demo's chair sits for Norway, Chair of CA5 in 2026; the demo member for Canada on
    the Committee on Cooperative Compliance."""
    users = {user.username: user for user in get_user_model().objects.all()}
    if "chair" in users:
        services.save_representative(
            Representative(
                term=terms[("CA5", "NOR")],
                name="Carmen Chair",
                function="Ambassador, Permanent Mission of Norway (illustrative)",
                user=users["chair"],
            )
        )
    if "member" in users:
        services.save_representative(
            Representative(
                term=terms[("CCC", "CAN")],
                name="Mamadou Member",
                function="Counsellor, Permanent Mission of Canada (illustrative)",
                user=users["member"],
            )
        )
