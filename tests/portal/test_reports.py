"""A reporter's Article 7 reports: the next one started from last year's, each form confirmed
or edited with article7's section forms, the changes since last year, explicit saves with a
conflict (409) when two reporters of one State edit at once, submission with its receipt, a
correction; a reporter of another State sees none of it until it is published."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from article7 import services as article7_services
from article7.models import Report, RetainedMine
from article7.services import SectionData
from article7.tasks import send_receipt
from reporting import services as reporting_services
from tests.factories import ReporterFactory, StatePartyFactory, UserFactory
from tests.utils import log_in_client

pytestmark = pytest.mark.django_db

D_2024 = SectionData(
    rows=(
        {
            "mine_type": "PMN-2",
            "institution": "CMAC",
            "at_start": 100,
            "used_or_destroyed": 20,
            "received": 0,
            "transferred": 0,
            "at_end": 80,
        },
    )
)


def _fill(report, by, **sections: SectionData):
    for code in "ABCDEFGHI":
        report = article7_services.save_section(
            report=report,
            code=code,
            data=sections.get(code, SectionData()),
            expected_revision=report.revision,
            by=by,
        )
    return report


@pytest.fixture
def cambodia():
    state = StatePartyFactory(iso3="KHM", name="Cambodia")
    reporting_services.sync_expected_reports([state], through_year=2026)
    return state


@pytest.fixture
def reporter(cambodia):
    return ReporterFactory(state=cambodia, user__username="sokha", user__email="sokha@mfa.example")


@pytest.fixture
def last_year(cambodia):
    staff = UserFactory(role="isu_staff")
    report = article7_services.start_report(
        state=cambodia, year_covered=2024, by=staff, language="en"
    )
    report = _fill(report, staff, D=D_2024)
    return article7_services.submit(
        report=report,
        official_name="Sok Chea",
        official_function="Director",
        confirm_warnings=True,
        by=staff,
    )


def _form_d(report, at_end: int, revision: int | None = None) -> dict:
    return {
        "section-revision": report.revision if revision is None else revision,
        "section-narrative": "",
        "section-explanation": "",
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "1",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
        "rows-0-mine_type": "PMN-2",
        "rows-0-lot_numbers": "",
        "rows-0-institution": "CMAC",
        "rows-0-purpose": "",
        "rows-0-at_start": "80",
        "rows-0-used_or_destroyed": "10",
        "rows-0-received": "0",
        "rows-0-transferred": "0",
        "rows-0-at_end": str(at_end),
    }


def test_a_reporter_starts_the_next_report_from_last_year_edits_and_submits(
    reporter, last_year, django_capture_on_commit_callbacks
):
    client = log_in_client(Client(), reporter.user)
    home = client.get("/portal/").content.decode()
    assert "Start the next report" in home and last_year.receipt_number in home
    response = client.post("/portal/reports/start/", {"year_covered": 2025, "language": "en"})
    report = Report.objects.get(year_covered=2025)
    assert response["Location"] == f"/portal/reports/{report.pk}/"
    assert report.previous == last_year
    page = client.get(f"/portal/reports/{report.pk}/forms/D/").content.decode()
    assert 'value="80"' in page  # last year's end is this year's start
    # Saved (a draft may hold errors), with the error under the end-of-year field.
    wrong = client.post(
        f"/portal/reports/{report.pk}/forms/D/", _form_d(report, at_end=75), follow=True
    )
    assert (
        '<ul class="errorlist" id="rows-0-at_end-errors"><li>The figures do not add up: 80 at '
        "the start, minus 10 used or destroyed, plus 0 received, minus 0 transferred leaves 70 "
        "at the end of the year, not 75.</li></ul>"
    ) in wrong.content.decode()
    report.refresh_from_db()
    saved = client.post(f"/portal/reports/{report.pk}/forms/D/", _form_d(report, at_end=70))
    assert saved["Location"] == f"/portal/reports/{report.pk}/forms/D/"
    assert "errorlist" not in client.get(saved["Location"]).content.decode()
    report.refresh_from_db()
    for code in "ABCEFGHI":
        client.post(
            f"/portal/reports/{report.pk}/forms/{code}/unchanged/", {"revision": report.revision}
        )
        report.refresh_from_db()
    review = client.get(f"/portal/reports/{report.pk}/review/").content.decode()
    assert "Compared with" in review
    with django_capture_on_commit_callbacks() as callbacks:
        submitted = client.post(
            f"/portal/reports/{report.pk}/submit/",
            {
                "official_name": "Sokha Chan",
                "official_function": "Deputy Director",
                "confirm_warnings": "on",
            },
        )
    report.refresh_from_db()
    assert submitted["Location"] == f"/portal/reports/{report.pk}/"
    assert report.status == "submitted" and report.receipt_number
    page = client.get(f"/portal/reports/{report.pk}/").content.decode()
    assert report.receipt_number in page and "Sokha Chan, Deputy Director" in page
    # The receipt goes to the submitting reporter through the mail worker, after commit.
    assert [c for c in callbacks if "queue_receipt" in c.__qualname__] != []
    assert send_receipt(report_id=report.pk, address="sokha@mfa.example") is True
    assert [message.to for message in mail.outbox] == [["sokha@mfa.example"]]
    # A correction is a new version.
    corrected = client.post(f"/portal/reports/{report.pk}/correction/")
    correction = Report.objects.get(year_covered=2025, version=2)
    assert corrected["Location"] == f"/portal/reports/{correction.pk}/"


def test_two_reporters_saving_at_once_get_a_conflict_never_a_silent_overwrite(
    reporter, last_year, cambodia
):
    colleague = ReporterFactory(state=cambodia)
    report = article7_services.start_report(
        state=cambodia, year_covered=2025, by=reporter.user, language="en"
    )
    opened_at = report.revision
    first = log_in_client(Client(), reporter.user)
    second = log_in_client(Client(), colleague.user)
    url = f"/portal/reports/{report.pk}/forms/D/"
    assert first.post(url, _form_d(report, 70, opened_at)).status_code == 302
    clash = second.post(url, _form_d(report, 71, opened_at))
    assert clash.status_code == 409
    assert "Someone else saved this report while you were editing it" in clash.content.decode()
    assert RetainedMine.objects.get(report=report).at_end == 70


def test_a_reporter_of_another_state_sees_nothing_until_published(reporter, last_year, cambodia):
    peru = ReporterFactory(state=StatePartyFactory(iso3="PER", name="Peru"))
    draft = article7_services.start_report(
        state=cambodia, year_covered=2025, by=reporter.user, language="en"
    )
    other = log_in_client(Client(), peru.user)
    for url in (
        f"/portal/reports/{draft.pk}/",
        f"/portal/reports/{draft.pk}/review/",
        f"/portal/reports/{last_year.pk}/",
    ):
        assert other.get(url).status_code == 404, url
    assert other.get(f"/portal/reports/{draft.pk}/forms/D/").status_code == 404
    assert "Cambodia" not in other.get("/portal/reports/published/").content.decode()
    article7_services.publish(report=last_year, by=UserFactory(role="isu_staff"))
    assert other.get(f"/portal/reports/{last_year.pk}/").status_code == 200
    assert "Cambodia" in other.get("/portal/reports/published/").content.decode()
    # Read only: no form, no correction.
    page = other.get(f"/portal/reports/{last_year.pk}/").content.decode()
    assert "Start a correction" not in page
    assert other.post(f"/portal/reports/{last_year.pk}/correction/").status_code == 403


def test_no_query_runs_while_the_reporters_pages_render(reporter, last_year, cambodia):
    from tests.utils import RenderingQueries

    draft = article7_services.start_report(
        state=cambodia, year_covered=2025, by=reporter.user, language="en"
    )
    client = log_in_client(Client(), reporter.user)
    for url in (
        "/portal/",
        "/portal/reports/published/",
        f"/portal/reports/{draft.pk}/",
        f"/portal/reports/{draft.pk}/forms/D/",
        f"/portal/reports/{draft.pk}/review/",
        f"/portal/reports/{last_year.pk}/",
    ):
        with RenderingQueries() as rendering:
            response = client.get(url)
        assert response.status_code == 200, url
        assert rendering.queries == [], url
