"""The audiences the application provides; their names and descriptions are marked for the
catalogues (``gettext_noop``) and shown translated through ``Audience.display_name``."""

from django.db import migrations
from django.utils.translation import gettext_noop

AUDIENCES = [
    (
        gettext_noop("All States Parties"),
        "all_bound",
        1,
        gettext_noop("Every State bound by the Convention today."),
    ),
    (
        gettext_noop("States that missed their latest Article 7 report"),
        "overdue",
        1,
        gettext_noop("For the committees' reminders of the 30 April deadline."),
    ),
    (
        gettext_noop("States that missed two or more consecutive Article 7 reports"),
        "overdue",
        2,
        gettext_noop("Reporting gaps of two years or more."),
    ),
    (
        gettext_noop(
            "No report for one or more years, with open obligations under Article 5 or 4, "
            "or retaining mines under Article 3"
        ),
        "missing_with_obligations",
        1,
        gettext_noop("The Committee on Cooperative Compliance's letter before the Meeting."),
    ),
    (
        gettext_noop("States with outstanding Article 9 obligations"),
        "article9_outstanding",
        1,
        gettext_noop("Latest statement: measures in preparation, or nothing reported."),
    ),
    (
        gettext_noop("Article 5 deadline within 12 months"),
        "clearance_deadline_within",
        1,
        gettext_noop("Affected States Parties whose clearance deadline comes within a year."),
    ),
]

def create(apps, schema_editor):
    Audience = apps.get_model("reporting", "Audience")
    for name, query, minimum, description in AUDIENCES:
        Audience.objects.get_or_create(
            name=name,
            defaults={
                "query": query,
                "minimum_reports": minimum,
                "months": 12,
                "description": description,
                "is_builtin": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
