"""The CSV commands: preview, all or nothing, every problem by row and column, re-runnable."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from extensions.imports import ExtensionDecisionImporter, ExtensionRequestImporter
from extensions.models import Decision, ExtensionRequest
from states_parties.models import Article5Extension

from .conftest import affected

pytestmark = pytest.mark.django_db

REQUESTS = (
    "iso3,meeting,received_on,requested_until,symbol\n"
    "KHM,22MSP,2025-03-20,2030-12-31,APLC/MSP.22/2025/WP.3\n"
    "AGO,5RC,2024-02-20,2028-12-31,\n"
)
DECISIONS = (
    "iso3,meeting,decided_on,granted,new_deadline,text,requests\n"
    "KHM,22MSP,2025-12-03,true,2030-12-31,Granted.,2027-04-30 An updated work plan\n"
    "AGO,5RC,2024-11-28,false,,Not granted.,\n"
)


@pytest.fixture
def states(calendar):
    return {
        "KHM": affected("KHM", "Cambodia", date(2015, 9, 10)),  # deadline 1 Mar 2026
        "AGO": affected("AGO", "Angola", date(2014, 6, 10)),  # deadline 1 Dec 2024
    }


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_requests_then_decisions(states, tmp_path):
    out = StringIO()
    call_command(
        "import_extension_requests", _write(tmp_path, "r.csv", REQUESTS), "--dry-run", stdout=out
    )
    assert ExtensionRequest.objects.count() == 0
    call_command("import_extension_requests", _write(tmp_path, "r.csv", REQUESTS), stdout=out)
    assert sorted(
        ExtensionRequest.objects.values_list("state__iso3", "received_on", "deadline_at_request")
    ) == [
        ("AGO", date(2024, 2, 20), date(2024, 12, 1)),
        ("KHM", date(2025, 3, 20), date(2026, 3, 1)),
    ]
    assert Article5Extension.objects.filter(outcome="pending").count() == 2
    # Again: nothing changes.
    plan = ExtensionRequestImporter().read(REQUESTS)
    assert plan.counts == {"create": 0, "update": 0, "unchanged": 2}

    call_command("import_extension_decisions", _write(tmp_path, "d.csv", DECISIONS), stdout=out)
    states["KHM"].refresh_from_db()
    states["AGO"].refresh_from_db()
    assert states["KHM"].clearance_deadline == date(2030, 12, 31)
    assert states["AGO"].clearance_deadline == date(2024, 12, 1)
    khm = Decision.objects.get(request__state__iso3="KHM")
    assert list(khm.requirements.values_list("due_on", "text")) == [
        (date(2027, 4, 30), "An updated work plan")
    ]
    assert ExtensionDecisionImporter().read(DECISIONS).counts == {
        "create": 0,
        "update": 1,  # the row names its requests again; none is added twice
        "unchanged": 1,
    }
    call_command("import_extension_decisions", _write(tmp_path, "d.csv", DECISIONS), stdout=out)
    assert khm.requirements.count() == 1


def test_every_problem_by_row_and_column_and_nothing_written(states, tmp_path):
    bad = (
        "iso3,meeting,received_on,requested_until\n"
        "KHM,22MSP,2025-03-20,2030-12-31\n"
        "XXX,99MSP,someday,2030-12-31\n"
        "AGO,5RC,2024-02-20,2020-01-01\n"
    )
    plan = ExtensionRequestImporter().read(bad)
    assert sorted((issue.row, issue.column) for issue in plan.issues) == [
        (3, "iso3"),
        (3, "meeting"),
        (3, "received_on"),
        (4, "requested_until"),
    ]
    with pytest.raises(CommandError):
        call_command("import_extension_requests", _write(tmp_path, "r.csv", bad), stderr=StringIO())
    assert ExtensionRequest.objects.count() == 0


def test_a_decision_needs_its_request_and_a_valid_outcome(states):
    ExtensionRequestImporter().run(REQUESTS)
    bad = (
        "iso3,meeting,decided_on,granted,new_deadline\n"
        "KHM,5RC,2024-11-28,false,\n"  # no request of Cambodia at the Review Conference
        "KHM,22MSP,2025-12-03,true,\n"  # granted without a new deadline
        "AGO,5RC,2025-01-10,false,\n"  # after the Meeting closed
    )
    plan = ExtensionDecisionImporter().read(bad)
    assert sorted((issue.row, issue.column) for issue in plan.issues) == [
        (2, "meeting"),
        (3, "new_deadline"),
        (4, "decided_on"),
    ]
    assert Decision.objects.count() == 0
