"""A reply's attachment: checked by its content like every upload (a clear error, nothing
stored), and downloaded through a view that asks whether the user may read the letter."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from correspondence.models import Reply

from .test_views import june_2025, letters, people

__all__ = ["june_2025", "letters", "people"]

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx_without_its_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    return buffer.getvalue()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _post(client, letter, states, name: str, content: bytes):
    return client.post(
        f"/correspondence/letters/{letter.pk}/replies/new/",
        {
            "state": states["NOR"].pk,
            "received_on": "2025-06-02",
            "summary": "Plan attached.",
            "attachment": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "plan.pdf",
            b"<html><script>alert(document.cookie)</script></html>",
            "The file is named .pdf but its content is not a PDF document (it looks like .html)",
        ),
        ("plan.pdf", PDF[:20], "The PDF file is incomplete or damaged; save it again"),
        (
            "plan.docx",
            _docx_without_its_parts(),
            "The file is named .docx but its content is not a Word document (it looks like .zip)",
        ),
        ("plan.exe", b"MZ\x90\x00", "“.exe” files are not accepted; upload one of: .pdf, .docx"),
        ("plan.html", b"<html></html>", "“.html” files are not accepted"),
        ("plan.pdf", b"", "The submitted file is empty."),
    ],
)
def test_refused_attachments_say_why_and_nothing_is_stored(
    letters, people, states, media_root, name, content, message
):
    response = _post(people["staff"], letters["sent"], states, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Reply.objects.filter(recipient__state=states["NOR"]).exists()
    assert list(media_root.rglob("*.*")) == []


def test_an_attachment_over_the_cap_is_refused_not_truncated(
    letters, people, states, media_root, settings
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024  # larger files go to the capped handler
    big = PDF[:-6] + b"0" * (21 * 1024 * 1024) + b"\n%%EOF\n"  # 21 MB, over the 20 MB cap
    response = _post(people["staff"], letters["sent"], states, "plan.pdf", big)
    assert response.status_code == 400
    assert "The file is larger than 20 MB; files of up to 20 MB are accepted." in (
        response.content.decode()
    )
    assert not Reply.objects.filter(recipient__state=states["NOR"]).exists()
    assert list(media_root.rglob("*.*")) == []


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("staff", 200),
        ("chair", 200),
        ("member", 200),
        ("other", 403),  # a member of another committee
        ("observer", 403),
        ("anonymous", 302),
    ],
)
def test_an_attachment_is_downloaded_by_those_who_read_the_letter(
    letters, people, states, media_root, who, status
):
    letter = letters["sent"]
    assert _post(people["staff"], letter, states, "plan.pdf", PDF).status_code == 302
    reply = Reply.objects.get(recipient__state=states["NOR"])
    url = f"/correspondence/letters/{letter.pk}/replies/{reply.pk}/attachment/"
    page = people["staff"].get(letter.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page
    assert "/uploads-are-not-served/" not in page

    response = people[who].get(url)
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"] == 'attachment; filename="NOR-plan.pdf"'
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    elif status == 302:
        assert response["Location"].startswith("/accounts/login/")


def test_a_reply_is_reached_only_through_its_own_letter(letters, people, states, media_root):
    _post(people["staff"], letters["sent"], states, "plan.pdf", PDF)
    reply = Reply.objects.get(recipient__state=states["NOR"])
    other_letter = letters["draft"]
    url = f"/correspondence/letters/{other_letter.pk}/replies/{reply.pk}/attachment/"
    assert people["staff"].get(url).status_code == 404
    without_file = Reply.objects.get(recipient__state=states["BEL"])
    url = f"/correspondence/letters/{letters['sent'].pk}/replies/{without_file.pk}/attachment/"
    assert people["staff"].get(url).status_code == 404
