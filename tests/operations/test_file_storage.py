"""Uploads and rendered PDFs are kept in PostgreSQL (``common.storage.DatabaseStorage``) by
default, written in the transaction of their record; S3-compatible object storage when
configured."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from common.models import StoredFile
from common.storage import DatabaseStorage
from reporting import services as reporting_services
from reporting.models import Submission
from tests.factories import StatePartyFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a report\n%%EOF\n"


def test_the_default_storage_is_the_database():
    assert isinstance(default_storage, DatabaseStorage)


def test_a_file_is_kept_read_and_removed_by_name():
    storage = DatabaseStorage()
    name = storage.save("reports/2025/report.pdf", ContentFile(PDF))
    assert name == "reports/2025/report.pdf"
    assert storage.exists(name)
    assert storage.size(name) == len(PDF)
    with storage.open(name) as stored:
        assert stored.read() == PDF
    assert storage.listdir("reports") == (["2025"], [])
    assert storage.listdir("reports/2025") == ([], ["report.pdf"])
    # The same name again: another name, the first file untouched.
    second = storage.save("reports/2025/report.pdf", ContentFile(b"other"))
    assert second != name and second.startswith("reports/2025/report_")
    assert storage.open(name).read() == PDF
    storage.delete(name)
    assert not storage.exists(name)
    with pytest.raises(FileNotFoundError):
        storage.open(name)
    # Never served from there (downloads go through a view), but forms show the name.
    assert storage.url(second) == f"/uploads-are-not-served/{second}"


def test_an_upload_is_written_in_the_transaction_of_its_record():
    state = StatePartyFactory(iso3="KHM", name="Cambodia")
    submission = Submission(state=state, year=2024, received_on=date(2025, 4, 2))
    submission.document.save("report.pdf", ContentFile(PDF), save=False)
    reporting_services.save_submission(submission)
    stored = StoredFile.objects.get(name=submission.document.name)
    assert bytes(stored.content) == PDF
    with submission.document.open("rb") as document:
        assert document.read() == PDF

    # A write that fails after storing its file takes the file back with it.
    with pytest.raises(RuntimeError), transaction.atomic():
        other = Submission(state=state, year=2023, received_on=date(2024, 4, 2))
        other.document.save("report.pdf", ContentFile(PDF), save=False)
        reporting_services.save_submission(other)
        assert StoredFile.objects.count() == 2
        raise RuntimeError("the write fails")
    assert list(StoredFile.objects.values_list("name", flat=True)) == [submission.document.name]


def test_object_storage_when_a_bucket_is_configured(monkeypatch):
    from storages.backends.s3 import S3Storage

    from config.settings.base import file_storage

    assert file_storage() == {"BACKEND": "common.storage.DatabaseStorage"}
    for name, value in {
        "AWS_STORAGE_BUCKET_NAME": "secretariat-files",
        "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
        "AWS_S3_REGION_NAME": "ch-gva-2",
        "AWS_ACCESS_KEY_ID": "key-id",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_LOCATION": "secretariat",
    }.items():
        monkeypatch.setenv(name, value)
    configured = file_storage()
    assert configured["BACKEND"] == "storages.backends.s3.S3Storage"
    storage = S3Storage(**configured["OPTIONS"])
    assert (storage.bucket_name, storage.endpoint_url, storage.region_name) == (
        "secretariat-files",
        "https://objects.example.org",
        "ch-gva-2",
    )
    assert (storage.location, storage.default_acl, storage.file_overwrite) == (
        "secretariat",
        None,
        False,
    )


def test_files_an_earlier_release_kept_on_disk_move_into_the_database(settings, tmp_path):
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    state = StatePartyFactory(iso3="KHM", name="Cambodia")
    on_disk = Submission.objects.create(
        state=state, year=2024, received_on=date(2025, 4, 2), document="submissions/old.pdf"
    )
    gone = Submission.objects.create(
        state=state, year=2023, received_on=date(2024, 4, 2), document="submissions/gone.pdf"
    )
    (tmp_path / "submissions").mkdir()
    (tmp_path / "submissions" / "old.pdf").write_bytes(PDF)

    call_command("move_files_to_database", "--dry-run")
    assert not StoredFile.objects.exists()
    call_command("move_files_to_database")
    with on_disk.document.open("rb") as document:
        assert document.read() == PDF
    assert not default_storage.exists(gone.document.name)
    # Again: nothing to copy.
    call_command("move_files_to_database")
    assert StoredFile.objects.count() == 1
