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
    "CCC_TRANSLATIONS",
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


# The same paragraphs in French and Spanish, as staff enter them on the records' pages.
CCC_TRANSLATIONS = {
    CCC_ACTIVITIES[0][2]: (
        "Le 17 juin 2025, le Comité a présenté ses observations préliminaires lors des "
        "réunions intersessions.",
        "El 17 de junio de 2025, el Comité presentó sus observaciones preliminares en las "
        "reuniones entre períodos de sesiones.",
    ),
    CCC_ACTIVITIES[1][2]: (
        "Le 12 décembre 2024, le Comité a tenu sa réunion initiale et a désigné la Belgique "
        "comme point focal pour les questions de genre.",
        "El 12 de diciembre de 2024, el Comité celebró su reunión inicial y designó a Bélgica "
        "como su coordinador para las cuestiones de género.",
    ),
    CCC_ACTIVITIES[2][2]: (
        "Le 11 mars 2025, le Comité a organisé avec les autres comités un atelier en ligne sur "
        "les rapports au titre de l’article 7.",
        "El 11 de marzo de 2025, el Comité organizó con los demás comités un taller en línea "
        "sobre los informes previstos en el artículo 7.",
    ),
    CCC_ACTIVITIES[3][2]: (
        "Le 20 janvier 2025, le Comité a écrit à tous les États parties pour leur rappeler la "
        "date limite du 30 avril pour les rapports au titre de l’article 7.",
        "El 20 de enero de 2025, el Comité escribió a todos los Estados Partes para "
        "recordarles el plazo del 30 de abril para los informes previstos en el artículo 7.",
    ),
    CCC_ACTIVITIES[4][2]: (
        "Le 30 septembre 2025, le Comité a écrit à chaque État partie qui n’a pas soumis de "
        "rapport et a des obligations au titre de l’article 5, 4 ou 3.",
        "El 30 de septiembre de 2025, el Comité escribió a cada Estado Parte que no ha "
        "presentado informes y tiene obligaciones en virtud del artículo 5, 4 o 3.",
    ),
    CCC_ACTIVITIES[5][2]: (
        "Le 14 février 2025, le Comité a écrit à chaque État partie ayant des obligations en "
        "suspens au titre de l’article 9.",
        "El 14 de febrero de 2025, el Comité escribió a cada Estado Parte con obligaciones "
        "pendientes en virtud del artículo 9.",
    ),
    CCC_ACTIVITIES[6][2]: (
        "Le 12 mai 2025, le Comité a rencontré le Représentant permanent d’un État partie au "
        "sujet de sa législation au titre de l’article 9.",
        "El 12 de mayo de 2025, el Comité se reunió con el Representante Permanente de un "
        "Estado Parte en relación con su legislación en virtud del artículo 9.",
    ),
    CCC_ACTIVITIES[7][2]: (
        "Le 8 octobre 2025, le Comité s’est réuni pour préparer ses conclusions pour la "
        "vingt-deuxième Assemblée.",
        "El 8 de octubre de 2025, el Comité se reunió para preparar sus conclusiones para la "
        "Vigésima Segunda Reunión.",
    ),
    CCC_PRIORITIES[0]: (
        "Encourager chaque État partie à soumettre son rapport au titre de l’article 7 au plus "
        "tard le 30 avril.",
        "Alentar a cada Estado Parte a presentar su informe previsto en el artículo 7 a más "
        "tardar el 30 de abril.",
    ),
    CCC_PRIORITIES[1]: (
        "Dialoguer avec les États parties ayant des obligations en suspens au titre de "
        "l’article 9.",
        "Dialogar con los Estados Partes que tienen obligaciones pendientes en virtud del "
        "artículo 9.",
    ),
    CCC_PRIORITIES[2]: (
        "Aider les États parties à clarifier les préoccupations relatives au respect des "
        "obligations dans un esprit de coopération.",
        "Apoyar a los Estados Partes en la aclaración de las preocupaciones relativas al "
        "cumplimiento con espíritu de cooperación.",
    ),
    CCC_PRIORITIES[3]: (
        "Rendre compte de ses activités à la vingt-troisième Assemblée.",
        "Informar sobre sus actividades a la Vigésima Tercera Reunión.",
    ),
}


def _translations(text: str) -> dict[str, str]:
    french, spanish = CCC_TRANSLATIONS[text]
    return {"text_fr": french, "text_es": spanish}


@pytest.fixture
def ccc_year(people, sraap, articles) -> Committee:
    """The CCC's 2025 committee year, every paragraph translated into French and Spanish."""
    committee = Committee.objects.get(code="CCC")
    actions = {action.number: action for action in Action.objects.all()}
    for day, kind, text in CCC_ACTIVITIES:
        services.save_activity(
            Activity(
                committee=committee,
                date=day,
                kind=kind,
                text=text,
                **_translations(text),
                visibility="public",
            ),
            actions=[actions[48]] if kind == "letter" else [],
            articles=[articles[7]] if kind == "letter" else [],
        )
    for text in CCC_PRIORITIES:
        services.save_priority(
            Priority(committee=committee, period="2025-2026", text=text, **_translations(text)),
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
