"""Calendar feeds: parsed back with icalendar, exact events, secret revocable addresses."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client
from icalendar import Calendar

from committees.models import Meeting
from feeds import services
from feeds.models import FeedSubscription
from tests.factories import StatePartyFactory, UserFactory
from tests.utils import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mid_2026():
    with time_machine.travel(datetime(2026, 6, 15, 9, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def deadlines(db):
    """A State joining in 2025 (initial report due 2026-02-28, Article 4 deadline 2029-09-01),
    one whose Article 5 deadline is 2027-03-01, and one that completed clearance."""
    StatePartyFactory(
        iso3="MHL",
        name="Marshall Islands",
        signature_date=date(1998, 2, 4),
        deposit_date=date(2025, 3, 12),
        had_stockpiles=True,
    )
    StatePartyFactory(
        iso3="TON",
        name="Tonga",
        signature_date=None,
        instrument="accession",
        deposit_date=date(2016, 9, 15),
        has_mined_areas=True,
    )
    StatePartyFactory(
        iso3="ALB",
        name="Albania",
        deposit_date=date(2016, 9, 15),
        has_mined_areas=True,
        clearance_completed_on=date(2020, 1, 1),
    )


def events_of(response) -> dict[str, tuple]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {
        str(event["UID"]): (
            str(event["SUMMARY"]),
            event.decoded("DTSTART"),
            event.decoded("DTEND"),
            str(event["URL"]),
        )
        for event in calendar.walk("VEVENT")
    }


def feed_url(feed: FeedSubscription) -> str:
    return feed.get_absolute_url()


def test_overall_feed_has_meetings_and_deadlines(deadlines):
    user = UserFactory(username="ana", role="observer")
    Meeting.objects.create(
        kind="intersessional",
        start_date=date(2026, 6, 16),
        end_date=date(2026, 6, 19),
        venue="Geneva",
    )
    meeting = Meeting.objects.get()
    feed = services.create_feed(user)
    events = events_of(Client().get(feed_url(feed)))
    host = "http://testserver"
    assert events == {
        f"meeting-{meeting.pk}@secretariat.apmbc-isu": (
            "Intersessional Meetings 2026",
            date(2026, 6, 16),
            date(2026, 6, 20),
            f"{host}/meetings/{meeting.pk}/",
        ),
        "article7-annual-2025@secretariat.apmbc-isu": (
            "Article 7 reports due (calendar year 2025)",
            date(2026, 4, 30),
            date(2026, 5, 1),
            f"{host}/reporting/",
        ),
        "article7-annual-2026@secretariat.apmbc-isu": (
            "Article 7 reports due (calendar year 2026)",
            date(2027, 4, 30),
            date(2027, 5, 1),
            f"{host}/reporting/",
        ),
        "article7-annual-2027@secretariat.apmbc-isu": (
            "Article 7 reports due (calendar year 2027)",
            date(2028, 4, 30),
            date(2028, 5, 1),
            f"{host}/reporting/",
        ),
        "article7-annual-2028@secretariat.apmbc-isu": (
            "Article 7 reports due (calendar year 2028)",
            date(2029, 4, 30),
            date(2029, 5, 1),
            f"{host}/reporting/",
        ),
        "article7-initial-MHL@secretariat.apmbc-isu": (
            "Marshall Islands: initial Article 7 report due",
            date(2026, 2, 28),
            date(2026, 3, 1),
            f"{host}/states/MHL/",
        ),
        "article5-TON@secretariat.apmbc-isu": (
            "Tonga: Article 5 deadline (mine clearance)",
            date(2027, 3, 1),
            date(2027, 3, 2),
            f"{host}/states/TON/",
        ),
    }


def test_a_feed_without_deadlines_and_a_committee_feed(record, member):
    ca5_feed = services.create_feed(
        member, committee=record["ca5_meeting"].committee, include_deadlines=False
    )
    events = events_of(Client().get(feed_url(ca5_feed)))
    ca5 = record["ca5_meeting"]
    assert f"meeting-{ca5.pk}@secretariat.apmbc-isu" in events
    assert events[f"meeting-{ca5.pk}@secretariat.apmbc-isu"][0] == "CA5: CA5 retreat"
    assert not any(uid.startswith("article") for uid in events)
    # Plenary meetings are in every committee's feed; another committee's meetings are not.
    plenary = {m.pk for m in Meeting.objects.filter(committee__isnull=True)}
    assert set(events) == {f"meeting-{pk}@secretariat.apmbc-isu" for pk in {*plenary, ca5.pk}}


def test_feeds_respect_what_the_user_may_see(record, member):
    ccc, ca5 = record["ccc_meeting"], record["ca5_meeting"]

    def meeting_uids(user):
        feed = services.create_feed(user, include_deadlines=False)
        return set(events_of(Client().get(feed_url(feed))))

    staff = meeting_uids(UserFactory(username="s", role="isu_staff"))
    observer = meeting_uids(UserFactory(username="o", role="observer"))
    delegate = meeting_uids(member)
    uid = "meeting-{}@secretariat.apmbc-isu".format
    assert {uid(ccc.pk), uid(ca5.pk)} <= staff
    assert uid(ca5.pk) in delegate and uid(ccc.pk) not in delegate
    assert uid(ca5.pk) not in observer and uid(ccc.pk) not in observer
    assert staff - {uid(ccc.pk), uid(ca5.pk)} == observer


def test_revoked_or_unknown_addresses_give_404_and_the_page_manages_feeds(deadlines):
    user = UserFactory(username="ana", role="observer")
    client = Client()
    client.force_login(user)
    response = client.post("/calendars/", {"committee": "", "include_deadlines": "on"}, follow=True)
    feed = FeedSubscription.objects.get(user=user)
    assert feed.include_deadlines and feed.committee is None
    assert f"http://testserver/calendars/{feed.token}.ics" in response.content.decode()
    anonymous = Client()
    assert anonymous.get(feed_url(feed)).status_code == 200
    other = UserFactory(username="eve", role="observer")
    intruder = Client()
    intruder.force_login(other)
    assert intruder.post(f"/calendars/{feed.pk}/revoke/").status_code == 404
    client.post(f"/calendars/{feed.pk}/revoke/")
    assert anonymous.get(feed_url(feed)).status_code == 404
    assert anonymous.get("/calendars/not-a-token.ics").status_code == 404
    assert f"{feed.token}" not in client.get("/calendars/").content.decode()
    user.is_active = False
    user.save()
    fresh = services.create_feed(user)
    assert anonymous.get(feed_url(fresh)).status_code == 404


def test_the_feed_follows_the_users_language(deadlines):
    user = UserFactory(username="ana", role="observer", language="fr")
    feed = services.create_feed(user)
    summaries = {summary for summary, *_ in events_of(Client().get(feed_url(feed))).values()}
    assert "Rapports au titre de l'article 7 attendus (année civile 2025)" in summaries
    # States are named in the user's language.
    assert "Îles Marshall\u00a0: rapport initial au titre de l'article 7 attendu" in summaries
    assert "Tonga\u00a0: échéance de l'article 5 (déminage)" in summaries
    assert not any("Marshall Islands" in summary for summary in summaries)


def test_feed_queries_do_not_grow(deadlines, record):
    user = UserFactory(username="ana", role="isu_staff")
    feed = services.create_feed(user)
    small = len(queries_for(Client(), feed_url(feed)))
    for index in range(30):
        Meeting.objects.create(
            kind="workshop",
            committee=record["ca5_meeting"].committee,
            start_date=date(2026, 7, 1 + index % 28),
            end_date=date(2026, 7, 1 + index % 28),
        )
        StatePartyFactory(
            iso3=f"Q{chr(65 + index // 26)}{chr(65 + index % 26)}",
            name=f"State {index}",
            deposit_date=date(2016, 9, 15),
            has_mined_areas=True,
        )
    assert len(queries_for(Client(), feed_url(feed))) == small
