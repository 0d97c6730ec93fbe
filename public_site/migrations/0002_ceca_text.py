"""The text of the Committee on the Enhancement of Cooperation and Assistance, in English, as on
its page of the Convention's website: purpose, the seven mandate items, composition and the
three working methods. Staff edit it (and enter the French and Spanish ones) in the application;
the other committees keep the texts of their records until staff enter the adopted ones."""

from django.db import migrations

PURPOSE = [
    "To assist the States Parties in the full implementation of Article 6 of the Convention, in "
    "line with their reaffirmation of ending the suffering and casualties caused by "
    "anti-personnel mines is a shared commitment.",
]
MANDATE = [
    "Promote cooperation and assistance under the Convention, including by organising or "
    "encouraging the organisation of multilateral, regional or national dialogues on "
    "cooperation and assistance, in Geneva or elsewhere.",
    "Facilitate the fostering of partnerships between States Parties seeking to receive "
    "assistance and those in a position to provide such assistance, including through the use "
    "of information exchange tools (e.g. \u201cPlatform for Partnerships\u201d).",
    "Coordinate with other implementation mechanisms established by the States Parties in "
    "order to facilitate and accelerate the full implementation of the Convention.",
    "Review relevant information provided by the States Parties on the implementation of the "
    "commitments of the Oslo Action Plan.",
    "Consider matters related to gender and the diverse needs and experiences of people in "
    "affected communities in every aspect of its work.",
    "Present preliminary observations at Intersessional Meetings if need be, and conclusions "
    "and recommendations, if relevant, at Meetings of the States Parties or Review "
    "Conferences.",
    "Remain transparent and accountable, including by reporting on activities at both "
    "Intersessional Meetings and Meetings of the States Parties or Review Conferences.",
]
COMPOSITION = [
    "It is composed of a representative group of four States Parties serving overlapping "
    "two-year terms, including an affected State Party and a State Party that is a provider of "
    "support or assistance. Each year, the Committee selects a Chair among the States Parties "
    "serving the second year of their two-year terms. The Chair is responsible for convening "
    "and chairing meetings, issuing communications on behalf of the Committee and directing "
    "the Implementation Support Unit to assist the work of the Committee.",
]
WORKING_METHODS = [
    "Draw, as needed, on the expert input of the ICBL and ICRC and involve them in its work, "
    "invite other States Parties, the United Nations and other relevant international and "
    "non-governmental organisations to participate on an ad hoc basis. Strive to reach general "
    "agreement in all aspects of its work.",
    "Appoint a focal point among its members to provide advice on gender mainstreaming and "
    "ensure that the diverse needs and experiences of people in affected communities are taken "
    "into account in the implementation of the Oslo Action Plan.",
    "Increase and strengthen coordination with other Committees, including by examining "
    "implementation by States Parties in a more holistic manner, and considering the submission "
    "of joint conclusions on the status of implementation of the Convention by States Parties "
    "at the Meetings of the States Parties or Review Conferences.",
]


def create(apps, schema_editor):
    Committee = apps.get_model("committees", "Committee")
    CommitteeText = apps.get_model("public_site", "CommitteeText")
    committee = Committee.objects.filter(code="CECA").first()
    if committee is None:
        return
    CommitteeText.objects.get_or_create(
        committee=committee,
        language="en",
        defaults={
            "purpose": "\n".join(PURPOSE),
            "mandate": "\n".join(MANDATE),
            "composition": "\n".join(COMPOSITION),
            "working_methods": "\n".join(WORKING_METHODS),
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0002_standing_committees"),
        ("public_site", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
