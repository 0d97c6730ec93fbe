"""The document pages: creating a draft, the workflow buttons by role, versions and their
diff, other kinds of document, and the rendering jobs' edge cases."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from activities import services as activity_services
from activities.models import Activity
from committees.models import Committee
from documents import services
from documents.models import Document, RenderJob
from documents.tasks import claim, run_job
from reporting import services as reporting_services
from reporting.models import Article9Record, Submission
from tests.activity_fixtures import DOCUMENT_DATE
from tests.documents.test_pdf import pdf_text
from tests.factories import StatePartyFactory
from tests.pdf_text import stored_path

pytestmark = pytest.mark.django_db


def _create(committee, user, kind="activities-priorities", symbol="S/1", **fields) -> Document:
    return services.create_document(
        Document(
            committee=committee,
            kind=kind,
            period="2025-2026",
            date=DOCUMENT_DATE,
            symbol=symbol,
            **fields,
        ),
        user,
    )


def test_staff_create_a_draft_from_the_form(ccc_year, people):
    client = people.client("staff")
    form = client.get("/documents/new/?committee=CCC&kind=activities-priorities")
    assert form.context["form"].initial["committee"] == ccc_year
    response = client.post(
        "/documents/new/",
        {
            "committee": ccc_year.pk,
            "kind": "activities-priorities",
            "period": "2031-2032",
            "date": "2025-11-20",
            "language": "en",
            "symbol": "APLC/X",
            "visibility": "public",
        },
    )
    assert response.context["form"].errors == {
        "date": [
            "The period 2031-2032 starts at the close of the Meeting or Review Conference held "
            "in 2030; record that meeting first."
        ]
    }
    response = client.post(
        "/documents/new/",
        {
            "committee": ccc_year.pk,
            "kind": "activities-priorities",
            "period": "2025-2026",
            "date": "2025-11-20",
            "language": "fr",
            "symbol": "APLC/X",
            "visibility": "public",
        },
        follow=True,
    )
    document = Document.objects.get()
    assert response.redirect_chain == [(f"/documents/{document.pk}/", 302)]
    assert "The draft was assembled: 12 paragraphs." in response.content.decode()
    assert document.language == "fr"
    for who in ("ccc_member", "observer"):
        assert people.client(who).get("/documents/new/").status_code == 403


def test_the_chair_approves_from_the_page_and_members_cannot(people, seat, november_2025):
    ca5 = Committee.objects.get(code="CA5")
    activity_services.save_activity(
        Activity(
            committee=ca5,
            date=date(2025, 3, 3),
            kind="meeting",
            text="A meeting.",
            visibility="public",
        )
    )
    document = _create(ca5, people.staff)
    services.submit_to_chair(document, people.staff)
    url = f"/documents/{document.pk}/workflow/approve/"
    assert people.client("ca5_member").post(url).status_code == 403
    assert people.client("ccc_member").post(url).status_code == 404  # not their committee
    assert people.client("observer").post(url).status_code == 404
    page = people.client("ca5_chair").get(f"/documents/{document.pk}/").content.decode()
    assert "Approve" in page
    assert "Submit to the Chair" not in page
    response = people.client("ca5_chair").post(url, follow=True)
    assert "The document was approved." in response.content.decode()
    document.refresh_from_db()
    assert document.status == "approved"
    again = people.client("ca5_chair").post(url, follow=True)
    assert "A document that is approved cannot be approved." in again.content.decode()
    assert (
        people.client("staff").post(f"/documents/{document.pk}/workflow/nonsense/").status_code
        == 404
    )


def test_versions_and_the_changes_since_the_last_one(ccc_year, people, media_root):
    client = people.client("staff")
    document = _create(ccc_year, people.staff)
    for action in ("submit", "approve", "publish"):
        assert client.post(f"/documents/{document.pk}/workflow/{action}/").status_code == 302
    client.post(f"/documents/{document.pk}/workflow/reopen/")
    paragraph = document.paragraphs.get(section="priorities", position=4)
    response = client.post(
        f"/documents/{document.pk}/paragraphs/{paragraph.pk}/",
        {f"paragraph-{paragraph.pk}-text": "Report on its activities to the 23rd Meeting."},
    )
    assert response.status_code == 302
    changes = client.get(f"/documents/{document.pk}/changes/").content.decode()
    assert "<del>Twenty-Third</del><ins>23rd</ins>" in changes
    for action in ("submit", "approve", "publish"):
        client.post(f"/documents/{document.pk}/workflow/{action}/")
    page = client.get(f"/documents/{document.pk}/versions/2/").content.decode()
    assert "Changes since version 1" in page
    assert "0 added, 0 removed, 1 changed." in page
    first = client.get(f"/documents/{document.pk}/versions/1/").content.decode()
    assert "There is no earlier version to compare with." in first


def test_written_sections_continue_the_numbering(ccc_year, people):
    document = _create(ccc_year, people.staff, kind="conclusions-recommendations")
    services.add_paragraph(document, "recommendations", "Keep reporting.")
    services.add_paragraph(document, "conclusions", "Reporting improved.")
    snapshot = services.snapshot(document)
    assert [
        (section["number"], section["heading"], [p["number"] for p in section["paragraphs"]])
        for section in snapshot["sections"]
    ] == [
        ("I", "Activities of the Committee", [1, 2, 3, 4, 5, 6, 7, 8]),
        ("II", "Conclusions", [9]),
        ("III", "Recommendations", [10]),
    ]
    assert snapshot["title"] == "Conclusions and recommendations 2025-2026"


def test_the_article7_status_table_reuses_the_reporting_queries(
    ccc_year, people, media_root, november_2025
):
    angola = StatePartyFactory(
        iso3="AGO", name="Angola", deposit_date=date(2019, 1, 10), has_mined_areas=True
    )
    belgium = StatePartyFactory(iso3="BEL", name="Belgium", deposit_date=date(2019, 1, 10))
    reporting_services.sync_expected_reports([angola, belgium], through_year=2024)
    for year in range(2019, 2025):
        reporting_services.save_submission(
            Submission(state=belgium, year=year, received_on=date(year + 1, 4, 1))
        )
    reporting_services.save_article9_record(
        Article9Record(state=belgium, as_of=date(2024, 1, 1), status="legislation_adopted")
    )
    document = _create(ccc_year, people.staff, kind="article7-status", symbol="APLC/A7")
    job = run_job(services.request_pdf(document).pk)
    assert job.status == "done", job.error
    text = " ".join(pdf_text(stored_path(job.output)).split())
    assert "Article 7 reporting status 2025-2026" in text
    assert "Status of Article 7 transparency reports as of 20 November 2025." in text
    assert "States Parties with overdue reports" in text
    overdue = text[text.index("States Parties with overdue reports") :]
    assert "Angola" in overdue[: overdue.index("Outstanding Article 9 measures")]
    assert "Belgium" not in overdue[: overdue.index("Outstanding Article 9 measures")]
    article9 = text[text.index("Outstanding Article 9 measures") :]
    assert "Angola Nothing reported" in article9
    assert "Belgium" not in article9
    assert "Article 7 reporting rate per year" not in text  # the chart's title is for screens
    assert "2024" in text  # a year of the chart and its table


# --- rendering jobs --------------------------------------------------------------------------


def test_a_failed_rendering_says_why_and_can_be_tried_again(ccc_year, people, media_root):
    document = _create(ccc_year, people.staff)
    job = services.request_pdf(document)
    Document.objects.filter(pk=document.pk).update(kind="minutes")  # no such kind
    job = run_job(job.pk)
    assert job.status == "failed"
    assert job.error == "ValueError: 'minutes' is not a valid DocumentKind"
    client = people.client("staff")
    status = client.get(f"/documents/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "The PDF could not be made." in status
    assert "Try again" in status
    Document.objects.filter(pk=document.pk).update(kind="activities-priorities")
    retried = client.post(f"/documents/jobs/{job.pk}/retry/", HTTP_HX_REQUEST="true")
    new_job = RenderJob.objects.exclude(pk=job.pk).get()
    assert f'id="render-job-{new_job.pk}"' in retried.content.decode()
    assert 'hx-trigger="every 1s"' in retried.content.decode()  # polled until it is done
    assert run_job(new_job.pk).status == "done"
    done = client.get(f"/documents/jobs/{new_job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in done
    assert "Download the PDF" in done


def test_a_job_is_claimed_once_and_a_stale_claim_is_taken_over(ccc_year, people):
    document = _create(ccc_year, people.staff)
    job = services.request_pdf(document)
    assert claim(job.pk) is True
    assert claim(job.pk) is False  # a redelivered task leaves a live worker's job alone
    assert run_job(job.pk) is None
    RenderJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(minutes=11))
    assert claim(job.pk) is True  # its worker died: another takes it
    RenderJob.objects.filter(pk=job.pk).update(status="done")
    assert claim(job.pk) is False


def test_an_unreachable_broker_leaves_the_job_queued_with_a_message(ccc_year, people):
    class UnreachableBroker:
        def delay(self, job_id):
            raise ConnectionError("Redis is down")

    document = _create(ccc_year, people.staff)
    job = RenderJob.objects.create(content_type_id=_content_type(document), object_id=document.pk)
    services.enqueue(job.pk, UnreachableBroker())
    job.refresh_from_db()
    assert (job.status, job.error) == (
        "queued",
        "The background worker could not be reached; try again in a moment.",
    )


def _content_type(instance) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(instance).pk
