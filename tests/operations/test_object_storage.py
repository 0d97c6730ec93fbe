"""Files in S3-compatible object storage (django-storages, as ``file_storage()`` configures it
from the environment), against a real S3 server on loopback (moto's, started by the test): an
upload lands in the bucket and nowhere else, downloads through the application's
permission-checked view, and a PDF the pipeline renders is stored there and downloads too."""

import subprocess
import sys
import uuid
from datetime import UTC, date, datetime

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from storages.backends.s3 import S3Storage

from common.models import StoredFile
from config.settings.base import file_storage
from documents.models import RenderJob
from documents.tasks import run_job
from reporting import services as reporting_services
from reporting.models import Submission
from tests.factories import (
    Article7ReportFactory,
    FormSectionFactory,
    RenderJobFactory,
    StatePartyFactory,
)
from tests.proxy_servers import wait_for_port
from tests.smtp_server import free_port

pytestmark = [pytest.mark.django_db, pytest.mark.real_worker]

LOCATION = "secretariat"
PDF = b"%PDF-1.4\n% a report kept in the bucket\n%%EOF\n"


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """moto's S3 server on a free loopback port, for this module's tests (each has a bucket of
    its own)."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("s3") / "s3.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port, process, log_path)
        yield f"http://127.0.0.1:{port}"
    finally:
        # Nothing of its own to keep: no need to wait for it to shut down cleanly.
        process.kill()
        process.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A bucket of this test's own, and the application's default storage configured for it as
    production reads it from the environment."""
    name = f"secretariat-{uuid.uuid4().hex[:12]}"
    environment = {
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test-key-id",
        "AWS_SECRET_ACCESS_KEY": "test-secret",
        "AWS_LOCATION": LOCATION,
    }
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test-key-id",
        aws_secret_access_key="test-secret",
    )
    client.create_bucket(Bucket=name)
    settings.STORAGES = {**settings.STORAGES, "default": file_storage()}
    return Bucket(client, name)


class Bucket:
    def __init__(self, client, name: str) -> None:
        self.client, self.name = client, name

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


def test_an_upload_goes_to_the_bucket_and_downloads_through_the_checked_view(
    bucket, staff_client, observer_client
):
    state = StatePartyFactory(iso3="KHM", name="Cambodia")
    submission = Submission(
        state=state, year=2024, received_on=date(2025, 4, 2), visibility="internal"
    )
    submission.document.save("report.pdf", ContentFile(PDF), save=False)
    reporting_services.save_submission(submission)
    assert isinstance(default_storage._wrapped, S3Storage)
    assert bucket.keys() == [f"{LOCATION}/{submission.document.name}"]
    assert bucket.read(f"{LOCATION}/{submission.document.name}") == PDF
    assert not StoredFile.objects.exists()

    url = reverse("reporting:submission_document", args=[submission.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="KHM-2024-annual.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    # The same check as for a file in the database: an internal report is staff's.
    assert observer_client.get(url).status_code == 404
    assert Client().get(url).status_code == 302

    # The same name again: another key, the first object untouched (never overwritten).
    other = default_storage.save(submission.document.name, ContentFile(b"other"))
    assert other != submission.document.name
    assert len(bucket.keys()) == 2
    assert b"".join(staff_client.get(url).streaming_content) == PDF


def test_a_rendered_pdf_is_kept_in_the_bucket_and_downloads(bucket, settings):
    state = StatePartyFactory(iso3="PER", name="Peru")
    report = Article7ReportFactory(
        state=state,
        year_covered=2025,
        language="en",
        status="published",
        visibility="public",
        submitted_at=datetime(2026, 4, 28, tzinfo=UTC),
        published_at=datetime(2026, 5, 12, tzinfo=UTC),
    )
    FormSectionFactory(report=report, code="A", status="edited", narrative="A national law.")
    job = RenderJobFactory(target=report, status=RenderJob.Status.QUEUED, filename="")
    assert run_job(job.pk) is not None
    job.refresh_from_db()
    assert job.status == RenderJob.Status.DONE
    assert bucket.keys() == [f"{LOCATION}/{job.output.name}"]
    assert not StoredFile.objects.exists()

    response = Client().get(reverse("article7:published_pdf", args=[report.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-") and len(content) == job.size
