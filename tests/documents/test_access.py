"""Who sees what: activities, compliance matters and documents, on pages, previews, PDFs and
exports, for ISU staff, a member of the Committee on Cooperative Compliance, a member of
another committee, an observer and an anonymous visitor."""

import csv
import io
from datetime import date

import pytest

from activities import services as activity_services
from activities.models import Activity, ComplianceMatter
from committees.models import Committee
from documents import services
from documents.models import Document
from documents.tasks import run_job
from tests.activity_fixtures import DOCUMENT_DATE, MATRIX

pytestmark = pytest.mark.django_db

SECRET = "Meeting with the delegation of Ruritania on the alleged use of mines."


@pytest.fixture
def record(ccc_year, people, states, november_2025):
    """The CCC's public year, plus records at every other level, and the CA5's own."""
    ccc = ccc_year
    ca5 = Committee.objects.get(code="CA5")
    matter = activity_services.save_compliance_matter(
        ComplianceMatter(
            title="Alleged use in 2025", kind="alleged_use", opened_on=date(2025, 4, 2)
        ),
        states=[states["TKM"]],
    )
    levels = {
        "ccc_states_parties": (ccc, "states_parties", "CCC letter for States Parties only."),
        "ccc_internal": (ccc, "internal", "CCC internal planning meeting."),
        "ccc_confidential": (ccc, "confidential", SECRET),
        "ca5_internal": (ca5, "internal", "CA5 internal planning meeting."),
        "ca5_confidential": (ca5, "confidential", "CA5 confidential note."),
    }
    created = {}
    for key, (committee, level, text) in levels.items():
        created[key] = activity_services.save_activity(
            Activity(
                committee=committee,
                date=date(2025, 5, 20),
                kind="meeting",
                text=text,
                visibility=level,
                compliance_matter=matter if key == "ccc_confidential" else None,
            )
        )
    created["matter"] = matter
    return created


PUBLIC = {"public"}
# What each person reads of the records above (besides the CCC's public year).
READS = {
    "staff": {
        "CCC letter for States Parties only.",
        "CCC internal planning meeting.",
        SECRET,
        "CA5 internal planning meeting.",
        "CA5 confidential note.",
    },
    "ccc_member": {
        "CCC letter for States Parties only.",
        "CCC internal planning meeting.",
        SECRET,
    },
    "ca5_member": {"CCC letter for States Parties only.", "CA5 internal planning meeting."},
    "observer": set(),
}
ALL_TEXTS = READS["staff"]


def _csv(response) -> list[dict]:
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


@pytest.mark.parametrize("who", MATRIX)
def test_activity_pages_and_exports_follow_visibility(record, people, who):
    client = people.client(who)
    page = client.get("/activities/")
    export = client.get("/activities/?format=csv")
    if who == "anonymous":
        assert page.status_code == export.status_code == 302
        return
    html = page.content.decode()
    assert {text for text in ALL_TEXTS if text in html} == READS[who]
    rows = _csv(export)
    texts = {row["text"] for row in rows}
    assert texts & ALL_TEXTS == READS[who]
    assert len(rows) == 8 + len(READS[who])  # the CCC's public year is for everyone
    detail = client.get(f"/activities/{record['ccc_confidential'].pk}/")
    assert detail.status_code == (200 if who in ("staff", "ccc_member") else 404)
    if detail.status_code == 200:
        assert SECRET in detail.content.decode()
        assert "Alleged use in 2025" in detail.content.decode()


@pytest.mark.parametrize("who", MATRIX)
def test_compliance_matters_are_for_the_ccc_and_staff(record, people, who):
    client = people.client(who)
    matter = record["matter"]
    expected = {"staff": 200, "ccc_member": 200, "ca5_member": 403, "observer": 403}.get(who, 302)
    for url in ("/compliance/", f"/compliance/{matter.pk}/", "/compliance/?format=csv"):
        assert client.get(url).status_code == expected, url
    if expected == 200:
        page = client.get(f"/compliance/{matter.pk}/").content.decode()
        assert "Turkmenistan" in page
        assert "Meeting with the delegation of Ruritania" in page


def _document(committee, user, visibility, symbol, publish=False):
    document = services.create_document(
        Document(
            committee=committee,
            kind="activities-priorities",
            period="2025-2026",
            date=DOCUMENT_DATE,
            symbol=symbol,
            visibility=visibility,
        ),
        user,
    )
    if publish:
        services.submit_to_chair(document, user)
        services.approve(document, user)
        version = services.publish(document, user)
        run_job(version.render_jobs.get().pk)
    return document


@pytest.mark.parametrize("who", MATRIX)
def test_documents_previews_and_pdfs_follow_visibility(record, people, who, media_root):
    staff = people.staff
    ccc = Committee.objects.get(code="CCC")
    public = _document(ccc, staff, "public", "CCC/PUBLIC", publish=True)
    confidential = _document(ccc, staff, "confidential", "CCC/CONFIDENTIAL", publish=True)
    draft = _document(ccc, staff, "public", "CCC/DRAFT")
    draft_job = run_job(services.request_pdf(draft).pk)
    assert SECRET in services.snapshot(confidential).__str__()
    assert SECRET not in services.snapshot(public).__str__()

    client = people.client(who)
    listing = client.get("/documents/")
    export = client.get("/documents/?format=csv")
    if who == "anonymous":
        assert listing.status_code == export.status_code == 302
        return
    sees = {
        "staff": {"CCC/PUBLIC", "CCC/CONFIDENTIAL", "CCC/DRAFT"},
        "ccc_member": {"CCC/PUBLIC", "CCC/CONFIDENTIAL", "CCC/DRAFT"},
        "ca5_member": {"CCC/PUBLIC"},
        "observer": {"CCC/PUBLIC"},
    }[who]
    html = listing.content.decode()
    assert {
        symbol for symbol in ("CCC/PUBLIC", "CCC/CONFIDENTIAL", "CCC/DRAFT") if symbol in html
    } == sees
    assert {row["symbol"] for row in _csv(export)} == sees

    for document in (public, confidential, draft):
        readable = document.symbol in sees
        status = client.get(f"/documents/{document.pk}/").status_code
        assert status == (200 if readable else 404), document.symbol
        version = document.versions.first()
        if version is not None:
            job = version.pdf_job
            for url in (
                f"/documents/{document.pk}/versions/1/",
                f"/documents/{document.pk}/versions/1/preview/",
                f"/documents/jobs/{job.pk}/",
                f"/documents/jobs/{job.pk}/file/",
            ):
                assert client.get(url).status_code == (200 if readable else 404), url
            preview = client.get(f"/documents/{document.pk}/versions/1/preview/")
            if readable:
                assert (SECRET in preview.content.decode()) == (document is confidential)

    # The working draft (paragraphs, preview, draft PDF) is for staff and the committee.
    insider = who in ("staff", "ccc_member")
    for url in (
        f"/documents/{draft.pk}/preview/",
        f"/documents/jobs/{draft_job.pk}/",
        f"/documents/jobs/{draft_job.pk}/file/",
        f"/documents/{public.pk}/preview/",
    ):
        assert client.get(url).status_code == (200 if insider else 404), url
    page = client.get(f"/documents/{public.pk}/").content.decode()
    assert ('data-testid="paragraphs"' in page) == insider
    assert "Version 1" in page


def test_a_pdf_file_carries_what_its_reader_may_read(record, people, media_root):
    """The confidential document's PDF holds the secret; its reader must be CCC or staff."""
    ccc = Committee.objects.get(code="CCC")
    document = _document(ccc, people.staff, "confidential", "CCC/C", publish=True)
    job = document.versions.get().pdf_job
    for who, status in [
        ("staff", 200),
        ("ccc_member", 200),
        ("ca5_member", 404),
        ("observer", 404),
        ("anonymous", 302),
    ]:
        response = people.client(who).get(f"/documents/jobs/{job.pk}/file/")
        assert response.status_code == status, who
        if status == 200:
            assert response["Content-Type"] == "application/pdf"
            assert b"".join(response.streaming_content).startswith(b"%PDF-")
