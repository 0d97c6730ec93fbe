"""The home page's "waiting for you": exact groups and counts per role on a built data set,
flat query counts, the navigation's badges, and acknowledging a received report."""

import re
from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from common.models import ImportJob
from common.visibility import Visibility
from common.waiting import first_with_total, navigation_counts, waiting_for
from correspondence.models import Letter, MessageStatus
from documents.models import Document, RenderJob
from reporting import services as reporting_services
from reporting.models import Submission
from states_parties.models import StateParty
from tests.factories import (
    CommitteeMeetingFactory,
    DocumentFactory,
    DocumentVersionFactory,
    ExpectedReportFactory,
    ImportJobFactory,
    LetterFactory,
    LetterRecipientFactory,
    MeetingFactory,
    OutgoingMessageFactory,
    RenderJobFactory,
    ReplyFactory,
    SentLetterFactory,
    StatePartyFactory,
    SubmissionFactory,
)
from tests.factories.states import synthetic_iso3
from tests.utils import log_in_client, queries_for

TODAY = date(2026, 6, 10)


def _deadline_state(deadline: date, **kwargs):
    """A State with mined areas whose Article 5 deadline (ten years after entry into force,
    itself the first day of the sixth month after deposit) is ``deadline``, a first day."""
    # A code no State of this test has: the factory's next code may be one the fixtures' States
    # took, and it would then return that State unchanged.
    taken = set(StateParty.objects.values_list("iso3", flat=True))
    return StatePartyFactory(
        iso3=next(code for code in synthetic_iso3() if code not in taken),
        deposit_date=deadline - relativedelta(years=10, months=6),
        has_mined_areas=True,
        **kwargs,
    )


def build(committees, scale: int = 1) -> None:
    """The waiting work; ``scale`` multiplies every kind of record."""
    ca5, ccc = committees["CA5"], committees["CCC"]
    for _ in range(scale):
        # Correspondence.
        OutgoingMessageFactory.create_batch(2, status=MessageStatus.FAILED)
        overdue = SentLetterFactory(reply_due=date(2026, 6, 1))
        LetterRecipientFactory(letter=overdue)
        ReplyFactory(recipient=LetterRecipientFactory(letter=overdue))  # answered
        LetterRecipientFactory(letter=SentLetterFactory(reply_due=date(2026, 7, 1)))  # not due
        LetterFactory()  # the ISU's draft
        LetterFactory(committee=ca5)
        LetterFactory(committee=ccc, status=Letter.Status.APPROVED)
        OutgoingMessageFactory(anchor_date=date(2026, 6, 12), offset_days=0)  # in a week
        OutgoingMessageFactory(anchor_date=date(2026, 6, 30), offset_days=0)  # later
        # Documents.
        draft = DocumentFactory(committee=ca5)
        DocumentFactory(committee=ccc, visibility=Visibility.INTERNAL)
        DocumentFactory(committee=ca5, status=Document.Status.SUBMITTED)
        RenderJobFactory(target=draft)
        RenderJobFactory(target=draft, status=RenderJob.Status.DONE)
        ImportJobFactory(status=ImportJob.Status.QUEUED)
        ImportJobFactory(status=ImportJob.Status.DONE)
        DocumentVersionFactory(document__committee=ca5)  # published now: for everyone
        DocumentVersionFactory(  # for the CCC only
            document__committee=ccc, document__visibility=Visibility.INTERNAL
        )
        # Meetings.
        CommitteeMeetingFactory(
            committee=ca5, start_date=date(2026, 6, 20), end_date=date(2026, 6, 20)
        )
        CommitteeMeetingFactory(
            committee=ccc, start_date=date(2026, 6, 15), end_date=date(2026, 6, 15)
        )
        MeetingFactory(start_date=date(2026, 6, 16), end_date=date(2026, 6, 18))
        MeetingFactory(start_date=date(2026, 9, 16), end_date=date(2026, 9, 18))  # later
        # Reporting.
        SubmissionFactory.create_batch(2)
        SubmissionFactory(acknowledged_on=date(2026, 5, 1))
        ExpectedReportFactory(due_date=date(2026, 6, 30))
        ExpectedReportFactory(due_date=date(2026, 6, 5))
        ExpectedReportFactory(due_date=date(2026, 6, 20), received_on=date(2026, 6, 2))
        _deadline_state(date(2026, 6, 1))  # this month, passed
        _deadline_state(date(2026, 9, 1))  # within the CA5 Chair's year


def _counts(user) -> dict[str, int]:
    return {group.key: group.count for group in waiting_for(user, TODAY)}


EXPECTED = {
    "staff": {
        "failed-emails": 2,
        "replies-overdue": 1,
        "letter-drafts": 2,
        "reminders-next-week": 1,
        "document-drafts": 2,
        "documents-submitted": 1,
        "jobs-in-progress": 2,
        # The CA5 and CECA have vacant seats, the CCC all four (its Chair is the President).
        "committee-gaps": 3,
        "reports-to-acknowledge": 2,
        "deadlines-this-month": 3,
    },
    "chair": {
        "letters-to-approve": 1,
        "documents-to-approve": 1,
        "newly-published": 1,
        "next-meetings": 1,
        "term-ends": 1,
        "deadlines-CA5": 1,
    },
    "member": {"newly-published": 1, "next-meetings": 1},
    "observer": {"newly-published": 1, "next-meetings": 1},
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_groups_and_counts_by_role(role, people, standing_committees):
    build(standing_committees)
    assert _counts(people[role]) == EXPECTED[role]


def test_groups_scale_with_the_data(people, standing_committees):
    build(standing_committees, scale=3)
    staff = _counts(people["staff"])
    assert staff["failed-emails"] == 6
    assert staff["letter-drafts"] == 6
    assert staff["deadlines-this-month"] == 9
    groups = {group.key: group for group in waiting_for(people["staff"], TODAY)}
    # Five shown, the count says how many in all.
    assert len(groups["failed-emails"].items) == 5
    assert [item.when for item in groups["deadlines-this-month"].items] == sorted(
        item.when for item in groups["deadlines-this-month"].items
    )
    assert _counts(people["observer"]) == {"newly-published": 3, "next-meetings": 3}


def test_nothing_waiting(people):
    for role in ("member", "observer"):
        assert waiting_for(people[role], TODAY) == []
        response = log_in_client(Client(), people[role]).get("/")
        assert "Nothing is waiting for you." in response.content.decode()


def test_first_with_total_is_one_query(people, standing_committees):
    SubmissionFactory.create_batch(7)
    with CaptureQueriesContext(connection) as captured:
        rows, total = first_with_total(Submission.objects.order_by("pk"), 5)
    assert (len(rows), total) == (5, 7)
    assert len(captured.captured_queries) == 1
    assert first_with_total(Submission.objects.none(), 5) == ([], 0)


def test_home_page_shows_the_groups(people, standing_committees):
    build(standing_committees)
    page = log_in_client(Client(), people["chair"]).get("/").content.decode()
    assert 'data-waiting="letters-to-approve"' in page
    assert "Letters awaiting your approval" in page
    assert "/correspondence/letters/?status=draft&amp;committee=" in page
    staff_page = log_in_client(Client(), people["staff"]).get("/").content.decode()
    assert "/correspondence/upcoming/?until=2026-06-17" in staff_page
    assert "/reporting/reports/?unacknowledged=on" in staff_page


@pytest.mark.parametrize("role", ["staff", "chair", "observer"])
def test_query_counts_are_flat(role, people, standing_committees):
    build(standing_committees)
    client = log_in_client(Client(), people[role])
    small = {url: len(queries_for(client, url)) for url in ("/", "/waiting/counts/")}
    build(standing_committees, scale=10)
    cache.clear()
    large = {url: len(queries_for(client, url)) for url in ("/", "/waiting/counts/")}
    assert small == large


def test_navigation_badges(people, standing_committees, settings):
    # The suite runs without a cache (query counts must not depend on earlier tests); the
    # minute the badges are kept for needs one.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "nav"}
    }
    build(standing_committees)
    client = log_in_client(Client(), people["staff"])
    response = client.get("/waiting/counts/")
    body = response.content.decode()
    assert response["Cache-Control"] is not None
    assert 'id="nav-count-correspondence" class="nav-count" hx-swap-oob="true"' in body
    assert '<span class="badge badge--count" aria-hidden="true">6</span>' in body
    assert navigation_counts(people["staff"]) == {
        "correspondence": 6,
        "documents": 3,
        "committees": 3,
        "reporting": 5,
    }
    # Kept a minute: a new failure shows on the home page at once, in the badge later.
    OutgoingMessageFactory(status=MessageStatus.FAILED)
    assert navigation_counts(people["staff"])["correspondence"] == 6
    assert _counts(people["staff"])["failed-emails"] == 3
    with CaptureQueriesContext(connection) as captured:
        navigation_counts(people["staff"])
    assert captured.captured_queries == []
    home = client.get("/").content.decode()
    assert 'hx-get="/waiting/counts/" hx-trigger="load"' in home
    assert '<span id="nav-count-correspondence" class="nav-count"></span>' in home


def test_acknowledge_service_records_who_and_when(people):
    report = SubmissionFactory()
    reporting_services.acknowledge_submission(report, people["staff"])
    report.refresh_from_db()
    assert (report.acknowledged_on, report.acknowledged_by) == (TODAY, people["staff"])
    assert report.history.count() == 2  # created, acknowledged
    assert report.history.first().acknowledged_by_id == people["staff"].pk
    # Once: a second acknowledgement keeps the first.
    reporting_services.acknowledge_submission(report, people["chair"], on=date(2026, 6, 11))
    report.refresh_from_db()
    assert (report.acknowledged_on, report.acknowledged_by) == (TODAY, people["staff"])


def test_acknowledge_view(people):
    report = SubmissionFactory()
    url = f"/reporting/reports/{report.pk}/acknowledge/"
    staff = log_in_client(Client(), people["staff"])
    listing = staff.get("/reporting/reports/?unacknowledged=on").content.decode()
    assert f'action="{url}"' in listing
    assert "Mark acknowledged" in listing
    assert staff.get(url).status_code == 405
    for role in ("chair", "member", "observer"):
        assert log_in_client(Client(), people[role]).post(url).status_code == 403
    report.refresh_from_db()
    assert report.acknowledged_on is None
    response = staff.post(url)
    assert (response.status_code, response["Location"]) == (
        302,
        "/reporting/reports/?unacknowledged=on",
    )
    report.refresh_from_db()
    assert (report.acknowledged_on, report.acknowledged_by) == (TODAY, people["staff"])
    listing = staff.get("/reporting/reports/?unacknowledged=on").content.decode()
    assert f'action="{url}"' not in listing
    anonymous = Client().post(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")


def test_badges_only_for_the_entries_the_navigation_shows(people, standing_committees):
    build(standing_committees)
    observer = log_in_client(Client(), people["observer"])
    body = observer.get("/waiting/counts/").content.decode()
    assert re.findall(r'id="nav-count-(\w+)"', body) == [
        "committees",
        "meetings",
        "reporting",
        "documents",
    ]
    assert 'id="nav-count-correspondence"' not in observer.get("/").content.decode()
    member = log_in_client(Client(), people["member"])
    assert 'id="nav-count-correspondence"' in member.get("/waiting/counts/").content.decode()
