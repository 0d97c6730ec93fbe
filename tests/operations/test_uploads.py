"""Uploaded documents: kinds allowed by their content, a size cap, downloads as attachments."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from reporting.models import Submission
from tests.factories import StatePartyFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Form", "D"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def cambodia(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return StatePartyFactory(iso3="KHM", name="Cambodia")


def _upload(client, state, name: str, content: bytes, **fields):
    data = {
        "state": state.pk,
        "kind": "annual",
        "year": 2023,
        "received_on": "2024-04-02",
        "visibility": "public",
        "document": SimpleUploadedFile(name, content, content_type="application/pdf"),
        **fields,
    }
    return client.post("/reporting/reports/new/", data)


@pytest.mark.parametrize(
    ("name", "content"),
    [("report.pdf", PDF), ("forms.xlsx", _xlsx()), ("report.docx", _docx())],
)
def test_documents_of_the_allowed_kinds_are_kept(staff_client, cambodia, name, content):
    response = _upload(staff_client, cambodia, name, content)
    assert response.status_code == 302, response.content.decode()
    submission = Submission.objects.get()
    with submission.document.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "report.pdf",
            b"<html><script>alert(1)</script></html>",
            "The file is named .pdf but its content is not a PDF document (it looks like .html)",
        ),
        (
            "report.docx",
            PDF,
            "The file is named .docx but its content is not a Word document (it looks like .pdf)",
        ),
        ("report.pdf", PDF[:20], "The PDF file is incomplete or damaged; save it again"),
        ("forms.xlsx", _xlsx()[:300], "The Excel file is incomplete or damaged"),
        ("report.exe", b"MZ\x90\x00", "“.exe” files are not accepted; upload one of: .pdf, .docx"),
        ("report.svg", b"<svg/>", "“.svg” files are not accepted"),
        ("report.pdf", b"", "The submitted file is empty."),
    ],
)
def test_other_files_are_refused_with_the_reason_and_nothing_is_saved(
    staff_client, cambodia, name, content, message, tmp_path
):
    response = _upload(staff_client, cambodia, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Submission.objects.exists()
    assert list(tmp_path.rglob("*.*")) == []


def test_files_over_the_cap_are_refused_without_being_kept(staff_client, cambodia, settings):
    settings.UPLOAD_MAX_BYTES = 3 * 1024 * 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024  # larger files go to the capped handler
    big = PDF[:-6] + b"0" * (4 * 1024 * 1024) + b"\n%%EOF\n"
    response = _upload(staff_client, cambodia, "report.pdf", big)
    assert response.status_code == 400
    assert "The file is larger than 3 MB; files of up to 3 MB are accepted." in (
        response.content.decode()
    )
    assert not Submission.objects.exists()


def test_documents_are_downloaded_as_attachments_by_those_who_may_read_them(
    staff_client, observer_client, committee_client, cambodia
):
    _upload(staff_client, cambodia, "report.pdf", PDF, visibility="states_parties")
    submission = Submission.objects.get()
    url = f"/reporting/reports/{submission.pk}/document/"
    response = committee_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="KHM-2023-annual.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert observer_client.get(url).status_code == 404
    # The stored file has no address of its own.
    assert staff_client.get(f"/media/{submission.document.name}").status_code == 404
    assert (
        staff_client.get(f"/uploads-are-not-served/{submission.document.name}").status_code == 404
    )
    page = committee_client.get("/reporting/reports/").content.decode()
    assert f'href="{url}"' in page
    assert submission.document.name not in page
    assert "States Parties only" in observer_client.get("/states/KHM/").content.decode()


def test_a_report_without_a_document_has_no_download(staff_client, cambodia):
    submission = Submission.objects.create(state=cambodia, year=2023, received_on=date(2024, 4, 2))
    assert staff_client.get(f"/reporting/reports/{submission.pk}/document/").status_code == 404
