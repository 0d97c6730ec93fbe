"""PostgreSQL only: States are found by their French and Spanish names too, and activities by
their translations; their indexes are rebuilt on the sources' new expressions
(``search/sources.py``)."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from search.registry import weighted_vector

#: (app, model, index name, fields and weights): the same as the sources in search/sources.py.
INDEXES = [
    (
        "states_parties",
        "StateParty",
        "stateparty_search",
        {"name": "A", "name_fr": "A", "name_es": "A", "iso3": "A", "notes": "C"},
    ),
    ("activities", "Activity", "activity_search", {"text": "A", "text_fr": "A", "text_es": "A"}),
]
#: The indexes these replace (search.0001 and search.0002).
PREVIOUS = [
    ("states_parties", "StateParty", "stateparty_search", {"name": "A", "iso3": "A", "notes": "C"}),
    ("activities", "Activity", "activity_search", {"text": "A"}),
]


def _replace(apps, schema_editor, old, new):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, name, fields in old:
        model = apps.get_model(app_label, model_name)
        schema_editor.remove_index(model, GinIndex(weighted_vector(fields), name=name))
    for app_label, model_name, name, fields in new:
        model = apps.get_model(app_label, model_name)
        schema_editor.add_index(model, GinIndex(weighted_vector(fields), name=name))


def create(apps, schema_editor):
    _replace(apps, schema_editor, PREVIOUS, INDEXES)


def drop(apps, schema_editor):
    _replace(apps, schema_editor, INDEXES, PREVIOUS)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_activity_and_letter_indexes"),
        ("states_parties", "0005_names_in_french_and_spanish"),
        ("activities", "0005_paragraphs_in_french_and_spanish"),
    ]

    operations = [migrations.RunPython(create, drop)]
