from __future__ import annotations

import logging

from celery import shared_task
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone
from django.utils.module_loading import import_string

from .imports import CsvImporter
from .models import Heartbeat, ImportJob

logger = logging.getLogger(__name__)


@shared_task(name="common.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Scheduled by beat and run by a worker: both are alive when ``last_seen`` is recent."""
    Heartbeat.objects.update_or_create(name="worker", defaults={"last_seen": timezone.now()})


@shared_task(name="common.apply_import", ignore_result=True, acks_late=True)
def apply_import(job_id: int) -> None:
    """Check every record of a confirmed import and write them all, or nothing."""
    run_import(job_id)


class _Progress:
    """Percent done on the job's row: checking is the first half, writing the second.

    Writing happens in one transaction, which the page cannot see into; on PostgreSQL the
    figure goes through a connection of its own. SQLite has one writer at a time (the
    transaction), so there the page sees the writing start and end only."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.side = None

    def checking(self, done: int, total: int) -> None:
        self._set(50 * done // max(total, 1))

    def writing(self, done: int, total: int) -> None:
        self._set(50 + 50 * done // max(total, 1))

    def _set(self, percent: int) -> None:
        if not connection.in_atomic_block:
            ImportJob.objects.filter(pk=self.job_id).update(progress=percent)
            return
        if connection.vendor != "postgresql":
            return
        from psycopg import sql

        if self.side is None:
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)
            self.side.ensure_connection()  # in autocommit: each figure is seen at once
        statement = sql.SQL("UPDATE {} SET progress = %s WHERE id = %s").format(
            sql.Identifier(ImportJob._meta.db_table)
        )
        with self.side.connection.cursor() as cursor:
            cursor.execute(statement, [percent, self.job_id])

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def _finish(job_id: int, status: str, **fields) -> None:
    # The file's text is not kept once the job is over.
    ImportJob.objects.filter(pk=job_id).update(
        status=status, finished_at=timezone.now(), text="", **fields
    )


def run_import(job_id: int) -> ImportJob | None:
    """The task's body, callable in-process. Takes the job with one conditional update (a
    redelivered task does nothing); returns the finished job, or ``None``."""
    Status = ImportJob.Status
    if not ImportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.CHECKING, started_at=timezone.now(), progress=0, error=""
    ):
        return None
    job = ImportJob.objects.get(pk=job_id)
    progress = _Progress(job_id)
    try:
        importer_class = import_string(job.importer)
        if not (isinstance(importer_class, type) and issubclass(importer_class, CsvImporter)):
            raise TypeError(f"{job.importer} is not an importer")
        importer = importer_class()
        plan = importer.read(job.text, progress=progress.checking)
        if not plan.is_valid:
            _finish(
                job_id,
                Status.FAILED,
                issues=[
                    [issue.row, issue.column, issue.message]
                    for issue in plan.issues[: ImportJob.MAX_KEPT_ISSUES]
                ],
                issue_count=len(plan.issues),
            )
        else:
            ImportJob.objects.filter(pk=job_id).update(status=Status.WRITING, progress=50)
            counts = importer.apply(plan, progress=progress.writing)
            _finish(job_id, Status.DONE, counts=counts, progress=100)
    except Exception as error:
        logger.exception("Import job %s failed", job_id)
        _finish(job_id, Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000])
    finally:
        progress.close()
    job.refresh_from_db()
    return job
