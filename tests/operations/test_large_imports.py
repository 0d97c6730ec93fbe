"""Large CSV imports through the web: a preview of the first rows with the problems found in
every cell, the whole file checked again and written by a background job with a progress
page, and limits of rows and size that say what to do. (``make bench`` times the preview of a
100,000-row file: ``bench/imports.py``.)"""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from committees.models import Meeting
from common.models import ImportJob
from common.tasks import run_import
from tests.committee_fixtures import standing_committees
from tests.utils import log_in_client

__all__ = ["standing_committees"]

pytestmark = pytest.mark.django_db

HEADER = "kind,number,title,start_date,end_date,venue,president_iso3,committee"


def meetings_csv(rows: int, *, end_before_start: int | None = None, formula: int | None = None):
    lines = [HEADER]
    for index in range(rows):
        start = f"{2030 + index // 300}-{1 + (index // 28) % 12:02d}-{1 + index % 28:02d}"
        end = "2029-01-01" if index == end_before_start else start
        title = "=HYPERLINK()" if index == formula else f"Workshop {index}"
        lines.append(f"workshop,,{title},{start},{end},Geneva,,CA5")
    return ("\n".join(lines) + "\n").encode()


def _upload(client, content: bytes):
    return client.post(
        "/meetings/import/",
        {"file": SimpleUploadedFile("meetings.csv", content, content_type="text/csv")},
    )


@pytest.fixture
def small_batches(settings):
    """Files of more than 50 records count as large (2,000 in production)."""
    settings.IMPORT_BACKGROUND_ROWS = 50


def test_a_large_file_is_previewed_from_its_first_rows(
    staff_client, standing_committees, small_batches
):
    response = _upload(staff_client, meetings_csv(120))
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "The file has 120 records. Every cell was checked; the first 50 records were checked "
        "against the register: 50 to create, 0 to update, 0 unchanged." in page
    )
    assert page.count('class="import-row import-row--create"') == 50
    assert "The first 50 of 120 records are shown." in page
    job = ImportJob.objects.get()
    assert (job.status, job.total_rows, job.filename) == ("previewed", 120, "meetings.csv")
    assert f'name="job" value="{job.pk}"' in page
    assert 'name="payload"' not in page
    assert not Meeting.objects.exists()


def test_every_cell_of_a_large_file_is_checked_in_the_preview(
    staff_client, standing_committees, small_batches
):
    response = _upload(staff_client, meetings_csv(120, formula=110))
    page = response.content.decode()
    assert response.status_code == 400
    assert "The file was rejected: 1 problem. Nothing was saved." in page
    assert "“=HYPERLINK()” looks like a spreadsheet formula" in page
    assert not ImportJob.objects.exists()


def test_confirming_runs_a_job_that_writes_every_record(
    staff_client, staff_user, standing_committees, small_batches, django_capture_on_commit_callbacks
):
    _upload(staff_client, meetings_csv(120))
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks() as queued:
        response = staff_client.post("/meetings/import/", {"job": job.pk})
    assert response["Location"] == f"/imports/{job.pk}/"
    assert len(queued) == 1
    job.refresh_from_db()
    assert job.status == "queued"
    waiting = staff_client.get(f"/imports/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Waiting for a worker… (120 records)" in waiting
    assert 'hx-trigger="every 1s"' in waiting

    job = run_import(job.pk)
    assert (job.status, job.progress, job.counts) == (
        "done",
        100,
        {"create": 120, "update": 0, "unchanged": 0},
    )
    assert job.text == ""  # the file is not kept
    assert Meeting.objects.count() == 120
    done = staff_client.get(f"/imports/{job.pk}/").content.decode()
    assert "Import complete: 120 created, 0 updated, 0 unchanged." in done
    assert 'hx-trigger="every' not in done  # no longer polling
    assert run_import(job.pk) is None  # a redelivered task does nothing
    # A job is confirmed once.
    again = staff_client.post("/meetings/import/", {"job": job.pk})
    assert again["Location"] == "/meetings/import/"


def test_a_mistake_past_the_previewed_rows_rejects_the_whole_file(
    staff_client, standing_committees, small_batches
):
    _upload(staff_client, meetings_csv(120, end_before_start=100))
    job = ImportJob.objects.get()
    staff_client.post("/meetings/import/", {"job": job.pk})
    job = run_import(job.pk)
    assert job.status == "failed"
    assert (job.issue_count, job.issues) == (
        1,
        [[102, "end_date", "A meeting cannot close before it opens."]],
    )
    assert not Meeting.objects.exists()
    page = staff_client.get(f"/imports/{job.pk}/").content.decode()
    assert "The file was rejected: 1 problem. Nothing was saved." in page
    assert "A meeting cannot close before it opens." in page


def test_someone_elses_preview_cannot_be_confirmed(
    staff_client, standing_committees, small_batches
):
    from tests.factories import UserFactory

    _upload(staff_client, meetings_csv(60))
    job = ImportJob.objects.get()
    colleague = log_in_client(Client(), UserFactory(username="colleague", role="isu_staff"))
    response = colleague.post("/meetings/import/", {"job": job.pk})
    assert response["Location"] == "/meetings/import/"
    job.refresh_from_db()
    assert job.status == "previewed"
    # A preview is not a job page yet.
    assert staff_client.get(f"/imports/{job.pk}/").status_code == 404


def test_the_row_and_size_limits_say_what_to_do(staff_client, standing_committees, settings):
    settings.IMPORT_MAX_ROWS = 10
    page = _upload(staff_client, meetings_csv(11)).content.decode()
    assert (
        "The file has more than 10 records; at most 10 are imported at once: split it into "
        "several files." in page
    )
    assert "A file may have up to 10 records and 5 MB; split a larger one." in page
    settings.IMPORT_MAX_ROWS = 100_000
    too_large = HEADER.encode() + b"\n" + b"workshop,,x" * 500_000
    response = _upload(staff_client, too_large)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["The file is larger than 5 MB."]
    assert not Meeting.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_writes_a_large_import_while_its_page_follows(
    staff_user, standing_committees, small_batches, celery_worker
):
    client = log_in_client(Client(), staff_user)
    _upload(client, meetings_csv(300))
    job = ImportJob.objects.get()
    assert client.post("/meetings/import/", {"job": job.pk})["Location"] == f"/imports/{job.pk}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        page = client.get(f"/imports/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
        if "Import complete" in page:
            break
        time.sleep(0.2)
    assert "Import complete: 300 created, 0 updated, 0 unchanged." in page, celery_worker.log()
    assert Meeting.objects.count() == 300
    # On the audit trail as the user who confirmed it, made by the background task.
    rows = Meeting.history.all()
    assert {(row.history_user_id, row.history_source) for row in rows} == {(staff_user.pk, "task")}
    assert rows.count() == 300


@pytest.mark.django_db(transaction=True)
def test_the_progress_of_writing_is_seen_from_outside_its_transaction(staff_user):
    import psycopg
    from django.db import transaction

    from common.tasks import _Progress
    from tests.celery_worker import database_url

    job = ImportJob.objects.create(
        importer="committees.imports.MeetingImporter",
        title="Import meetings",
        done_url="/meetings/",
        status=ImportJob.Status.WRITING,
        requested_by=staff_user,
    )
    progress = _Progress(job.pk)
    try:
        with transaction.atomic():
            progress.checking(1000, 1000)  # still in the transaction: the side connection
            progress.writing(500, 1000)
            with psycopg.connect(database_url()) as page:
                seen = page.execute(
                    "SELECT progress FROM common_importjob WHERE id = %s", [job.pk]
                ).fetchone()
    finally:
        progress.close()
    assert seen == (75,)
