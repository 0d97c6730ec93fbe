"""The application connects as a role that owns no table (docs/deployment.md, "Database
roles"): the pages and writes work, and the audit trail cannot be switched off or rewritten.

The test creates such a role on the test PostgreSQL with ``manage.py database_grants``, runs
gunicorn with the production settings (behind nginx) connected as it, signs in and changes a
record, then tries, as that role, what someone who took over the application would try."""

from __future__ import annotations

import uuid
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from accounts.models import User
from tests.celery_worker import database_url
from tests.proxy_servers import PASSWORD, Browser, gunicorn, nginx, production_user

pytestmark = pytest.mark.django_db(transaction=True)

HISTORY = "accounts_historicaluser"


@pytest.fixture
def app_role(transactional_db):
    role = f"secretariat_app_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN")
    call_command("database_grants", role, "--apply", stdout=StringIO())
    yield role
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {role}")  # its privileges in this database
        cursor.execute(f"DROP ROLE {role}")


def _as(role: str) -> str:
    return database_url().replace("postgres://postgres@", f"postgres://{role}@", 1)


def _refusal(role: str, *statements: str) -> str:
    """The error PostgreSQL gives the role for the last statement (the others must pass)."""
    with psycopg.connect(_as(role), autocommit=True) as conn:
        *setup, last = statements
        for statement in setup:
            conn.execute(statement)
        try:
            conn.execute(last)
        except psycopg.errors.InsufficientPrivilege as error:
            return str(error).splitlines()[0]
    return "allowed"


def test_the_application_works_as_a_role_that_cannot_touch_the_audit_trail(app_role, tmp_path):
    assert database_url().startswith("postgres://postgres@")
    production_user("olga", role="observer")
    rows_before = User.history.count()
    with (
        gunicorn(tmp_path, DATABASE_URL=_as(app_role)) as (web_port, _log),
        nginx(tmp_path, web_port) as (port, _config),
    ):
        browser = Browser(port, "127.0.0.2")
        assert browser.log_in("olga", PASSWORD) == 302
        assert browser.request("GET", "/states/")[0] == 200
        status, _page, _headers = browser.request(
            "POST", "/accounts/language/", {"language": "fr", "next": "/"}
        )
        assert status == 302
        health = browser.request("GET", "/health/")[1]
        assert '"database": {"ok": true, "detail": "reachable"}' in health
    # The change and its history row were written by the application's role.
    assert User.objects.get(username="olga").language == "fr"
    row = User.history.filter(history_source="web").get()
    assert (row.username, row.language, row.history_origin) == (
        "olga",
        "fr",
        "POST /accounts/language/",
    )

    # What the role may not do, even with the application's own connection settings.
    assert _refusal(app_role, f"ALTER TABLE {HISTORY} DISABLE TRIGGER ALL") == (
        f"must be owner of table {HISTORY}"
    )
    assert _refusal(app_role, f"ALTER TABLE {HISTORY} DISABLE TRIGGER history_append_only") == (
        f"must be owner of table {HISTORY}"
    )
    assert _refusal(app_role, "SET session_replication_role = replica") == (
        'permission denied to set parameter "session_replication_role"'
    )
    assert _refusal(app_role, f"UPDATE {HISTORY} SET language = 'en'") == (  # noqa: S608
        f"permission denied for table {HISTORY}"
    )
    assert _refusal(app_role, f"DELETE FROM {HISTORY}") == (  # noqa: S608
        f"permission denied for table {HISTORY}"
    )
    # The switch the test settings use for their flush does not open it either.
    assert (
        _refusal(app_role, "SET secretariat.allow_history_truncate = on", f"TRUNCATE {HISTORY}")
        == f"permission denied for table {HISTORY}"
    )
    assert _refusal(app_role, "CREATE TABLE mine (id integer)") == (
        "permission denied for schema public"
    )
    assert _refusal(app_role, f"DROP TABLE {HISTORY}") == f"must be owner of table {HISTORY}"
    assert User.history.count() == rows_before + 1  # nothing rewritten, nothing removed


def test_the_grants_are_printed_for_the_deployment_guide():
    out = StringIO()
    call_command("database_grants", "secretariat_app", stdout=out)
    statements = out.getvalue().split(";\n")
    assert statements[:4] == [
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        'GRANT USAGE ON SCHEMA public TO "secretariat_app"',
        'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "secretariat_app"',
        'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "secretariat_app"',
    ]
    assert (
        'REVOKE UPDATE, DELETE, TRUNCATE ON TABLE "accounts_historicaluser" '
        'FROM "secretariat_app"' in statements
    )
