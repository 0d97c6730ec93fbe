"""Renderings are bounded: one job in flight per record (a second request joins it), an hourly
limit of new renderings per user, and the PDF and e-mail work on queues of their own."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from config.celery import app, queue_names, route_task
from documents import services
from documents.models import Document, RenderJob
from tests.activity_fixtures import DOCUMENT_DATE

pytestmark = pytest.mark.django_db


def _draft(committee, user) -> Document:
    return services.create_document(
        Document(
            committee=committee,
            kind="activities-priorities",
            period="2025-2026",
            date=DOCUMENT_DATE,
            symbol="APLC/CCC/2025/WP.1",
        ),
        user,
    )


def _published_version(committee, staff):
    document = _draft(committee, staff)
    services.submit_to_chair(document, staff)
    services.approve(document, staff)
    version = services.publish(document, staff)
    version.render_jobs.update(status="failed", error="WeasyPrint ran out of memory")
    return version


def test_a_second_request_joins_the_rendering_in_flight(
    ccc_year, people, django_capture_on_commit_callbacks
):
    document = _draft(ccc_year, people.staff)
    client = people.client("staff")
    with django_capture_on_commit_callbacks() as queued:
        first = client.post(f"/documents/{document.pk}/pdf/", HTTP_HX_REQUEST="true")
        second = client.post(f"/documents/{document.pk}/pdf/", HTTP_HX_REQUEST="true")
    job = RenderJob.objects.get()
    assert (first.status_code, second.status_code) == (200, 200)
    assert f'id="render-job-{job.pk}"' in first.content.decode()
    assert f'id="render-job-{job.pk}"' in second.content.decode()
    assert len(queued) == 1  # one task on the broker

    # Once it is done, asking again makes a new one.
    RenderJob.objects.filter(pk=job.pk).update(status="done")
    client.post(f"/documents/{document.pk}/pdf/", HTTP_HX_REQUEST="true")
    assert RenderJob.objects.count() == 2


def test_retrying_a_failed_job_joins_the_one_already_in_flight(ccc_year, people):
    document = _draft(ccc_year, people.staff)
    failed = services.request_pdf(document)
    RenderJob.objects.filter(pk=failed.pk).update(status="failed")
    again = services.request_pdf(document, requested_by=people.staff)
    assert services.retry(failed, requested_by=people.staff) == again
    assert services.retry(failed, requested_by=people.ca5_chair) == again
    assert RenderJob.objects.count() == 2


def test_a_stuck_job_is_queued_again_rather_than_doubled(
    ccc_year, people, django_capture_on_commit_callbacks
):
    document = _draft(ccc_year, people.staff)
    job = services.request_pdf(document)
    # The broker was down when it was queued: asking again queues the same job again.
    RenderJob.objects.filter(pk=job.pk).update(error="The background worker could not be reached")
    with django_capture_on_commit_callbacks() as queued:
        assert services.request_pdf(document) == job
    job.refresh_from_db()
    assert (len(queued), job.error) == (1, "")
    # Queued a minute ago and not stuck: joined, nothing sent again.
    with django_capture_on_commit_callbacks() as queued:
        assert services.request_pdf(document) == job
    assert len(queued) == 0
    # A worker claimed it and died 11 minutes ago: queued again (the claim lets a worker take
    # it over).
    RenderJob.objects.filter(pk=job.pk).update(
        status="rendering", started_at=timezone.now() - timedelta(minutes=11)
    )
    with django_capture_on_commit_callbacks() as queued:
        assert services.request_pdf(document) == job
    assert len(queued) == 1
    assert RenderJob.objects.count() == 1


def test_new_renderings_are_limited_per_user_and_hour(ccc_year, people, settings):
    settings.PDF_RENDERS_PER_HOUR = 3
    version = _published_version(ccc_year, people.staff)
    observer = people.client("observer")
    failed = version.render_jobs.get()
    for _attempt in range(3):
        response = observer.post(f"/documents/jobs/{failed.pk}/retry/", HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        version.render_jobs.update(status="failed")  # and it fails again
    response = observer.post(f"/documents/jobs/{failed.pk}/retry/", HTTP_HX_REQUEST="true")
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert (
        "You have asked for 3 PDFs in the last hour, the most allowed; try again later."
        in response.content.decode()
    )
    assert version.render_jobs.filter(requested_by=people.observer).count() == 3
    # Without htmx: the same refusal, as a page.
    response = observer.post(f"/documents/jobs/{failed.pk}/retry/")
    assert response.status_code == 429
    assert "try again later" in response.content.decode()

    # Someone else still may; the observer may again an hour later.
    other = people.client("ca5_member")
    assert other.post(f"/documents/jobs/{failed.pk}/retry/").status_code == 302
    version.render_jobs.update(status="failed")
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        observer = people.client("observer")  # the earlier session has ended by then
        response = observer.post(f"/documents/jobs/{failed.pk}/retry/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert version.render_jobs.count() == 6  # publishing's, three, the member's, this one


def test_publishing_is_not_limited(ccc_year, people, settings):
    settings.PDF_RENDERS_PER_HOUR = 0
    version = _published_version(ccc_year, people.staff)
    assert version.render_jobs.count() == 1


def test_mail_and_documents_have_queues_of_their_own():
    default = app.conf.task_default_queue

    def queue(name: str) -> str | None:
        route = route_task(name, (), {}, {})
        return route and route["queue"]

    assert queue("correspondence.deliver") == f"{default}.mail"
    assert queue("correspondence.scan") == f"{default}.mail"
    assert queue("documents.render_job") == f"{default}.documents"
    assert queue("accounts.send_password_reset") == f"{default}.mail"
    assert queue("common.heartbeat") is None  # the default queue
    assert queue("common.apply_import") is None
    assert queue_names("secretariat") == [
        "secretariat",
        "secretariat.mail",
        "secretariat.documents",
    ]
    # Celery itself sends each task where the router says.
    assert app.amqp.router.route({}, "documents.render_job")["queue"].name == f"{default}.documents"
