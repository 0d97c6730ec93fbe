"""The four committees the States Parties created in 2014 exist in every installation.

Their texts are stored in English and marked for the catalogues (``gettext_noop``): pages show them in
the reader's language through ``Committee.display_name`` and its kind."""

from django.db import migrations
from django.utils.translation import gettext_noop

MEMBER_KINDS = [
    ("affected", gettext_noop("An affected State Party (with Article 5 obligations)")),
    ("provider", gettext_noop("A State Party providing support")),
]

COMMITTEES = [
    {
        "code": "CA5",
        "name": gettext_noop("Committee on Article 5 Implementation"),
        "display_order": 1,
        "chair_rule": "second_year",
        "purpose": gettext_noop(
            "Supports the States Parties that are clearing mined areas under Article 5, "
            "and analyses every request to extend an Article 5 deadline before the "
            "Meeting of the States Parties or Review Conference decides on it."
        ),
        "mandate": [
            gettext_noop(
                "Follow the progress of each affected State Party towards completing "
                "clearance."
            ),
            gettext_noop(
                "Analyse requests for extensions of Article 5 deadlines and present "
                "observations to the States Parties."
            ),
            gettext_noop("Engage with affected States Parties on their plans, challenges and needs."),
            gettext_noop(
                "Report preliminary observations at the Intersessional Meetings and "
                "conclusions and recommendations at the Meeting of the States Parties."
            ),
        ],
        "requirements": ["affected"],
    },
    {
        "code": "CVA",
        "name": gettext_noop("Committee on Victim Assistance"),
        "display_order": 2,
        "chair_rule": "second_year",
        "purpose": gettext_noop(
            "Helps States Parties meet their commitments to mine survivors, their "
            "families and communities, in line with the action plan adopted by the Review "
            "Conference."
        ),
        "mandate": [
            gettext_noop("Follow the implementation of victim assistance commitments."),
            gettext_noop(
                "Encourage inclusion of survivors in national policies on disability, health "
                "and social protection."
            ),
            gettext_noop(
                "Work with States Parties with significant numbers of victims on their "
                "progress."
            ),
            gettext_noop(
                "Report on progress to the Intersessional Meetings and the Meeting of the "
                "States Parties."
            ),
        ],
        "requirements": [],
    },
    {
        "code": "CECA",
        "name": gettext_noop("Committee on the Enhancement of Cooperation and Assistance"),
        "display_order": 3,
        "chair_rule": "second_year",
        "purpose": gettext_noop(
            "Supports cooperation under Article 6 by bringing together States that seek "
            "assistance and States able to provide it, notably through individualised "
            "approaches and its Platform for Partnerships."
        ),
        "mandate": [
            gettext_noop(
                "Foster partnerships between States seeking assistance and those able to "
                "provide it."
            ),
            gettext_noop("Promote individualised approaches and national coordination platforms."),
            gettext_noop("Follow cooperation and assistance commitments of the action plan."),
            gettext_noop(
                "Report on its work to the Intersessional Meetings and the Meeting of the "
                "States Parties."
            ),
        ],
        "requirements": ["affected", "provider"],
    },
    {
        "code": "CCC",
        "name": gettext_noop("Committee on Cooperative Compliance"),
        "display_order": 4,
        "chair_rule": "president",
        "purpose": gettext_noop(
            "Chaired by the President, it handles concerns about compliance with Article "
            "1 in a cooperative spirit (Article 8.1), and follows up on missing Article 7 "
            "reports and outstanding Article 9 measures."
        ),
        "mandate": [
            gettext_noop(
                "Engage cooperatively with States Parties concerned by an alleged use, "
                "production or transfer of anti-personnel mines."
            ),
            gettext_noop("Follow up with States Parties that have not submitted Article 7 reports."),
            gettext_noop(
                "Follow up with States Parties that have not reported legal measures under "
                "Article 9."
            ),
            gettext_noop("Report its conclusions to the Meeting of the States Parties."),
        ],
        "requirements": [],
    },
]

WORKING_METHODS = gettext_noop(
    "Four States Parties serve overlapping two-year terms: two members are "
    "replaced at the close of each Meeting of the States Parties or Review "
    "Conference. The committee works by consensus, invites the ICBL and the ICRC "
    "to its work, names a gender focal point, and presents preliminary "
    "observations at the Intersessional Meetings and conclusions and "
    "recommendations at the Meeting. The Implementation Support Unit supports it."
)

def create(apps, schema_editor):
    Committee = apps.get_model("committees", "Committee")
    MandateItem = apps.get_model("committees", "MandateItem")
    MemberKind = apps.get_model("committees", "MemberKind")
    CompositionRequirement = apps.get_model("committees", "CompositionRequirement")
    kinds = {
        code: MemberKind.objects.get_or_create(code=code, defaults={"label": label})[0]
        for code, label in MEMBER_KINDS
    }
    for spec in COMMITTEES:
        committee, created = Committee.objects.get_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "purpose": spec["purpose"],
                "working_methods": WORKING_METHODS,
                "seats": 4,
                "term_length": 2,
                "chair_rule": spec["chair_rule"],
                "display_order": spec["display_order"],
                "is_standing": True,
            },
        )
        if not created:
            continue
        for position, text in enumerate(spec["mandate"], start=1):
            MandateItem.objects.create(committee=committee, position=position, text=text)
        for code in spec["requirements"]:
            CompositionRequirement.objects.create(
                committee=committee, member_kind=kinds[code], minimum=1
            )


class Migration(migrations.Migration):
    dependencies = [("committees", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
