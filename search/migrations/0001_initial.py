"""PostgreSQL only: accent-insensitive full-text search, and GIN indexes for the largest lists.

``secretariat_search`` is the ``simple`` configuration (no stemming: names and titles in three
languages) with ``unaccent`` first, so that "Cote" finds "Côte". The indexes are built on the
very expressions the search runs (``search.registry.weighted_vector``); the tests check with
EXPLAIN that PostgreSQL uses them. Apps that add a large source add their index the same way,
in a migration that depends on this one. On SQLite (``make run``) search uses ``icontains``
and this migration does nothing."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from search.registry import CONFIG, weighted_vector

#: (app, model, index name, fields and weights): the same as the sources in search/sources.py.
INDEXES = [
    ("states_parties", "StateParty", "stateparty_search", {"name": "A", "iso3": "A", "notes": "C"}),
    ("committees", "Meeting", "meeting_search", {"title": "A", "venue": "B", "notes": "C"}),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.simple)")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
    )
    for app_label, model_name, name, fields in INDEXES:
        model = apps.get_model(app_label, model_name)
        schema_editor.add_index(model, GinIndex(weighted_vector(fields), name=name))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, name, fields in INDEXES:
        model = apps.get_model(app_label, model_name)
        schema_editor.remove_index(model, GinIndex(weighted_vector(fields), name=name))
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [
        ("states_parties", "0003_clearance_deadline"),
        ("committees", "0002_standing_committees"),
    ]

    operations = [migrations.RunPython(create, drop)]
