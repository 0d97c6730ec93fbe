"""Test databases cloned from a migrated template.

Running every migration takes 30 s of CPU (and over a minute on a busy machine); copying a
migrated database with ``CREATE DATABASE ... TEMPLATE`` takes a fraction of a second. So the
first run migrates a template database once, named after a digest of every migration and of
the lock file (the libraries' migrations), and each test process (one per pytest-xdist worker:
``<test database>_gw0``, ``_gw1``...) clones it. A change to a migration or to a locked
dependency names a new template; ``--create-db`` rebuilds it.

One advisory lock on the server orders building, cloning and pruning, so that concurrent runs
(two xdist workers, two checkouts) never copy a template that another is building or dropping.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction

TEMPLATE_PREFIX = "test_secretariat_template_"
#: Databases holding the demo data (``load_demo``), built once and copied into tests that need it.
DEMO_PREFIX = "test_secretariat_demo_"
#: What the demo is built from: the apps' code and data files.
DEMO_SOURCES = {".py", ".csv", ".json", ".yaml", ".txt"}
#: Databases of each kind kept on the server (the newest ones): checkouts on other branches,
#: running their suites at the same time, each use their own template and demo database; a
#: smaller number let one checkout's run drop a template another was about to clone.
TEMPLATES_KEPT = 12
#: pg_advisory_lock key: any fixed number that nothing else on the server uses.
LOCK_KEY = 0x5EC7E7A1


def template_name() -> str:
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for path in sorted(base.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    digest.update((base / "uv.lock").read_bytes())
    return TEMPLATE_PREFIX + digest.hexdigest()[:16]


def _connect(settings_dict: dict, dbname: str, **options) -> psycopg.Connection:
    """A connection of its own to database ``dbname`` of the test server."""
    return psycopg.connect(
        host=settings_dict["HOST"] or "127.0.0.1",
        port=str(settings_dict["PORT"] or 5432),
        user=settings_dict["USER"] or "postgres",
        password=settings_dict["PASSWORD"] or None,
        dbname=dbname,
        **options,
    )


@contextmanager
def _server(settings_dict: dict) -> Iterator[psycopg.Connection]:
    """A connection to the server's maintenance database, holding the lock."""
    with _connect(settings_dict, "postgres", autocommit=True) as server:
        server.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            yield server
        finally:
            server.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


def _exists(server: psycopg.Connection, name: str) -> bool:
    return server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _point_at(name: str) -> None:
    """Make the default connection (and child processes built from it) use database ``name``."""
    connection = connections["default"]
    connection.close()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _build_template(server: psycopg.Connection, template: str) -> None:
    building = f"{template}_building"
    server.execute(f"DROP DATABASE IF EXISTS {_quote(building)} WITH (FORCE)")
    server.execute(f"CREATE DATABASE {_quote(building)}")
    _point_at(building)
    call_command("migrate", interactive=False, run_syncdb=True, verbosity=0)
    connections["default"].close()
    _complete(server, building, template, TEMPLATE_PREFIX)


def _complete(server: psycopg.Connection, building: str, name: str, prefix: str) -> None:
    """Name the database just built ``name`` and drop all but the newest of its kind.

    Renamed only once complete: a run that died half-way leaves no usable-looking database."""
    server.execute(f"ALTER DATABASE {_quote(building)} RENAME TO {_quote(name)}")
    older = server.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s "
        "AND datname NOT LIKE '%%_building' ORDER BY oid DESC OFFSET %s",
        [prefix + "%", name, TEMPLATES_KEPT - 1],
    ).fetchall()
    for (older_name,) in older:
        server.execute(f"DROP DATABASE IF EXISTS {_quote(older_name)} WITH (FORCE)")


def create_test_database(*, rebuild_template: bool = False) -> str:
    """Clone the template (building it first if needed) into this process's test database and
    point the default connection at it; returns its name."""
    connection = connections["default"]
    settings_dict = dict(connection.settings_dict)
    name = settings_dict["TEST"].get("NAME") or f"test_{settings_dict['NAME']}"
    template = template_name()
    with _server(settings_dict) as server:
        if rebuild_template and _exists(server, template):
            server.execute(f"DROP DATABASE {_quote(template)} WITH (FORCE)")
        if not _exists(server, template):
            _build_template(server, template)
        server.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")
        server.execute(f"CREATE DATABASE {_quote(name)} TEMPLATE {_quote(template)}")
    _point_at(name)
    return name


def drop_test_database(name: str, original_name: str) -> None:
    connection = connections["default"]
    settings_dict = dict(connection.settings_dict)
    _point_at(original_name)
    with _server(settings_dict) as server:
        server.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")


#: Tables that a migrated database already holds identical: never emptied nor copied.
KEPT_TABLES = {"django_migrations", "django_content_type", "auth_permission"}


#: The rows the data migrations write (the standing committees, the builtin audiences, the
#: articles...), as ``COPY`` data per table, read from the fresh clone (``keep_seeded_rows``).
_seeded_rows: dict[str, bytes] = {}


def _tables(connection) -> list[str]:
    return [
        table
        for table in connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        if table not in KEPT_TABLES
    ]


def _filled(cursor, tables: list[str], quote) -> list[str]:
    cursor.execute(
        " UNION ALL ".join(
            f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608
            for table in tables
        ),
        tables,
    )
    return [row[0] for row in cursor.fetchall()]


def keep_seeded_rows(connection) -> None:
    """Read the rows the data migrations wrote into the fresh test database, for
    ``empty_tables`` to put back: a test after a transactional one finds the database as
    cloned, the builtin audiences and the standing committees included."""
    quote = connection.ops.quote_name
    _seeded_rows.clear()
    with connection.cursor() as cursor:
        for table in _filled(cursor, _tables(connection), quote):
            with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT (FORMAT binary)") as copy:
                _seeded_rows[table] = b"".join(bytes(block) for block in copy)


def empty_tables(connection, *, reseed: bool = True) -> None:
    """What ``flush`` does between transactional tests, in a tenth of the time: empty only the
    tables that have rows, with DELETE (TRUNCATE of a hundred tables costs seconds), and leave
    the content types and permissions that ``flush`` would drop and recreate identical; then
    (``reseed``) put back the rows of the data migrations, as the clone had them.

    The audit trail's tables refuse DELETE; they are truncated (test sessions may), and nothing
    refers to them. Foreign keys are checked at commit, when every referring row is gone. The
    seeded rows go back with triggers off (as the migrations wrote them: no audit rows)."""
    from common.audit import history_tables

    tables = _tables(connection)
    quote = connection.ops.quote_name
    history = set(history_tables())
    with connection.cursor() as cursor:
        filled = _filled(cursor, tables, quote)
        if not filled and not (reseed and _seeded_rows):
            return  # nothing to empty and nothing to put back
        with transaction.atomic(using=connection.alias):
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in filled:
                if table not in history:
                    cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
            truncated = [quote(table) for table in filled if table in history]
            if truncated:
                cursor.execute(f"TRUNCATE {', '.join(truncated)}")
            if reseed and _seeded_rows:
                cursor.execute("SET LOCAL session_replication_role = replica")
                for table, rows in _seeded_rows.items():
                    with cursor.cursor.copy(
                        f"COPY {quote(table)} FROM STDIN (FORMAT binary)"
                    ) as copy:
                        copy.write(rows)


# --- the demo data, loaded once --------------------------------------------------------------
# ``load_demo`` takes about ten seconds; a dozen tests need its data. The first that asks loads
# it into a database of its own (cloned from the migrated template, under the same lock), and
# every test then copies its rows into the test database with COPY, inside the test's own
# transaction (rolled back after it) or, for a transactional test, emptied after it as usual.


def demo_database_name() -> str:
    """Named after the migrated template, the code that builds the demo (every module outside
    the tests) and today's date (the demo's dates follow it)."""
    from django.utils import timezone

    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256(template_name().encode())
    digest.update(timezone.localdate().isoformat().encode())
    apps = [folder for folder in base.iterdir() if (folder / "apps.py").exists()]
    sources = (path for app in apps for path in app.rglob("*") if path.suffix in DEMO_SOURCES)
    for path in sorted(sources):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return DEMO_PREFIX + digest.hexdigest()[:16]


def ensure_demo_database() -> str:
    """The name of the demo database of today (as the test's clock says), built if missing."""
    name = demo_database_name()
    with _server(dict(connections["default"].settings_dict)) as server:
        if not _exists(server, name):
            _build_demo_database(server, name)
    return name


@contextmanager
def _default_connection_to(name: str) -> Iterator[None]:
    """Run the ORM on database ``name`` with a connection of its own, leaving the test's
    connection (and the transaction it may be in) as it was."""
    current = connections["default"]
    elsewhere = current.__class__({**current.settings_dict, "NAME": name}, "default")
    connections._connections.default = elsewhere
    try:
        yield
    finally:
        elsewhere.close()
        connections._connections.default = current


def _build_demo_database(server: psycopg.Connection, name: str) -> None:
    building = f"{name}_building"
    server.execute(f"DROP DATABASE IF EXISTS {_quote(building)} WITH (FORCE)")
    server.execute(f"CREATE DATABASE {_quote(building)} TEMPLATE {_quote(template_name())}")
    with _default_connection_to(building):
        with transaction.atomic():
            call_command("load_demo", stdout=StringIO())
            # The work a load enqueues after commit (reminders to send) belongs to no test.
            connections["default"].run_on_commit = []
        # Statistics, so that the copy finds the tables with rows without counting them.
        with connections["default"].cursor() as cursor:
            cursor.execute("ANALYZE")
    _complete(server, building, name, DEMO_PREFIX)


def _sequences(source: psycopg.Connection) -> list[tuple[str, str]]:
    """(table, column) of every column that takes its value from a sequence."""
    return source.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND (is_identity = 'YES' OR column_default LIKE 'nextval%')"
    ).fetchall()


def _copied_columns(source: psycopg.Connection) -> dict[str, list[str]]:
    """Every table of the demo database that has rows -> its stored columns (generated ones,
    such as search vectors, are computed again on the way in)."""
    rows = source.execute(
        """
        SELECT c.relname, a.attname FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
             AND a.attgenerated = ''
        WHERE c.relkind = 'r' AND c.reltuples > 0
        ORDER BY c.relname, a.attnum
        """
    ).fetchall()
    columns: dict[str, list[str]] = {}
    for table, column in rows:
        if table not in KEPT_TABLES:
            columns.setdefault(table, []).append(column)
    return columns


def copy_demo_data(name: str) -> None:
    """Replace the rows of the test database with those of the demo database ``name``, in the
    current transaction."""
    connection = connections["default"]
    settings_dict = dict(connection.settings_dict)
    connection.ensure_connection()
    with transaction.atomic():
        empty_tables(connection, reseed=False)  # the demo database holds them
        _copy_rows(connection.connection, settings_dict, name)


def _copy_rows(target: psycopg.Connection, settings_dict: dict, name: str) -> None:
    with _connect(settings_dict, name) as source:
        columns = _copied_columns(source)
        with target.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table, names in columns.items():
                listed = ", ".join(_quote(column) for column in names)
                with (
                    source.cursor().copy(
                        f"COPY {_quote(table)} ({listed}) TO STDOUT (FORMAT BINARY)"
                    ) as out,
                    cursor.copy(
                        f"COPY {_quote(table)} ({listed}) FROM STDIN (FORMAT BINARY)"
                    ) as into,
                ):
                    for block in out:
                        into.write(block)
            for table, column in _sequences(source):
                if table in columns:
                    highest = f"SELECT max({_quote(column)}) FROM {_quote(table)}"  # noqa: S608
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence(%s, %s), ({highest}))",
                        [_quote(table), column],
                    )


def prepare() -> None:
    """Build the migrated template and today's demo database unless they exist: ``make test``
    runs this beside ``make lint`` (``python -m tests.database``), so that the test workers find
    them ready instead of waiting on the first worker to migrate."""
    settings_dict = dict(connections["default"].settings_dict)
    with _server(settings_dict) as server:
        if not _exists(server, template_name()):
            _build_template(server, template_name())
    _point_at(settings_dict["NAME"])
    ensure_demo_database()


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    prepare()
