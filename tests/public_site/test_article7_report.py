"""A published Article 7 report's page on the public website: its facts, Forms A to J as
tables and narratives, "no change since" notes, its downloads; in each language, listed and
in the sitemap; only the published reports (a draft, a report sent but not published: 404)."""

import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from documents.models import RenderJob
from tests.factories import AnnexFactory, Article7ReportFactory, RenderJobFactory
from tests.utils import queries_for

from .records import published_report

pytestmark = pytest.mark.django_db

PAGE = "/{language}/article-7-reports/KHM/2025/"


def render_pdf(report):
    job = RenderJobFactory(target=report, status=RenderJob.Status.DONE, filename="report.pdf")
    job.output.save("report.pdf", ContentFile(b"%PDF-1.4\n% report\n%%EOF\n"))
    return job


def test_a_published_report_has_a_page_of_its_forms(record):
    report = published_report(record.states["KHM"])
    response = Client().get(PAGE.format(language="en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Article 7 report of Cambodia, 2025</h1>" in html
    facts = re.sub(r"\s+", " ", html.split('data-testid="report-facts">')[1].split("</dl>")[0])
    assert re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", facts) == [
        ("State", "Cambodia"),
        ("Calendar year covered", "2025"),
        ("Language of the report", "Spanish"),
        ("Date received", "28 April 2026"),
        ("Date published", "12 May 2026"),
    ]
    # Each form in order, its title, rows and narrative (in the report's language).
    forms = re.findall(r'data-testid="form-([A-J])">\s*<h2 id="form-\1">([^<]+)</h2>', html)
    assert [code for code, _title in forms] == list("ABCDEFGHIJ")
    assert forms[0][1] == "Form A: National implementation measures"
    form_a = html.split('data-testid="form-A">')[1].split("</section>")[0]
    assert "<td>Ley 1</td>" in form_a and "<td>2024-03-01</td>" in form_a
    assert "<td>Law</td>" in form_a
    assert '<div class="report-narrative" lang="es"><p>Ley nacional de aplicación.</p></div>' in (
        form_a
    )
    form_b = html.split('data-testid="form-B">')[1].split("</section>")[0]
    assert "No change since the report covering 2023." in form_b
    assert "<td>1\u202f200</td>" in form_b
    form_c = html.split('data-testid="form-C">')[1].split("</section>")[0]
    assert "<td>2\u202f500\u202f000</td>" in form_c and "Nuevas zonas encontradas." in form_c
    assert "Nothing to report." in html.split('data-testid="form-E">')[1].split("</section>")[0]
    # Its data, and the PDF once the worker has rendered it.
    assert f'href="/article7/published/{report.pk}/json/"' in html
    assert f'href="/article7/published/{report.pk}/csv/"' in html
    assert f"/article7/published/{report.pk}/pdf/" not in html
    assert "The report (PDF) is being prepared." in html
    render_pdf(report)
    html = Client().get(PAGE.format(language="en")).content.decode()
    assert f'href="/article7/published/{report.pk}/pdf/"' in html
    for download in ("pdf", "json", "csv"):
        assert Client().get(f"/article7/published/{report.pk}/{download}/").status_code == 200


def test_the_page_in_french_and_spanish(record):
    published_report(record.states["KHM"])
    annex = AnnexFactory(
        report=record.states["KHM"].article7_reports.get(), section="C", title="Mapa"
    )
    html = Client().get(PAGE.format(language="fr")).content.decode()
    assert '<html lang="fr">' in html
    assert "<h1>Rapport au titre de l’article 7 de Cambodge, 2025</h1>" in html
    assert "Aucun changement depuis le rapport portant sur 2023." in html
    # The annex, in the report's language, downloads from the page, signed in or not.
    url = f"/article7/published/{annex.report_id}/annexes/{annex.pk}/"
    assert f'<li lang="es"><a href="{url}">Mapa</a> (' in html
    download = Client().get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4\n% annex\n%%EOF\n"
    html = Client().get(PAGE.format(language="es")).content.decode()
    assert '<html lang="es">' in html and "Camboya" in html
    assert '<h2 id="form-A">Formulario A: Medidas de aplicación a nivel nacional</h2>' in html


def test_only_published_reports_have_a_page(record):
    cambodia, peru = record.states["KHM"], record.states["PER"]
    Article7ReportFactory(state=peru, year_covered=2025, status="submitted")
    Article7ReportFactory(state=peru, year_covered=2024, status="draft")
    Article7ReportFactory(state=peru, year_covered=2023, status="acknowledged")
    client = Client()
    for url in (
        "/en/article-7-reports/PER/2025/",
        "/en/article-7-reports/PER/2024/",
        "/fr/article-7-reports/PER/2023/",
        "/en/article-7-reports/PER/initial/",
        "/en/article-7-reports/XXX/2025/",
        "/en/article-7-reports/KHM/20251/",
        "/en/article-7-reports/KHMX/2025/",
    ):
        assert client.get(url).status_code == 404, url
    # A correction being written leaves the published version on the site.
    published_report(cambodia)
    Article7ReportFactory(state=cambodia, year_covered=2025, version=2, status="draft")
    response = client.get(PAGE.format(language="en"))
    assert response.status_code == 200
    assert response.context["report"].version == 1
    # The initial report has a page of its own.
    initial = published_report(cambodia, year=None)
    response = client.get("/en/article-7-reports/khm/initial/")
    assert response.context["report"] == initial
    assert "<h1>Article 7 report of Cambodia, initial report</h1>" in response.content.decode()


def test_listed_and_in_the_sitemap_with_its_languages(record):
    published_report(record.states["KHM"])
    html = Client().get("/fr/article-7-reports/").content.decode()
    assert '<a href="/fr/article-7-reports/KHM/2025/">Cambodge</a>' in html
    xml = Client().get("/sitemap.xml").content.decode()
    entry = next(
        part
        for part in xml.split("<url>")
        if "<loc>http://testserver/es/article-7-reports/KHM" in part
    )
    assert re.findall(r'hreflang="(\w+)" href="([^"]+)"', entry) == [
        (language, f"http://testserver/{language}/article-7-reports/KHM/2025/")
        for language in ("en", "fr", "es")
    ]
    html = Client().get(PAGE.format(language="es")).content.decode()
    assert '<link rel="canonical" href="http://testserver/es/article-7-reports/KHM/2025/">' in html


def test_the_page_reads_the_same_queries_however_long_the_report(record):
    cambodia, peru = record.states["KHM"], record.states["PER"]
    published_report(cambodia, rows=2)
    published_report(peru, rows=20)
    Client().get(PAGE.format(language="en"))  # what a process reads once (content types)
    short = queries_for(Client(), PAGE.format(language="en"))
    long = queries_for(Client(), "/en/article-7-reports/PER/2025/")
    assert len(short) == len(long)
