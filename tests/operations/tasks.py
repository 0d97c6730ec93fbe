"""A task that says which PostgreSQL connection ran it, for the test that workers keep theirs."""

from pathlib import Path

from celery import shared_task
from django.db import connection


@shared_task(name="tests.record_backend")
def record_backend(path: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    with Path(path).open("a") as file:
        file.write(f"{pid}\n")
