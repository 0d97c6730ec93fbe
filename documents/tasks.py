"""The worker's side of the PDF pipeline: claim a rendering job, render, store, report."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import RenderJob
from .pdf import render_source

logger = logging.getLogger(__name__)

#: A job claimed longer ago than this by a worker that died is claimed again.
STALE_AFTER = timedelta(minutes=10)

PROGRESS = {
    RenderJob.Stage.READING: 10,
    RenderJob.Stage.LAYOUT: 35,
    RenderJob.Stage.WRITING: 75,
    RenderJob.Stage.STORING: 90,
}


def claim(job_id: int) -> bool:
    """Take the job for this worker with one conditional update; a job already taken by a
    live worker, or finished, is left alone (a redelivered task does nothing)."""
    now = timezone.now()
    claimable = Q(status=RenderJob.Status.QUEUED) | Q(
        status=RenderJob.Status.RENDERING, started_at__lt=now - STALE_AFTER
    )
    return bool(
        RenderJob.objects.filter(claimable, pk=job_id).update(
            status=RenderJob.Status.RENDERING,
            stage=RenderJob.Stage.READING,
            progress=PROGRESS[RenderJob.Stage.READING],
            started_at=now,
            error="",
        )
    )


def _report(job_id: int, stage: str) -> None:
    RenderJob.objects.filter(pk=job_id, status=RenderJob.Status.RENDERING).update(
        stage=stage, progress=PROGRESS[stage]
    )


@shared_task(name="documents.render_job", ignore_result=True)
def render_job(job_id: int) -> None:
    """Render the job's target to PDF and store it on the job."""
    run_job(job_id)


def run_job(job_id: int) -> RenderJob | None:
    """The task's body, callable in-process (benchmarks, commands). Returns the finished job,
    or ``None`` if another worker has it."""
    if not claim(job_id):
        return None
    job = RenderJob.objects.select_related("content_type").get(pk=job_id)
    started = time.perf_counter()
    try:
        target = job.target
        if target is None:
            raise LookupError("the record to render no longer exists")
        source = target.pdf_source()
        read_time = time.perf_counter() - started
        rendered = render_source(source, progress=lambda stage: _report(job_id, stage))
        _report(job_id, RenderJob.Stage.STORING)
        store_started = time.perf_counter()
        with transaction.atomic():
            job.output.save(source.filename, ContentFile(rendered.content), save=False)
            job.filename = source.filename
            job.page_count = rendered.page_count
            job.size = len(rendered.content)
            job.status = RenderJob.Status.DONE
            job.stage = RenderJob.Stage.FINISHED
            job.progress = 100
            job.finished_at = timezone.now()
            job.timings = {
                "read": round(read_time, 4),
                **{key: round(value, 4) for key, value in rendered.timings.items()},
                "store": round(time.perf_counter() - store_started, 4),
            }
            job.save()
    except Exception as error:
        logger.exception("Rendering job %s failed", job_id)
        RenderJob.objects.filter(pk=job_id).update(
            status=RenderJob.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
    return job
