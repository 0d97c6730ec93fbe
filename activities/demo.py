"""Demonstration action plan, activities, priorities and a compliance matter: a committee year
(from the close of the 22nd Meeting, 5 December 2025, to November 2026) for each committee.

The actions paraphrase themes of the Siem Reap-Angkor Action Plan in our own words; their
numbers, like every activity below, are illustrative.
"""

from __future__ import annotations

import random
from datetime import date

from committees.models import Committee, Meeting
from states_parties.models import StateParty

from . import services
from .demo_translations import translated
from .models import Action, ActionPlan, Activity, Article, ComplianceMatter, Priority

ACTIONS = [
    (
        1,
        "Universalization",
        "Promote adherence",
        "Encourage States not party to join the Convention and apply its norms in the meantime.",
    ),
    (
        5,
        "Stockpile destruction",
        "Destroy stockpiles on time",
        "Destroy every stockpiled anti-personnel mine within the deadline and report each step.",
    ),
    (
        12,
        "Mine clearance",
        "Evidence-based plans",
        "Base clearance plans on accurate surveys and update them every year.",
    ),
    (
        18,
        "Mine clearance",
        "Timely extension requests",
        "Submit any request to extend an Article 5 deadline early, complete and realistic.",
    ),
    (
        27,
        "Victim assistance",
        "Include survivors",
        "Include mine survivors in national "
        "policies on disability, health, education and employment.",
    ),
    (
        36,
        "Cooperation and assistance",
        "Partnerships",
        "Bring together States seeking assistance and States able to provide it.",
    ),
    (
        48,
        "Transparency",
        "Report by 30 April",
        "Submit an annual Article 7 report by 30 April, using the online reporting format.",
    ),
    (
        49,
        "Transparency",
        "Retained mines",
        "Explain the number of mines retained under Article 3 and how they are used.",
    ),
    (
        50,
        "Compliance",
        "National measures",
        "Adopt the legislation and other measures Article 9 requires, including penal sanctions.",
    ),
    (
        51,
        "Compliance",
        "Cooperative compliance",
        "Address compliance concerns cooperatively and provide information quickly when asked.",
    ),
]

# committee, month, day, kind, text, visibility, states, actions, articles
ACTIVITIES = [
    (
        "CCC",
        2026,
        1,
        20,
        "meeting",
        "On 20 January 2026, the Committee held its initial "
        "meeting of the year and selected the Philippines as its gender focal point.",
        "public",
        [],
        [],
        [],
    ),
    (
        "CCC",
        2026,
        2,
        3,
        "letter",
        "On 3 February 2026, the Committee wrote to all States "
        "Parties recalling the 30 April deadline for Article 7 reports and the online reporting "
        "format.",
        "public",
        [],
        [48],
        [7],
    ),
    (
        "CCC",
        2026,
        2,
        24,
        "letter",
        "On 24 February 2026, the Committee wrote to every State "
        "Party with outstanding Article 9 obligations to ask about progress.",
        "public",
        [],
        [50],
        [9],
    ),
    (
        "CCC",
        2026,
        3,
        10,
        "workshop",
        "On 10 March 2026, the Committee held, with the other "
        "committees, an online workshop on Article 7 reporting for States Parties and States not "
        "party.",
        "public",
        [],
        [48],
        [7],
    ),
    (
        "CCC",
        2026,
        5,
        12,
        "engagement",
        "On 12 May 2026, the Committee met a delegation "
        "concerning an alleged use of anti-personnel mines.",
        "confidential",
        ["UKR"],
        [51],
        [1, 8],
    ),
    (
        "CCC",
        2026,
        5,
        26,
        "meeting",
        "On 26 May 2026, the Committee met representatives of "
        "the ICBL and the ICRC on matters of compliance.",
        "states_parties",
        [],
        [51],
        [1],
    ),
    (
        "CCC",
        2026,
        6,
        17,
        "observations",
        "On 17 June 2026, the Committee presented its "
        "preliminary observations at the Intersessional Meetings.",
        "public",
        [],
        [],
        [],
    ),
    (
        "CCC",
        2026,
        9,
        29,
        "letter",
        "On 29 September 2026, the Committee wrote to every State "
        "Party that has not submitted an Article 7 report for one or more years and still has "
        "obligations under Article 5 or 4, or retains mines under Article 3.",
        "public",
        [],
        [48, 49],
        [3, 4, 5, 7],
    ),
    (
        "CCC",
        2026,
        10,
        14,
        "meeting",
        "On 14 October 2026, the Committee reviewed its "
        "internal follow-up of the letters sent in September.",
        "internal",
        [],
        [],
        [],
    ),
    (
        "CA5",
        2026,
        1,
        27,
        "meeting",
        "On 27 January 2026, the Committee held its initial "
        "meeting and agreed its working methods for the year.",
        "public",
        [],
        [],
        [],
    ),
    (
        "CA5",
        2026,
        4,
        21,
        "engagement",
        "On 21 April 2026, the Committee held a dialogue with "
        "Cambodia on its request to extend its Article 5 deadline.",
        "public",
        ["KHM"],
        [18],
        [5],
    ),
    (
        "CA5",
        2026,
        6,
        18,
        "observations",
        "On 18 June 2026, the Committee presented its "
        "preliminary observations on the implementation of Article 5.",
        "public",
        [],
        [12],
        [5],
    ),
    (
        "CA5",
        2026,
        8,
        25,
        "letter",
        "On 25 August 2026, the Committee wrote to the States "
        "Parties whose Article 5 deadlines expire in 2027.",
        "states_parties",
        [],
        [18],
        [5],
    ),
    (
        "CA5",
        2026,
        10,
        6,
        "meeting",
        "On 6 October 2026, the Committee agreed its analysis of "
        "the extension requests submitted in 2026.",
        "internal",
        [],
        [18],
        [5],
    ),
    (
        "CVA",
        2026,
        2,
        3,
        "meeting",
        "On 3 February 2026, the Committee held its initial meeting of the year.",
        "public",
        [],
        [],
        [],
    ),
    (
        "CVA",
        2026,
        4,
        14,
        "workshop",
        "On 14 April 2026, the Committee held an online "
        "workshop with mine survivors' organisations.",
        "public",
        [],
        [27],
        [6],
    ),
    (
        "CVA",
        2026,
        6,
        17,
        "observations",
        "On 17 June 2026, the Committee presented its "
        "preliminary observations on victim assistance.",
        "public",
        [],
        [27],
        [],
    ),
    (
        "CECA",
        2026,
        3,
        3,
        "meeting",
        "On 3 March 2026, the Committee held its initial meeting "
        "and reviewed the Platform for Partnerships.",
        "public",
        [],
        [36],
        [6],
    ),
    (
        "CECA",
        2026,
        9,
        15,
        "workshop",
        "On 15 September 2026, the Committee brought Angola "
        "and its partners together for an individualised approach.",
        "public",
        ["AGO"],
        [36],
        [6],
    ),
]

PRIORITIES = {
    "CCC": [
        ("Encourage every State Party to submit its Article 7 report by 30 April.", [48], [7]),
        ("Engage the States Parties with outstanding Article 9 obligations.", [50], [9]),
        ("Address compliance concerns in a cooperative spirit.", [51], [1, 8]),
        ("Report on its activities at the Twenty-Fourth Meeting.", [], []),
    ],
    "CA5": [
        ("Follow the progress of each State Party clearing mined areas.", [12], [5]),
        ("Analyse every extension request submitted in 2027.", [18], [5]),
    ],
    "CVA": [("Promote the inclusion of survivors in national policies.", [27], [])],
    "CECA": [("Grow the Platform for Partnerships.", [36], [6])],
}


def load(rng: random.Random) -> None:
    committees = {committee.code: committee for committee in Committee.objects.all()}
    states = {state.iso3: state for state in StateParty.objects.all()}
    articles = {article.number: article for article in Article.objects.all()}
    plan = services.save_action_plan(
        ActionPlan(
            code="SRAAP",
            name="Siem Reap-Angkor Action Plan",
            start_year=2025,
            end_year=2029,
            adopted_at=Meeting.objects.filter(kind="rc", number=5).first(),
        )
    )
    actions = {
        number: services.save_action(
            Action(plan=plan, number=number, section=section, short_title=title, text=text)
        )
        for number, section, title, text in ACTIONS
    }
    meetings = {
        (meeting.committee.code, meeting.start_date): meeting
        for meeting in Meeting.objects.filter(committee__isnull=False).select_related("committee")
    }
    matter = services.save_compliance_matter(
        ComplianceMatter(
            title="Alleged use of anti-personnel mines (illustrative)",
            kind=ComplianceMatter.Kind.ALLEGED_USE,
            opened_on=date(2026, 4, 28),
            status=ComplianceMatter.Status.IN_DIALOGUE,
            summary="Illustrative record: reports of an alleged use; the Committee engages "
            "the States concerned in a cooperative spirit (Art. 8.1).",
        ),
        states=[states["UKR"]],
    )
    for code, year, month, day, kind, text, level, iso3s, numbers, article_numbers in ACTIVITIES:
        on = date(year, month, day)
        services.save_activity(
            Activity(
                committee=committees[code],
                date=on,
                kind=kind,
                text=text,
                **translated(text),
                visibility=level,
                meeting=meetings.get((code, on)),
                compliance_matter=matter if level == "confidential" and code == "CCC" else None,
            ),
            states=[states[iso3] for iso3 in iso3s],
            actions=[actions[number] for number in numbers],
            articles=[articles[number] for number in article_numbers],
        )
    for code, entries in PRIORITIES.items():
        for text, numbers, article_numbers in entries:
            services.save_priority(
                Priority(
                    committee=committees[code], period="2026-2027", text=text, **translated(text)
                ),
                actions=[actions[number] for number in numbers],
                articles=[articles[number] for number in article_numbers],
            )
