"""Fixtures for activities and documents: the articles, an action plan, the people of the
permission matrix, and the Committee on Cooperative Compliance's 2025 committee year."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.apps import apps
from django.test import Client

from activities import services
from activities.models import Action, ActionPlan, Activity, Article, Priority
from committees.models import Committee, Representative
from tests.committee_fixtures import meetings, seat, standing_committees, states
from tests.factories import UserFactory
from tests.utils import log_in_client

__all__ = [
    "DOCUMENT_DATE",
    "articles",
    "ccc_year",
    "media_root",
    "meetings",
    "november_2025",
    "pdf_worker",
    "people",
    "seat",
    "sraap",
    "standing_committees",
    "states",
]

#: The day the documents of these tests are dated, in the 2025 committee year (from the close
#: of the Fifth Review Conference, 29 November 2024, to the close of the 22nd Meeting).
DOCUMENT_DATE = date(2025, 11, 20)


@pytest.fixture
def november_2025():
    """Committee roles follow today's date: pin it inside the 2025 committee year."""
    with time_machine.travel(datetime(2025, 11, 20, 9, 0, tzinfo=UTC), tick=True):
        yield


@pytest.fixture
def articles(db):
    """The articles the data migration creates (recreated if a transactional test flushed)."""
    migration = importlib.import_module("activities.migrations.0002_articles")
    migration.create(apps, None)
    return {article.number: article for article in Article.objects.all()}


@pytest.fixture
def sraap(meetings, articles):
    plan = services.save_action_plan(
        ActionPlan(
            code="SRAAP",
            name="Siem Reap-Angkor Action Plan",
            start_year=2025,
            end_year=2029,
            adopted_at=meetings["5RC"],
        )
    )
    for number, title in [
        (1, "Universal adherence"),
        (10, "Reporting on clearance"),
        (23, "Victim assistance"),
        (48, "Transparency reports"),
        (49, "Article 9 measures"),
    ]:
        services.save_action(
            Action(plan=plan, number=number, short_title=title, text=f"{title}: the text.")
        )
    return plan


@dataclass
class People:
    staff: object
    ccc_member: object
    ca5_member: object
    observer: object
    ca5_chair: object

    def client(self, name: str) -> Client:
        client = Client()
        if name != "anonymous":
            log_in_client(client, getattr(self, name))
        return client


MATRIX = ("staff", "ccc_member", "ca5_member", "observer", "anonymous")


def _represent(term, username: str):
    user = UserFactory(username=username, role="committee")
    Representative.objects.create(term=term, name=username, user=user)
    return user


@pytest.fixture
def people(seat, standing_committees, meetings):
    """ISU staff, a member of the Committee on Cooperative Compliance (Canada), a member of the
    Committee on Article 5 Implementation (Peru), its Chair for 2025 (Thailand), an observer.
    Japan presides over the 22nd Meeting and so chairs the CCC; its four members serve in
    2025: Belgium, Canada, Germany and Peru."""
    from committees import services as committee_services
    from committees.models import Office

    seat("CCC", "BEL", "21MSP", "22MSP")
    seat("CCC", "DEU", "21MSP", "22MSP")
    ccc = seat("CCC", "CAN", "5RC", "23MSP")
    seat("CCC", "PER", "5RC", "23MSP")
    thailand = seat("CA5", "THA", "21MSP", "22MSP")
    ca5 = seat("CA5", "PER", "5RC", "23MSP")
    committee_services.set_office(thailand, Office.Kind.CHAIR, 2025)
    return People(
        staff=UserFactory(username="irene", role="isu_staff"),
        ccc_member=_represent(ccc, "canada"),
        ca5_member=_represent(ca5, "peru"),
        observer=UserFactory(username="olga", role="observer"),
        ca5_chair=_represent(thailand, "thailand"),
    )


# The committee year of the Done-when test: eight activities and four priorities, recorded out
# of order so that the document must sort them.
CCC_ACTIVITIES = [
    (
        date(2025, 6, 17),
        "observations",
        "On 17 June 2025, the Committee presented its "
        "preliminary observations at the Intersessional Meetings.",
    ),
    (
        date(2024, 12, 12),
        "meeting",
        "On 12 December 2024, the Committee held its initial "
        "meeting and selected Belgium as its gender focal point.",
    ),
    (
        date(2025, 3, 11),
        "workshop",
        "On 11 March 2025, the Committee held an online workshop "
        "on Article 7 reporting with the other committees.",
    ),
    (
        date(2025, 1, 20),
        "letter",
        "On 20 January 2025, the Committee wrote to all States "
        "Parties recalling the 30 April deadline for Article 7 reports.",
    ),
    (
        date(2025, 9, 30),
        "letter",
        "On 30 September 2025, the Committee wrote to every State "
        "Party that has not reported and has obligations under Article 5, 4 or 3.",
    ),
    (
        date(2025, 2, 14),
        "letter",
        "On 14 February 2025, the Committee wrote to every State "
        "Party with outstanding Article 9 obligations.",
    ),
    (
        date(2025, 5, 12),
        "engagement",
        "On 12 May 2025, the Committee met the Permanent "
        "Representative of a State Party concerning its Article 9 legislation.",
    ),
    (
        date(2025, 10, 8),
        "meeting",
        "On 8 October 2025, the Committee met to prepare its "
        "conclusions for the Twenty-Second Meeting.",
    ),
]
CCC_PRIORITIES = [
    "Encourage every State Party to submit its Article 7 report by 30 April.",
    "Engage the States Parties with outstanding Article 9 obligations.",
    "Support States Parties in clarifying compliance concerns in a cooperative spirit.",
    "Report on its activities to the Twenty-Third Meeting.",
]


@pytest.fixture
def ccc_year(people, sraap, articles) -> Committee:
    committee = Committee.objects.get(code="CCC")
    actions = {action.number: action for action in Action.objects.all()}
    for day, kind, text in CCC_ACTIVITIES:
        services.save_activity(
            Activity(committee=committee, date=day, kind=kind, text=text, visibility="public"),
            actions=[actions[48]] if kind == "letter" else [],
            articles=[articles[7]] if kind == "letter" else [],
        )
    for text in CCC_PRIORITIES:
        services.save_priority(
            Priority(committee=committee, period="2025-2026", text=text),
            actions=[actions[48]],
        )
    return committee


@pytest.fixture
def media_root(settings, tmp_path):
    """Rendered files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def pdf_worker(transactional_db, media_root, tmp_path):
    """A real Celery worker, as the ``celery_worker`` fixture starts it, that stores the files
    it renders where the test (and its live server) read them."""
    from tests.celery_worker import running_worker

    with running_worker(tmp_path, {"DJANGO_MEDIA_ROOT": str(media_root)}) as worker:
        yield worker
