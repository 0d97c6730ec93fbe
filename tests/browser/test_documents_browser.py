import pytest
from playwright.sync_api import expect

from documents import services
from documents.models import Document, RenderJob
from tests.activity_fixtures import (
    DOCUMENT_DATE,
    articles,
    ccc_year,
    media_root,
    pdf_worker,
    people,
    sraap,
)

from .conftest import sign_in

__all__ = ["articles", "ccc_year", "media_root", "pdf_worker", "people", "sraap"]

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_make_the_pdf_of_a_draft_and_see_it_come(app, ccc_year, people, pdf_worker):
    services.create_document(
        Document(
            committee=ccc_year,
            kind="activities-priorities",
            period="2025-2026",
            date=DOCUMENT_DATE,
            symbol="APLC/MSP.22/2025/WP.5",
        ),
        people.staff,
    )
    sign_in(app, "irene")
    app.goto(f"{app.base_url}/documents/")
    app.get_by_role("link", name="APLC/MSP.22/2025/WP.5").click()
    expect(app.get_by_role("heading", level=1)).to_contain_text(
        "Activities and Priorities for Implementation 2025-2026"
    )
    paragraphs = app.get_by_test_id("paragraph")
    expect(paragraphs).to_have_count(12)
    expect(paragraphs.nth(8)).to_contain_text("9. Encourage every State Party")

    app.get_by_role("button", name="Make the PDF").click()
    job = app.get_by_test_id("render-job")
    expect(job.locator("progress")).to_be_visible()  # progress first...
    expect(job).to_contain_text("Waiting for a worker")
    download_link = app.get_by_test_id("pdf-download")
    expect(download_link).to_be_visible(timeout=30_000)  # ...then the file
    expect(job).to_contain_text("1 page")
    expect(job.locator("progress")).to_have_count(0)
    with app.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename == "APLC-MSP.22-2025-WP.5-en-draft.pdf"
    with open(download.value.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"
    assert RenderJob.objects.get().status == "done"


def test_staff_reorder_and_edit_paragraphs_in_place(app, ccc_year, people):
    document = services.create_document(
        Document(
            committee=ccc_year,
            kind="activities-priorities",
            period="2025-2026",
            date=DOCUMENT_DATE,
            symbol="S/1",
        ),
        people.staff,
    )
    sign_in(app, "irene")
    app.goto(f"{app.base_url}{document.get_absolute_url()}")
    paragraphs = app.get_by_test_id("paragraph")
    expect(paragraphs.nth(1)).to_contain_text("On 20 January 2025")
    app.get_by_role("button", name="Move paragraph 2 up").click()
    expect(paragraphs.nth(0)).to_contain_text("1. On 20 January 2025")
    expect(paragraphs.nth(1)).to_contain_text("2. On 12 December 2024")

    first = app.locator(f"#{paragraphs.nth(0).get_attribute('id')}")
    first.get_by_role("link", name="Edit").click()
    first.get_by_label("Text").fill("On 20 January 2025, the Committee wrote to every State Party.")
    first.get_by_role("button", name="Save").click()
    expect(paragraphs.nth(0)).to_contain_text(
        "On 20 January 2025, the Committee wrote to every State Party."
    )
    expect(paragraphs.nth(0)).to_contain_text("edited")
    assert document.paragraphs.get(section="activities", position=1).edited


def test_the_preview_shows_the_document_as_printed_without_breaking_the_csp(app, ccc_year, people):
    document = services.create_document(
        Document(
            committee=ccc_year,
            kind="activities-priorities",
            period="2025-2026",
            date=DOCUMENT_DATE,
            symbol="APLC/MSP.22/2025/WP.5",
            language="es",
        ),
        people.staff,
    )
    sign_in(app, "irene")
    app.goto(f"{app.base_url}{document.get_absolute_url()}")
    app.get_by_role("link", name="Preview").click()
    expect(app.get_by_role("heading", level=2)).to_have_text(
        "Actividades y prioridades de aplicación 2025-2026"
    )
    expect(app.locator(".member-line")).to_have_text(
        "(Alemania, Bélgica, Canadá, Japón (Presidente), Perú)"
    )
    expect(app.locator(".watermark")).to_have_text("BORRADOR · v1")
    expect(app.locator(".paragraph")).to_have_count(12)
    # The document's own font, served from static files, is what the page uses.
    family = app.locator(".paragraph").first.evaluate("e => getComputedStyle(e).fontFamily")
    assert family.startswith('"Document Serif"')
    # Loaded from the static files (a busy machine may still be fetching it: wait for it).
    assert app.evaluate(
        "async () => (await document.fonts.load('12px \"Document Serif\"')).length > 0"
        " && document.fonts.check('12px \"Document Serif\"')"
    )
    app.get_by_role("link", name="Volver").click()
    expect(app).to_have_url(f"{app.base_url}{document.get_absolute_url()}")
