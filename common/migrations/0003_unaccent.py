"""The ``unaccent`` extension the list searches use (``common.lookups``), on PostgreSQL only:
SQLite, used by ``make run``, searches without it."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")


class Migration(migrations.Migration):
    dependencies = [("common", "0002_import_jobs")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop, elidable=True)]
