"""PostgreSQL only: GIN indexes for the search of activities and letters, the longest texts
searched, on the very expressions of their sources (``search/sources.py``). The other new
sources (priorities, compliance matters, documents) are small tables, searched without one."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from search.registry import weighted_vector

#: (app, model, index name, fields and weights): the same as the sources in search/sources.py.
INDEXES = [
    ("activities", "Activity", "activity_search", {"text": "A"}),
    (
        "correspondence",
        "Letter",
        "letter_search",
        {
            "title": "A",
            "subject_en": "A",
            "subject_fr": "A",
            "subject_es": "A",
            "body_en": "C",
            "body_fr": "C",
            "body_es": "C",
        },
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, name, fields in INDEXES:
        model = apps.get_model(app_label, model_name)
        schema_editor.add_index(model, GinIndex(weighted_vector(fields), name=name))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, name, fields in INDEXES:
        model = apps.get_model(app_label, model_name)
        schema_editor.remove_index(model, GinIndex(weighted_vector(fields), name=name))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("activities", "0003_audit_trail"),
        ("correspondence", "0002_audit_trail"),
    ]

    operations = [migrations.RunPython(create, drop)]
