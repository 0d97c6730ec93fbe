"""A report's annexes: added through the content-checked upload path and removed by whoever
writes the draft (a reporter of its State in the portal, ISU staff on their pages), listed on
the report and review pages (an htmx partial), frozen once submitted (a correction copies
them), downloaded through a permission-checked view: the State's reporters and staff, then
anyone once the report is published."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from article7 import services
from article7.models import Annex
from tests.factories import ReporterFactory, StatePartyFactory
from tests.utils import RenderingQueries, log_in_client, queries_for

from .conftest import fill

pytestmark = pytest.mark.django_db

MAP = b"%PDF-1.4\n% map of the remaining mined areas of Battambang\n%%EOF\n"
#: htmx asks for the annexes partial.
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "annexes"}
#: Form D as it was at the end of the previous year: the draft can be submitted.
KEPT_D = services.SectionData(rows=({"mine_type": "PMN-2", "at_start": 80, "at_end": 80},))


def _upload(name: str = "map.pdf", content: bytes = MAP) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _add(report, by, title: str = "Map of Battambang") -> Annex:
    return services.add_annex(
        report=report, title=title, section="C", file=ContentFile(MAP, name="map.pdf"), by=by
    )


def _submitted(draft, by):
    return services.submit(
        report=fill(draft, by, D=KEPT_D),
        official_name="Sok Chea",
        official_function="Director",
        confirm_warnings=True,
        by=by,
    )


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def draft(report_2024, submitter):
    return services.start_report(state=report_2024.state, year_covered=2025, by=submitter)


@pytest.fixture
def reporter(cambodia):
    return log_in_client(Client(), ReporterFactory(state=cambodia, user__username="sokha").user)


@pytest.fixture
def peru_reporter():
    peru = StatePartyFactory(iso3="PER", name="Peru")
    return log_in_client(Client(), ReporterFactory(state=peru, user__username="quispe").user)


def test_a_reporter_adds_lists_downloads_and_removes_an_annex_of_their_draft(reporter, draft):
    response = reporter.post(
        f"/portal/reports/{draft.pk}/annexes/",
        {"title": "Map of Battambang", "section": "C", "file": _upload()},
        **HTMX,
    )
    assert response.status_code == 200
    annex = Annex.objects.get(report=draft)
    assert (annex.title, annex.section) == ("Map of Battambang", "C")
    with annex.file.open("rb") as stored:
        assert stored.read() == MAP
    link = f'<a href="/article7/annexes/{annex.pk}/">Map of Battambang</a>'
    partial = response.content.decode()
    assert partial.lstrip().startswith('<section id="annexes"')
    assert link in partial
    for page in (f"/portal/reports/{draft.pk}/", f"/portal/reports/{draft.pk}/review/"):
        assert link in reporter.get(page).content.decode(), page
    download = reporter.get(f"/article7/annexes/{annex.pk}/")
    assert (download.status_code, download["Content-Type"], _body(download)) == (
        200,
        "application/pdf",
        MAP,
    )
    assert download["Content-Disposition"].startswith("attachment; filename=")
    removed = reporter.post(
        f"/portal/reports/{draft.pk}/annexes/remove/", {"annex": annex.pk}, **HTMX
    )
    assert removed.status_code == 200
    assert '<p class="empty">No annex.</p>' in removed.content.decode()
    assert list(Annex.objects.filter(report=draft)) == []


def test_a_file_that_is_not_what_its_name_says_is_refused_next_to_the_field(reporter, draft):
    response = reporter.post(
        f"/portal/reports/{draft.pk}/annexes/",
        {"title": "Map", "section": "", "file": _upload(content=b"just some words\n" * 20)},
        **HTMX,
    )
    assert response.status_code == 400
    assert (
        "The file is named .pdf but its content is not a PDF document (it looks like .txt); "
        "save it again as PDF and upload that."
    ) in response.content.decode()
    assert Annex.objects.count() == 0


def test_isu_staff_add_an_annex_from_the_report_page_without_htmx(staff_client, draft):
    url = f"/article7/{draft.pk}/annexes/"
    response = staff_client.post(url, {"title": "Law", "section": "A", "file": _upload("law.pdf")})
    assert response["Location"] == f"/article7/{draft.pk}/"
    page = staff_client.get(response["Location"]).content.decode()
    assert "The annex “Law” was added." in page
    annex = Annex.objects.get(report=draft)
    assert f'<a href="/article7/annexes/{annex.pk}/">Law</a>' in page
    # Without a title: the report's page again, the error under the field (400).
    refused = staff_client.post(url, {"title": "", "section": "A", "file": _upload("law.pdf")})
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    assert Annex.objects.count() == 1


def test_a_submitted_reports_annexes_are_frozen_and_a_correction_copies_them(
    staff_client, draft, submitter
):
    annex = _add(draft, submitter)
    report = _submitted(draft, submitter)
    frozen = "This report was submitted and can no longer be changed; start a correction."
    added = staff_client.post(
        f"/article7/{report.pk}/annexes/", {"title": "Late", "file": _upload()}, **HTMX
    )
    assert added.status_code == 400 and frozen in added.content.decode()
    removed = staff_client.post(
        f"/article7/{report.pk}/annexes/remove/", {"annex": annex.pk}, **HTMX
    )
    assert removed.status_code == 400 and frozen in removed.content.decode()
    assert list(Annex.objects.values_list("report", "title")) == [(report.pk, "Map of Battambang")]
    # Read only: no upload form, no remove button.
    page = staff_client.get(f"/article7/{report.pk}/").content.decode()
    assert "Map of Battambang" in page
    assert f"/article7/{report.pk}/annexes/" not in page
    correction = services.start_correction(report=report, by=submitter)
    (copy,) = Annex.objects.filter(report=correction)
    assert (copy.title, copy.section) == ("Map of Battambang", "C")
    with copy.file.open("rb") as stored:
        assert stored.read() == MAP


def test_an_annex_is_read_by_its_states_reporters_and_staff_then_by_anyone_once_published(
    draft, submitter, reporter, peru_reporter, staff_client, observer_client
):
    annex = _add(draft, submitter)
    url = f"/article7/annexes/{annex.pk}/"
    assert _body(reporter.get(url)) == MAP
    assert _body(staff_client.get(url)) == MAP
    for client in (peru_reporter, observer_client, Client()):
        assert client.get(url).status_code == 404
    # Another State's reporter neither adds nor removes one.
    attempts = (("remove/", {"annex": annex.pk}), ("", {"title": "Map", "file": _upload()}))
    for action, data in attempts:
        response = peru_reporter.post(f"/portal/reports/{draft.pk}/annexes/{action}", data)
        assert response.status_code == 404
    assert list(Annex.objects.values_list("pk", flat=True)) == [annex.pk]
    report = _submitted(draft, submitter)
    services.publish(report=report, by=submitter)
    answers = [client.get(url) for client in (peru_reporter, observer_client, Client())]
    assert [response.status_code for response in answers] == [200, 200, 200]
    assert [_body(response) for response in answers] == [MAP, MAP, MAP]


def test_the_report_page_runs_as_many_queries_for_many_annexes(reporter, draft, submitter):
    url = f"/portal/reports/{draft.pk}/"
    _add(draft, submitter)
    few = len(queries_for(reporter, url))
    for number in range(6):
        _add(draft, submitter, title=f"Photograph {number}")
    assert len(queries_for(reporter, url)) == few
    with RenderingQueries() as rendering:
        assert reporter.get(url).status_code == 200
    assert rendering.queries == []
