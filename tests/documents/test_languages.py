"""Documents in the reader's language, read back from their PDFs: the Activities and
Priorities document of the Committee on Cooperative Compliance in English, French and Spanish
(golden texts: heading, names and their order, the chair marker, dates, watermark or none);
language versions and their missing translations; drafts watermarked on every page."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from pypdf import PdfReader

from activities.models import Activity, Priority
from documents import services
from documents.models import Document
from documents.tasks import run_job
from tests.activity_fixtures import (
    CCC_ACTIVITIES,
    CCC_PRIORITIES,
    CCC_TRANSLATIONS,
    DOCUMENT_DATE,
)
from tests.pdf_text import read_back, stored_path

pytestmark = pytest.mark.django_db

AGENDA_TITLES = {
    "en": "Review of the status and operation of the Convention",
    "fr": "Examen de l’état et du fonctionnement de la Convention",
    "es": "Examen del estado y el funcionamiento de la Convención",
}

#: Everything above the numbered paragraphs, as pdftotext reads it back, per language.
HEADINGS = {
    "en": (
        "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of "
        "Anti-Personnel Mines and on their Destruction "
        "APLC/MSP.22/2025/WP.1 20 November 2025 Original: English "
        "22nd Meeting of the States Parties Geneva, 1–5 December 2025 "
        "Item 10 of the provisional agenda Review of the status and operation of the Convention "
        "Committee on Cooperative Compliance "
        "Activities and Priorities for Implementation 2025-2026 "
        "Submitted by the Chair of the Committee on Cooperative Compliance "
        "(Belgium, Canada, Germany, Japan (Chair), Peru) "
        "I. Activities of the Committee"
    ),
    "fr": (
        "Convention sur l’interdiction de l’emploi, du stockage, de la production et du "
        "transfert des mines antipersonnel et sur leur destruction "
        "APLC/MSP.22/2025/WP.1 20 novembre 2025 Original : anglais "
        "22e Assemblée des États parties Geneva, 1er–5 décembre 2025 "
        "Point 10 de l’ordre du jour provisoire "
        "Examen de l’état et du fonctionnement de la Convention "
        "Comité sur le respect coopératif des obligations "
        "Activités et priorités de mise en œuvre 2025-2026 "
        "Présenté par le Président du Comité sur le respect coopératif des obligations "
        "(Allemagne, Belgique, Canada, Japon (Président), Pérou) "
        "I. Activités du Comité"
    ),
    "es": (
        "Convención sobre la prohibición del empleo, almacenamiento, producción y "
        "transferencia de minas antipersonal y sobre su destrucción "
        "APLC/MSP.22/2025/WP.1 20 de noviembre de 2025 Original: inglés "
        "22.ª Reunión de los Estados Partes Geneva, 1 a 5 de diciembre de 2025 "
        "Tema 10 del programa provisional "
        "Examen del estado y el funcionamiento de la Convención "
        "Comité sobre el Cumplimiento Cooperativo "
        "Actividades y prioridades de aplicación 2025-2026 "
        "Presentado por el Presidente del Comité sobre el Cumplimiento Cooperativo "
        "(Alemania, Bélgica, Canadá, Japón (Presidente), Perú) "
        "I. Actividades del Comité"
    ),
}
PRIORITIES_HEADINGS = {
    "en": "II. Priorities for Implementation",
    "fr": "II. Priorités de mise en œuvre",
    "es": "II. Prioridades de aplicación",
}
RUNNING_HEADERS = {
    "en": "APLC/MSP.22/2025/WP.1 20 November 2025",
    "fr": "APLC/MSP.22/2025/WP.1 20 novembre 2025",
    "es": "APLC/MSP.22/2025/WP.1 20 de noviembre de 2025",
}
DRAFT_MARKINGS = {"en": "Draft", "fr": "Projet", "es": "Borrador"}
WATERMARKS = {"en": "DRAFT · v1", "fr": "PROJET · v1", "es": "BORRADOR · v1"}
FOOTERS = {"en": "Page {n} of {of}", "fr": "Page {n} sur {of}", "es": "Página {n} de {of}"}


def paragraphs_in(language: str) -> list[str]:
    """The CCC's year as the document numbers it: activities in date order, then priorities."""
    originals = [text for _day, _kind, text in sorted(CCC_ACTIVITIES)] + CCC_PRIORITIES
    if language == "en":
        return originals
    index = 0 if language == "fr" else 1
    return [CCC_TRANSLATIONS[text][index] for text in originals]


def golden_body(language: str) -> str:
    numbered = [f"{n}. {text}" for n, text in enumerate(paragraphs_in(language), start=1)]
    return " ".join(
        [HEADINGS[language], *numbered[:8], PRIORITIES_HEADINGS[language], *numbered[8:]]
    )


def _without_spaces(text: str) -> str:
    return text.replace(" ", "")


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def meeting(meetings):
    """The 22nd Meeting numbers its documents APLC/MSP.22/2025/WP.<n>."""
    meeting = meetings["22MSP"]
    meeting.document_symbol_pattern = "APLC/MSP.22/2025/WP.{number}"
    meeting.save()
    return meeting


def make_document(committee, user, meeting, language="en", **fields) -> Document:
    """The CCC's document for 2025-2026 in ``language``; the first takes the meeting's next
    symbol, its language versions share it."""
    existing = Document.objects.filter(committee=committee, kind="activities-priorities").first()
    if existing is not None:
        document = services.create_language_version(existing, language, user)
        document.agenda_title = AGENDA_TITLES[language]
        return services.save_document_settings(document, user)
    return services.create_document(
        Document(
            committee=committee,
            kind="activities-priorities",
            period="2025-2026",
            date=DOCUMENT_DATE,
            language=language,
            meeting=meeting,
            agenda_item="10",
            agenda_title=AGENDA_TITLES[language],
            **fields,
        ),
        user,
    )


def publish(document: Document, user) -> Path:
    services.submit_to_chair(document, user)
    services.approve(document, user)
    version = services.publish(document, user)
    job = run_job(version.render_jobs.get().pk)
    assert job.status == "done", job.error
    return stored_path(job.output)


def draft_pdf(document: Document) -> Path:
    job = run_job(services.request_pdf(document).pk)
    assert job.status == "done", job.error
    return stored_path(job.output)


# --- golden texts -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_published_document_reads_back_as_expected(
    ccc_year, people, media_root, meeting, language
):
    """Published: names in the language and in its alphabetical order, the chair marker, the
    date as the language writes it, the meeting's heading, no watermark on any page."""
    document = make_document(ccc_year, people.staff, meeting, language)
    assert document.symbol == "APLC/MSP.22/2025/WP.1"
    pages = read_back(publish(document, people.staff))
    assert " ".join(page.body for page in pages) == golden_body(language)
    assert [page.watermark for page in pages] == [""] * len(pages)
    assert [page.header for page in pages] == [RUNNING_HEADERS[language]] * len(pages)
    assert [page.footer for page in pages] == [
        FOOTERS[language].format(n=n, of=len(pages)) for n in range(1, len(pages) + 1)
    ]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_draft_is_watermarked_on_every_page_with_its_version(
    ccc_year, people, media_root, meeting, language
):
    document = make_document(ccc_year, people.staff, meeting, language)
    pages = read_back(draft_pdf(document))
    assert len(pages) == {"en": 1, "fr": 2, "es": 2}[language]
    assert " ".join(page.body for page in pages) == golden_body(language)
    watermark = _without_spaces(WATERMARKS[language])
    assert [page.watermark for page in pages] == [watermark] * len(pages)
    marked = f"{RUNNING_HEADERS[language]} {DRAFT_MARKINGS[language]}"
    assert [page.header for page in pages] == [marked] * len(pages)
    # The watermark as the PDF holds it, spaces included.
    for page in PdfReader(draft_pdf(document)).pages:
        assert page.extract_text().splitlines()[0] == WATERMARKS[language]


def test_the_draft_of_a_revision_carries_the_next_version_number(
    ccc_year, people, media_root, meeting
):
    document = make_document(ccc_year, people.staff, meeting)
    published = read_back(publish(document, people.staff))
    assert {page.watermark for page in published} == {""}
    # While published, the document's own PDF is the published version: no watermark.
    assert {page.watermark for page in read_back(draft_pdf(document))} == {""}
    services.reopen(document, people.staff)
    assert {page.watermark for page in read_back(draft_pdf(document))} == {"DRAFT·v2"}


# --- missing translations -----------------------------------------------------------------------


def _untranslate(language: str) -> None:
    """The activity of 30 September and the last priority have no text in ``language``."""
    field = f"text_{language}"
    Activity.objects.filter(date="2025-09-30").update(**{field: ""})
    Priority.objects.filter(text=CCC_PRIORITIES[3]).update(**{field: ""})


def test_a_paragraph_without_its_translation_is_flagged_and_the_pdf_marked(
    ccc_year, people, media_root, meeting
):
    _untranslate("es")
    english = make_document(ccc_year, people.staff, meeting)
    spanish = make_document(ccc_year, people.staff, meeting, "es")
    pages = read_back(draft_pdf(spanish))
    body = " ".join(page.body for page in pages)
    expected = paragraphs_in("es")
    expected[6] = sorted(CCC_ACTIVITIES)[6][2]  # the original, flagged
    expected[11] = CCC_PRIORITIES[3]
    for number, text in enumerate(expected, start=1):
        assert f"{number}. {text}" in body
    assert (
        "El párrafo 7 aún no está traducido: sigue el texto original. "
        f"7. {sorted(CCC_ACTIVITIES)[6][2]}"
    ) in body
    assert (
        f"El párrafo 12 aún no está traducido: sigue el texto original. 12. {CCC_PRIORITIES[3]}"
    ) in body
    assert body.count("aún no está traducido") == 2
    assert {page.watermark for page in pages} == {"BORRADOR·v1"}

    # The version cannot be published until every paragraph has its text.
    services.submit_to_chair(spanish, people.staff)
    services.approve(spanish, people.staff)
    with pytest.raises(ValidationError) as refused:
        services.publish(spanish, people.staff)
    assert refused.value.messages == [
        "This version (Spanish) cannot be published until every paragraph has its text; "
        "paragraphs 7, 12 have none yet."
    ]
    spanish.refresh_from_db()
    assert (spanish.status, spanish.versions.count()) == ("approved", 0)

    # The document's page says, per language, what is complete and what is missing.
    page = people.client("staff").get(f"/documents/{english.pk}/")
    rows = {row["code"]: row for row in page.context["language_versions"]}
    assert {code: row["missing"] for code, row in rows.items()} == {
        "en": [],
        "fr": None,  # not made yet
        "es": [7, 12],
    }
    html = page.content.decode()
    assert "Paragraphs 7, 12 not translated" in html
    assert "complete" in html
    assert f'action="/documents/{english.pk}/languages/fr/"' in html

    # Translated on the record's page: the draft reads the translation at once.
    activity = Activity.objects.get(date="2025-09-30")
    response = people.client("staff").post(
        f"/activities/{activity.pk}/edit/",
        {
            "committee": activity.committee_id,
            "date": "2025-09-30",
            "kind": activity.kind,
            "text": activity.text,
            "text_fr": activity.text_fr,
            "text_es": CCC_TRANSLATIONS[activity.text][1],
            "visibility": activity.visibility,
        },
    )
    assert response.status_code == 302
    Priority.objects.filter(text=CCC_PRIORITIES[3]).update(
        text_es=CCC_TRANSLATIONS[CCC_PRIORITIES[3]][1]
    )
    rows = {
        row["code"]: row["missing"]
        for row in people.client("staff")
        .get(f"/documents/{english.pk}/")
        .context["language_versions"]
    }
    assert rows == {"en": [], "fr": None, "es": []}
    version = services.publish(spanish, people.staff)
    assert version.number == 1
    assert " ".join(page.body for page in read_back(publish_job(version))) == golden_body("es")


def publish_job(version) -> Path:
    return stored_path(run_job(version.render_jobs.get().pk).output)


def test_staff_make_a_language_version_from_the_page(ccc_year, people, meeting):
    english = make_document(ccc_year, people.staff, meeting)
    client = people.client("staff")
    response = client.post(f"/documents/{english.pk}/languages/fr/", follow=True)
    french = Document.objects.get(language="fr")
    assert response.redirect_chain == [(f"/documents/{french.pk}/", 302)]
    assert (french.symbol, french.meeting, french.agenda_item, french.status) == (
        "APLC/MSP.22/2025/WP.1",
        meeting,
        "10",
        "draft",
    )
    assert [p.text for p in french.paragraphs.order_by("section", "position")] == [
        CCC_TRANSLATIONS[text][0]
        for text in [text for _d, _k, text in sorted(CCC_ACTIVITIES)] + CCC_PRIORITIES
    ]
    again = client.post(f"/documents/{english.pk}/languages/fr/", follow=True)
    assert "The document already exists in this language." in again.content.decode()
    assert Document.objects.filter(language="fr").count() == 1
    assert client.post(f"/documents/{english.pk}/languages/de/").status_code == 302
    assert Document.objects.count() == 2
    for who in ("ccc_member", "observer"):
        assert people.client(who).post(f"/documents/{english.pk}/languages/es/").status_code in (
            403,
            404,
        )
    assert not Document.objects.filter(language="es").exists()


def test_staff_translate_an_untranslated_paragraph_in_the_document(ccc_year, people, meeting):
    _untranslate("fr")
    english = make_document(ccc_year, people.staff, meeting)
    french = make_document(ccc_year, people.staff, meeting, "fr")
    paragraph = french.paragraphs.get(activity__date="2025-09-30")
    assert paragraph.text == ""
    client = people.client("staff")
    form = client.get(f"/documents/{french.pk}/paragraphs/{paragraph.pk}/")
    assert form.context["original"] == sorted(CCC_ACTIVITIES)[6][2]
    assert form.context["form"].initial == {"text": ""}
    client.post(
        f"/documents/{french.pk}/paragraphs/{paragraph.pk}/",
        {f"paragraph-{paragraph.pk}-text": "Le 30 septembre 2025, le Comité a écrit."},
    )
    rows = {
        row["code"]: row["missing"]
        for row in client.get(f"/documents/{english.pk}/").context["language_versions"]
    }
    assert rows == {"en": [], "fr": [12], "es": None}


def test_render_document_lists_untranslated_paragraphs_and_marks_the_pdf(ccc_year, tmp_path):
    _untranslate("fr")
    out = tmp_path / "ccc-fr.pdf"
    stdout, stderr = StringIO(), StringIO()
    call_command(
        "render_document",
        *("--committee", "CCC", "--kind", "activities-priorities", "--period", "2025-2026"),
        *("--date", "2025-11-20", "--language", "fr", "--out", str(out)),
        stdout=stdout,
        stderr=stderr,
    )
    assert stderr.getvalue() == (
        "Marked as a draft: 2 paragraph(s) not translated into French:\n"
        f"  7. {sorted(CCC_ACTIVITIES)[6][2][:100]}\n"
        f"  12. {CCC_PRIORITIES[3]}\n"
    )
    pages = read_back(out)
    assert {page.watermark for page in pages} == {"PROJET"}
    assert "Le paragraphe 7 n’est pas encore traduit : le texte original suit." in pages[0].body
    assert "(Allemagne, Belgique, Canada, Japon (Président), Pérou)" in pages[0].body

    # Complete: written as the record says, nothing on stderr, still a draft (never published).
    Activity.objects.filter(date="2025-09-30").update(text_fr="Le 30 septembre 2025 : lettre.")
    Priority.objects.filter(text=CCC_PRIORITIES[3]).update(text_fr="Rendre compte.")
    stderr = StringIO()
    call_command(
        "render_document",
        *("--committee", "CCC", "--kind", "activities-priorities", "--period", "2025-2026"),
        *("--date", "2025-11-20", "--language", "fr", "--out", str(out)),
        stdout=StringIO(),
        stderr=stderr,
    )
    assert stderr.getvalue() == ""
    pages = read_back(out)
    assert {page.watermark for page in pages} == {"PROJET"}
    assert "n’est pas encore traduit" not in " ".join(page.body for page in pages)
