"""Published reports for everyone: the list by State and year, the PDF laid out as Forms A to
J in the report's language, the data as JSON and CSV; the API; the committees' figures."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from article7 import services
from article7.models import Report
from article7.pdf import pdf_context
from documents.pdf import render_source
from tests.factories import UserFactory
from tests.pdf_text import read_back
from tests.utils import log_in_client

from .conftest import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(report_2024, staff_user):
    return services.publish(report=report_2024, by=staff_user)


def test_published_reports_are_listed_by_the_public_site_with_their_data_for_anyone(
    published, cambodia, submitter
):
    draft = services.start_report(state=cambodia, year_covered=2025, by=submitter)
    # The list is the public website's: the old address leads there.
    response = Client().get("/article7/published/")
    assert (response.status_code, response["Location"]) == (302, "/en/article-7-reports/")
    page = Client().get("/en/article-7-reports/").content.decode()
    assert "Cambodia" in page and "2024" in page
    assert Client().get(f"/article7/published/{draft.pk}/json/").status_code == 404
    data = json.loads(Client().get(f"/article7/published/{published.pk}/json/").content)
    assert data["sections"]["D"]["rows"][0]["at_end"] == 80
    assert "context" not in data
    body = b"".join(Client().get(f"/article7/published/{published.pk}/csv/").streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["state", "year_covered", "version", "form", "row", "field", "value"]
    assert ["KHM", "2024", "1", "D", "1", "at_end", "80"] in rows
    # No PDF yet (the worker renders it): a page that says so.
    assert Client().get(f"/article7/published/{published.pk}/pdf/").status_code == 202


@pytest.mark.slow
def test_the_pdf_lays_out_every_form_in_the_reports_language(report_2024, tmp_path):
    Report.objects.filter(pk=report_2024.pk).update(language="fr")
    report = Report.objects.get(pk=report_2024.pk)
    path = tmp_path / "report.pdf"
    path.write_bytes(render_source(report.pdf_source()).content)
    text = " ".join(page.body for page in read_back(path))
    for title in (
        "Formulaire A",
        "Formulaire D",
        "Formulaire J",
    ):
        assert title in text, title
    assert "CMAC" in text
    assert len(pdf_context(report)["sections"]) == 10


def test_the_api_accepts_a_report_as_json_with_the_same_checks(cambodia, submitter):
    staff = UserFactory(role="isu_staff")
    client = log_in_client(Client(), staff)
    body = {
        "state": "KHM",
        "year_covered": 2024,
        "language": "en",
        "sections": {
            "D": {
                "rows": [
                    {"mine_type": "PMN-2", "at_start": 10, "used_or_destroyed": 1, "at_end": 10}
                ]
            }
        },
    }
    response = client.post("/api/article7-reports/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    answer = response.json()
    assert [(f["code"], f["section"], f["row"], f["field"]) for f in answer["findings"]] == [
        ("section_not_confirmed", "A", None, ""),
        ("section_not_confirmed", "B", None, ""),
        ("section_not_confirmed", "C", None, ""),
        ("retained_arithmetic", "D", 0, "at_end"),
        ("section_not_confirmed", "E", None, ""),
        ("section_not_confirmed", "F", None, ""),
        ("section_not_confirmed", "G", None, ""),
        ("section_not_confirmed", "H", None, ""),
        ("section_not_confirmed", "I", None, ""),
    ]
    body["submit"] = {"official_name": "Sok", "official_function": "Director"}
    body["revision"] = answer["report"]["revision"]
    response = client.post("/api/article7-reports/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "The report has errors to correct before it can be submitted."
    )
    # A stale revision is a conflict.
    response = client.post("/api/article7-reports/", body, content_type="application/json")
    assert response.status_code == 409
    # Junk is a 400 naming the problem, never a 500.
    response = client.post(
        "/api/article7-reports/",
        {"state": "KHM", "year_covered": 2024, "sections": {"D": {"rows": "many"}}},
        content_type="application/json",
    )
    assert (response.status_code, response.json()) == (
        400,
        {"sections.D.rows": ["Expected a list of items."]},
    )
    # Observers may not write a State's report.
    observer = log_in_client(Client(), UserFactory(role="observer"))
    response = observer.post("/api/article7-reports/", body, content_type="application/json")
    assert response.status_code == 403


def test_the_committees_see_the_figures(report_2024, cambodia, submitter, staff_client):
    from article7.dashboards import figure_rows, yearly_totals

    later = services.start_report(state=cambodia, year_covered=2025, by=submitter)
    later = fill(
        later,
        submitter,
        D=services.SectionData(
            rows=({"mine_type": "PMN-2", "at_start": 80, "used_or_destroyed": 30, "at_end": 50},)
        ),
        C=services.SectionData(rows=({"location": "Battambang", "area_m2": 4000},)),
    )
    services.submit(
        report=later,
        official_name="Sok",
        official_function="Director",
        confirm_warnings=True,
        by=submitter,
    )
    assert [
        (row["year"], row["reports"], row["retained"], row["mined_area"])
        for row in yearly_totals(2024, 2025)
    ] == [
        (2024, 1, 80, 5000),
        (2025, 1, 50, 4000),
    ]
    assert [row[:3] + row[-2:] for row in figure_rows()] == [
        ("KHM", "Cambodia", 2024, 80, 5000),
        ("KHM", "Cambodia", 2025, 50, 4000),
    ]
    body = b"".join(staff_client.get("/article7/figures/").streaming_content).decode()
    assert body.splitlines()[0] == (
        "iso3,state,year_covered,version,status,stockpile,destroyed_article4,"
        "destroyed_article5,retained,mined_area"
    )
