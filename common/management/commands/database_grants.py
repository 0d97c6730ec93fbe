"""The privileges of the application's database role, printed or applied by the owner.

In production the schema belongs to one role (migrations run as it) and the application
connects as another (docs/deployment.md, "Database roles"). The application's role may read
and write records, and only add to the audit trail: it owns no table, so it can neither alter
one nor disable the trail's triggers, and it holds no UPDATE, DELETE or TRUNCATE on a history
table, so the trail's refusal does not rest on the triggers alone.

Run as the owner after every ``migrate`` (new tables, new history tables)::

    python manage.py database_grants secretariat_app           # print the SQL
    python manage.py database_grants secretariat_app --apply   # run it
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from common.audit import history_tables


def grant_statements(role: str) -> list[str]:
    quote = connection.ops.quote_name
    role = quote(role)
    statements = [
        # Nobody but the owner creates objects in the schema (PostgreSQL 15's default too).
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
    ]
    # The audit trail: read and added to, never changed.
    statements += [
        f"REVOKE UPDATE, DELETE, TRUNCATE ON TABLE {quote(table)} FROM {role}"
        for table in history_tables()
    ]
    return statements


class Command(BaseCommand):
    help = "Print (or, with --apply, run) the GRANTs of the application's database role."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("role", help="the role the application connects as")
        parser.add_argument("--apply", action="store_true", help="run the statements")

    def handle(self, *args: Any, role: str, apply: bool, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Database roles are PostgreSQL's; SQLite has none.")
        statements = grant_statements(role)
        if not apply:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"{len(statements)} statements applied for {role}.")
