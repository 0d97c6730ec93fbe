"""Backups as docs/deployment.md describes them: pg_dump, then pg_restore into an empty database,
gives back every row of every table, the sequences, and the audit trail's protection."""

import subprocess

import psycopg
import pytest
from django.db import connection

from common.audit import history_tables

pytestmark = pytest.mark.django_db(transaction=True)


def _conninfo(name: str) -> dict:
    db = connection.settings_dict
    return {
        "host": db["HOST"] or "127.0.0.1",
        "port": str(db["PORT"] or 5432),
        "user": db["USER"] or "postgres",
        "dbname": name,
    }


def _cli(info: dict) -> list[str]:
    return ["--host", info["host"], "--port", info["port"], "--username", info["user"]]


def _snapshot(name: str) -> dict:
    """Every table's row count and a checksum of its content; every sequence's position."""
    with psycopg.connect(**_conninfo(name), autocommit=True) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        snapshot = {}
        for table in tables:
            count, checksum = db.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \"{table}\" t"  # noqa: E501, S608
            ).fetchone()
            snapshot[table] = (count, checksum)
        for (sequence,) in db.execute(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
        ).fetchall():
            snapshot[f"sequence {sequence}"] = db.execute(
                f'SELECT last_value, is_called FROM "{sequence}"'  # noqa: S608
            ).fetchone()
        return snapshot


@pytest.mark.slow
def test_a_dump_restores_every_record_into_a_fresh_database(demo_data, tmp_path):
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restored"
    info = _conninfo(source)
    dump = tmp_path / "secretariat.dump"
    subprocess.run(
        ["pg_dump", *_cli(info), "--format=custom", f"--file={dump}", source],
        check=True,
        capture_output=True,
    )
    subprocess.run(["dropdb", *_cli(info), "--if-exists", restored], check=True)
    subprocess.run(["createdb", *_cli(info), restored], check=True)
    try:
        result = subprocess.run(
            ["pg_restore", *_cli(info), "--no-owner", f"--dbname={restored}", str(dump)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        before, after = _snapshot(source), _snapshot(restored)
        assert after == before
        assert before["states_parties_stateparty"][0] == 166
        assert before["states_parties_historicalstateparty"][0] >= 166
        assert before["reporting_submission"][0] > 0
        with psycopg.connect(**_conninfo(restored), autocommit=True) as db:
            protected = {
                row[0]
                for row in db.execute(
                    "SELECT event_object_table FROM information_schema.triggers "
                    "WHERE trigger_name = 'history_append_only'"
                )
            }
            assert protected == set(history_tables())
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                db.execute("UPDATE states_parties_historicalstateparty SET name = 'Rewritten'")
    finally:
        subprocess.run(["dropdb", *_cli(info), "--if-exists", restored], check=True)
