from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from common.models import DemoDataset
from states_parties.models import Article5Extension, Contact, RetainedMines, StateParty
from states_parties.rules import Status
from tests.database import copy_demo_data, ensure_demo_database
from tests.factories import StatePartyFactory

pytestmark = pytest.mark.django_db


def _export() -> str:
    out = StringIO()
    call_command("export_states_parties", stdout=out)
    return out.getvalue()


def _snapshot() -> str:
    out = StringIO()
    call_command("export_composition", date="2026-03-01", stdout=out)
    extensions = list(
        Article5Extension.objects.values_list("state__iso3", "granted_until").order_by("pk")
    )
    return _export() + out.getvalue() + repr(extensions)


@pytest.mark.slow
def test_demo_loads_todays_states_parties_valid_the_same_every_time_and_once():
    out = StringIO()
    with transaction.atomic():
        call_command("load_demo", stdout=out)
        assert "log in as 'isu' with password 'demo'" in out.getvalue()
        statuses = {}
        for state in StateParty.objects.all():
            statuses[state.status] = statuses.get(state.status, 0) + 1
        assert statuses == {
            Status.STATE_PARTY: 160,
            Status.WITHDRAWAL_PENDING: 1,
            Status.WITHDRAWN: 5,
        }
        assert set(
            StateParty.objects.with_status()
            .filter(status_code="withdrawn")
            .values_list("iso3", flat=True)
        ) == {"EST", "FIN", "LTU", "LVA", "POL"}
        for model in (StateParty, Article5Extension, RetainedMines, Contact):
            for record in model.objects.all():
                record.full_clean()
        assert Contact.objects.filter(email__endswith=".example").count() == (
            Contact.objects.count()
        )
        first = _snapshot()
        transaction.set_rollback(True)
    assert not StateParty.objects.exists()
    # The demo database the other tests copy was loaded by another run of the command.
    copy_demo_data(ensure_demo_database())
    assert _snapshot() == first
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert out.getvalue() == "Demo data is already loaded.\n"
    assert _snapshot() == first


def test_demo_refuses_a_database_with_real_records():
    StatePartyFactory(iso3="KHM", name="Cambodia")
    with pytest.raises(CommandError, match="demo data is loaded only into an empty database"):
        call_command("load_demo", stdout=StringIO())
    assert not DemoDataset.objects.exists()


def test_banner_shows_while_demo_data_is_loaded(staff_client):
    banner = "Demonstration data: names of States are real, dates and figures are illustrative."
    assert banner not in staff_client.get("/").content.decode()
    DemoDataset.objects.create(description="demo")
    assert banner in staff_client.get("/").content.decode()


@pytest.mark.slow
def test_demo_reporting_read_models_are_what_a_rebuild_gives(demo_data):
    from reporting import compliance, services
    from reporting.models import DueDateCount, ReportingSummary

    def snapshot():
        return (
            sorted(ReportingSummary.objects.values_list()),
            sorted(DueDateCount.objects.values_list()),
        )

    loaded = snapshot()
    services.refresh_summaries()
    services.recount_due_dates()
    assert snapshot() == loaded
    bound = StateParty.objects.bound_on(DemoDataset.objects.get().loaded_at.date()).count()
    assert 0 < compliance.article9_outstanding().count() < bound / 2
