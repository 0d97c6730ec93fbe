"""The ISU's pages for online Article 7 reports."""

from __future__ import annotations

import pytest
from django.test import Client

from article7 import services
from article7.comparison import changes_since_previous
from article7.models import FormSection, Report
from tests.factories import StatePartyFactory
from tests.utils import log_in_client, queries_for

from .conftest import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(report_2024, submitter):
    return services.start_report(state=report_2024.state, year_covered=2025, by=submitter)


def _d_post(report, at_end: int, revision: int | None = None) -> dict:
    return {
        "section-revision": report.revision if revision is None else revision,
        "section-narrative": "Mines retained for training.",
        "section-explanation": "",
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "1",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
        "rows-0-mine_type": "PMN-2",
        "rows-0-lot_numbers": "",
        "rows-0-institution": "CMAC",
        "rows-0-purpose": "Training",
        "rows-0-at_start": "80",
        "rows-0-used_or_destroyed": "5",
        "rows-0-received": "0",
        "rows-0-transferred": "0",
        "rows-0-at_end": str(at_end),
    }


def test_form_d_shows_the_arithmetic_error_next_to_the_field(staff_client, draft):
    url = f"/article7/{draft.pk}/forms/D/"
    page = staff_client.get(url).content.decode()
    assert 'name="rows-0-at_start" value="80"' in page
    response = staff_client.post(url, _d_post(draft, at_end=80), follow=True)
    page = response.content.decode()
    # Saved (a draft may hold errors), and the error sits under the end-of-year field.
    assert FormSection.objects.get(report=draft, code="D").status == "edited"
    error = (
        '<ul class="errorlist" id="rows-0-at_end-errors"><li>The figures do not add up: 80 at '
        "the start, minus 5 used or destroyed, plus 0 received, minus 0 transferred leaves 75 "
        "at the end of the year, not 80.</li></ul>"
    )
    assert error in page
    draft.refresh_from_db()
    response = staff_client.post(url, _d_post(draft, at_end=75), follow=True)
    assert "errorlist" not in response.content.decode()


def test_a_negative_number_is_refused_with_a_message_next_to_it(staff_client, draft):
    data = _d_post(draft, at_end=75)
    data["rows-0-received"] = "-3"
    response = staff_client.post(f"/article7/{draft.pk}/forms/D/", data)
    assert response.status_code == 400
    assert (
        '<ul class="errorlist" id="rows-0-received-errors"><li>Enter a whole number of zero or '
        "more.</li></ul>" in response.content.decode()
    )


def test_a_save_from_an_old_revision_is_a_conflict(staff_client, draft):
    old = draft.revision
    staff_client.post(f"/article7/{draft.pk}/forms/D/", _d_post(draft, at_end=75))
    response = staff_client.post(f"/article7/{draft.pk}/forms/D/", _d_post(draft, 70, old))
    assert response.status_code == 409
    assert "Someone else saved this report while you were editing it" in response.content.decode()
    assert Report.objects.get(pk=draft.pk).revision == old + 1


def test_confirm_unchanged_submit_acknowledge_publish(staff_client, draft, staff_user):
    response = staff_client.post(
        f"/article7/{draft.pk}/forms/E/unchanged/", {"revision": draft.revision}, follow=True
    )
    assert "No change since the report covering 2024." in response.content.decode()
    kept = services.SectionData(rows=({"mine_type": "PMN-2", "at_start": 80, "at_end": 80},))
    report = fill(Report.objects.get(pk=draft.pk), staff_user, D=kept)
    response = staff_client.post(
        f"/article7/{report.pk}/submit/",
        {"official_name": "Sok Chea", "official_function": "Director"},
        follow=True,
    )
    report.refresh_from_db()
    assert report.status == "submitted"
    assert f"The report was submitted: receipt {report.receipt_number}." in (
        response.content.decode()
    )
    staff_client.post(f"/article7/{report.pk}/acknowledge/")
    staff_client.post(f"/article7/{report.pk}/publish/")
    report.refresh_from_db()
    assert report.status == "published"


def test_submission_with_errors_lists_them(staff_client, draft):
    response = staff_client.post(
        f"/article7/{draft.pk}/submit/", {"official_name": "Sok", "official_function": "Director"}
    )
    assert response.status_code == 400
    assert "Form A: Form A has been neither edited nor confirmed unchanged." in (
        response.content.decode()
    )


def test_start_a_report_for_a_state(staff_client):
    peru = StatePartyFactory(iso3="PER", name="Peru")
    response = staff_client.post(
        "/article7/new/", {"state": peru.pk, "year_covered": "2025", "language": "es"}
    )
    report = Report.objects.get(state=peru)
    assert response["Location"] == f"/article7/{report.pk}/"
    assert (report.year_covered, report.language, report.sections.count()) == (2025, "es", 10)
    response = staff_client.post(
        "/article7/new/", {"state": peru.pk, "year_covered": "2025", "language": "es"}
    )
    assert response.status_code == 400
    assert "Peru already has a report covering 2025; open it instead." in (
        response.content.decode()
    )


def test_review_shows_what_changed_since_last_year(staff_client, draft, staff_user):
    services.save_section(
        report=draft,
        code="D",
        data=services.SectionData(
            rows=({"mine_type": "PMN-2", "at_start": 80, "used_or_destroyed": 5, "at_end": 75},)
        ),
        expected_revision=draft.revision,
        by=staff_user,
    )
    changes = changes_since_previous(draft)
    assert [(c.kind, c.field, c.before, c.after) for c in changes["D"]] == [
        ("changed", "institution", "CMAC", ""),
        ("changed", "at_start", 100, 80),
        ("changed", "used_or_destroyed", 20, 5),
        ("changed", "at_end", 80, 75),
    ]
    page = staff_client.get(f"/article7/{draft.pk}/review/").content.decode()
    assert "retained at the end of the year" in page


def test_the_list_runs_as_many_queries_for_many_reports(staff_client, staff_user):
    def add(count: int, start: int) -> None:
        for index in range(start, start + count):
            state = StatePartyFactory(iso3=f"Z{index // 26 % 26 + 65:c}{index % 26 + 65:c}")
            services.start_report(state=state, year_covered=2025, by=staff_user)

    add(2, 0)
    few = len(queries_for(staff_client, "/article7/"))
    add(20, 2)
    assert len(queries_for(staff_client, "/article7/")) == few


def test_others_do_not_reach_a_draft(draft, observer_user, committee_user):
    for user in (observer_user, committee_user):
        client = log_in_client(Client(), user)
        assert client.get(f"/article7/{draft.pk}/").status_code == 404
        assert client.get(f"/article7/{draft.pk}/forms/A/").status_code == 404
        assert client.get("/article7/").status_code == 403
