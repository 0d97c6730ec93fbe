from datetime import UTC, date, datetime

import pytest
import time_machine

from config.settings.base import mailer
from correspondence.models import Anchor, ReminderRule
from reporting import services as reporting_services
from tests.committee_fixtures import meetings, seat, standing_committees, states
from tests.factories import ContactFactory, StatePartyFactory
from tests.smtp_server import SmtpServer

__all__ = ["meetings", "seat", "standing_committees", "states"]

TEXTS = {
    "subject_en": "Article 7 report of {{ state }} due {{ deadline }}",
    "body_en": "Dear {{ contact_name }},\n\nThe report of {{ state }} covering {{ report_year }} "
    "is due on {{ deadline }}.{% if years_missing %} Missing: {{ years_missing }}.{% endif %}\n",
    "subject_fr": "Rapport de {{ state }} attendu le {{ deadline }}",
    "body_fr": "Madame, Monsieur {{ contact_name }},\n\n"
    "Le rapport est attendu le {{ deadline }}.\n",
}


def at(*args) -> datetime:
    """A moment in Geneva (UTC+1 in winter, +2 in summer) given as UTC."""
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def frozen():
    """Travel to a moment and stay there: ``frozen(datetime)`` moves the clock."""
    travellers = []

    def go(moment: datetime):
        while travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield go
    while travellers:
        travellers.pop().stop()


@pytest.fixture
def angola(db):
    """In force 1 July 2019: reports from 2019, Article 5 deadline 1 July 2029."""
    state = StatePartyFactory(
        iso3="AGO",
        name="Angola",
        signature_date=None,
        instrument="accession",
        deposit_date=date(2019, 1, 10),
        has_mined_areas=True,
    )
    reporting_services.sync_expected_reports([state], through_year=2026)
    return state


def make_rule(**fields) -> ReminderRule:
    values = {
        "name": "Annual report",
        "anchor": Anchor.ARTICLE7_ANNUAL,
        "offsets": [-60, -30, -7, 1, 30],
        **TEXTS,
        **fields,
    }
    rule = ReminderRule(**values)
    rule.full_clean()
    rule.save()
    return rule


@pytest.fixture
def contact(angola):
    return ContactFactory(
        state=angola, name="Ana", email="ana@mission.example", preferred_language="en"
    )


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def real_smtp(smtp_server, settings):
    """Mail from this process goes to the SMTP server on loopback."""
    settings.MAILERS = {"default": mailer(smtp_server.url)}
    return smtp_server
