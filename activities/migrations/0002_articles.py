"""The articles of the Convention, which activities and priorities cite."""

from django.db import migrations

ARTICLES = [
    (1, "General obligations"),
    (2, "Definitions"),
    (3, "Exceptions"),
    (4, "Destruction of stockpiled anti-personnel mines"),
    (5, "Destruction of anti-personnel mines in mined areas"),
    (6, "International cooperation and assistance"),
    (7, "Transparency measures"),
    (8, "Facilitation and clarification of compliance"),
    (9, "National implementation measures"),
    (10, "Settlement of disputes"),
    (11, "Meetings of the States Parties"),
    (12, "Review Conferences"),
    (13, "Amendments"),
    (14, "Costs"),
    (15, "Signature"),
    (16, "Ratification, acceptance, approval or accession"),
    (17, "Entry into force"),
    (18, "Provisional application"),
    (19, "Reservations"),
    (20, "Duration and withdrawal"),
    (21, "Depositary"),
    (22, "Authentic texts"),
]


def create(apps, schema_editor):
    Article = apps.get_model("activities", "Article")
    for number, title in ARTICLES:
        Article.objects.update_or_create(number=number, defaults={"title": title})


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
