"""Reminders follow what other apps announce: reporting's ``reports_changed`` (reports, and a
State's dates once its expected reports followed them) and a State's contacts. An import
announces once, after it applies its rows, and never while it is previewed."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from correspondence.models import Anchor, OutgoingMessage
from reporting.models import ExpectedReport
from reporting.signals import reports_changed
from states_parties import services as states_services
from states_parties.imports import StatePartyImporter
from states_parties.models import Contact, StateParty
from states_parties.signals import contacts_changed, state_dates_changed
from tests.factories.states import REAL_ISO3

from .conftest import at, make_rule

pytestmark = pytest.mark.django_db

HEADER = "iso3,name,signature_date,instrument,deposit_date,withdrawal_deposit_date\n"


@pytest.fixture
def heard():
    """What each signal delivered, as ``(sender, iso3 codes)``, recorded by real receivers
    connected beside the application's own."""
    calls: dict[str, list[tuple[type, list[str]]]] = {
        "dates": [],
        "reports": [],
        "contacts": [],
    }
    receivers = {}
    for name, signal in (
        ("dates", state_dates_changed),
        ("reports", reports_changed),
        ("contacts", contacts_changed),
    ):

        def receiver(sender, states, _name=name, **kwargs):
            calls[_name].append((sender, sorted(state.iso3 for state in states)))

        receivers[name] = receiver
        signal.connect(receiver, dispatch_uid=f"test-{name}")
    yield calls
    for name, signal in (
        ("dates", state_dates_changed),
        ("reports", reports_changed),
        ("contacts", contacts_changed),
    ):
        signal.disconnect(dispatch_uid=f"test-{name}")


def _file(codes, deposit: str) -> str:
    return HEADER + "".join(f"{code},,,accession,{deposit},\n" for code in codes)


def test_a_200_row_import_re_plans_once_after_it_applies(frozen, heard, tmp_path):
    frozen(at(2026, 2, 1, 9))
    codes = REAL_ISO3[:200]
    content = _file(codes, "2019-01-10")
    importer = StatePartyImporter()

    # The preview (the first rows) and a dry run announce nothing.
    assert importer.read(content, limit=20).checked_rows == 20
    path = tmp_path / "states.csv"
    path.write_text(content)
    call_command("import_states_parties", str(path), "--dry-run", stdout=StringIO())
    assert heard == {"dates": [], "reports": [], "contacts": []}

    assert importer.run(content) == {"create": 200, "update": 0, "unchanged": 0}
    assert heard["dates"] == [(StateParty, sorted(codes))]
    # Reporting followed the dates, then announced once: the one re-planning of reminders.
    assert heard["reports"] == [(StateParty, sorted(codes))]
    assert heard["contacts"] == []

    # A second import moving every deposit: once again, not 200 times.
    moved = _file(codes, "2019-02-10")
    assert importer.run(moved) == {"create": 0, "update": 200, "unchanged": 0}
    assert len(heard["dates"]) == 2 and len(heard["reports"]) == 2
    assert heard["reports"][1] == (StateParty, sorted(codes))


def test_reporting_announces_dates_after_its_reports_follow_them(angola, heard):
    seen = []

    def check(sender, states, **kwargs):
        seen.append(ExpectedReport.objects.get(state=angola, kind="initial").due_date)

    reports_changed.connect(check, dispatch_uid="test-check")
    try:
        angola.deposit_date = date(2020, 1, 10)
        states_services.save_state_party(angola)
    finally:
        reports_changed.disconnect(dispatch_uid="test-check")
    # Entry into force 1 July 2020: the initial report due 180 days later, already in step.
    assert seen == [date(2020, 12, 28)]
    assert heard["dates"] == [(StateParty, ["AGO"])]
    assert heard["reports"] == [(StateParty, ["AGO"])]


def test_saving_a_contact_re_plans_its_reminders(frozen, angola, heard):
    frozen(at(2026, 2, 1, 9))
    rule = make_rule(offsets=[-30], anchor=Anchor.ARTICLE7_ANNUAL)
    contact = states_services.save_contact(
        Contact(
            state=angola,
            kind=Contact.Kind.PERMANENT_MISSION,
            name="Ana",
            email="ana@mission.example",
            preferred_language="en",
        )
    )
    assert heard["contacts"] == [(Contact, ["AGO"])]
    assert set(
        OutgoingMessage.objects.filter(rule=rule).values_list("contact", "period", "status")
    ) == {(contact.pk, "annual-2025", "planned"), (contact.pk, "annual-2026", "planned")}

    contact.active = False
    states_services.save_contact(contact)
    assert set(
        OutgoingMessage.objects.filter(rule=rule).values_list("period", "status", "note")
    ) == {
        ("annual-2025", "skipped", "No longer applies (audience, contact or dates changed)."),
        ("annual-2026", "skipped", "No longer applies (audience, contact or dates changed)."),
    }
    assert heard["contacts"] == [(Contact, ["AGO"]), (Contact, ["AGO"])]
