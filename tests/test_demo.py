from datetime import date
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


def test_demo_extension_requests_show_the_year_of_the_committee(demo_data):
    """On the day it is loaded: Cambodia's request decided at the Meeting that closed last,
    every stage on time, with what the decision asks tracked; a completion declared there; for
    the coming Meeting a request in dialogue, another approved by the Chair, and the States
    that must request and have sent nothing; each request once on the dashboard."""
    from django.utils import timezone

    from committees.models import Committee
    from correspondence.models import OutgoingMessage
    from extensions import dashboards, expected, stages, timeline
    from extensions.models import (
        Analysis,
        CompletionDeclaration,
        DecisionRequirement,
        ExtensionRequest,
        Funding,
        HazardousArea,
        Question,
        RequestVersion,
        WorkPlanYear,
    )

    today = timezone.localdate()
    meetings = expected.formal_meetings()
    last = [meeting for meeting in meetings if meeting.end_date < today][-1]
    coming = timeline.coming_meeting(meetings, today)
    for model in (
        ExtensionRequest,
        RequestVersion,
        HazardousArea,
        WorkPlanYear,
        Funding,
        Question,
        Analysis,
        DecisionRequirement,
        CompletionDeclaration,
    ):
        for record in model.objects.all():
            record.full_clean()

    # Cambodia's request went the whole way, on time; its State's record follows.
    decided = ExtensionRequest.objects.get(state__iso3="KHM", meeting=last)
    versions = list(decided.versions.order_by("number"))
    questions = stages.question_rows(decided)
    assert [
        (stage.done_on is not None, stage.late)
        for stage in stages.stages_of(decided, versions, questions, today)
    ] == [(True, False)] * 6
    assert [version.kind for version in versions] == ["initial", "revised"]
    assert [len(row.replies) for row in questions] == [1]
    assert decided.analysis.status == "approved"
    assert decided.analysis.approved_by.username == "chair"
    assert decided.decision.granted
    assert decided.state.clearance_deadline == decided.decision.new_deadline
    assert decided.outcome_record.outcome == "granted"
    requirements = list(decided.decision.requirements.values_list("due_on", flat=True))
    assert requirements == [date(last.end_date.year + 1, 4, 30), date(last.end_date.year + 1, 6, 1)]
    reminded = OutgoingMessage.objects.filter(
        rule__anchor="extension_decision_request", status="planned"
    )
    assert set(reminded.values_list("state__iso3", "anchor_date")) == {
        ("KHM", due) for due in requirements
    }
    # Its revised plan covers the remaining area its last Article 7 report gives, and last
    # year's milestone stands against the area the report says it released.
    revised = versions[-1]
    assert sum(area.area_m2 for area in revised.areas.all()) == 16_500_000
    assert (
        sum(
            m2
            for year, m2 in revised.work_plan.values_list("year", "area_m2")
            if year >= today.year
        )
        == 16_500_000
    )
    assert [
        (row.state.iso3, row.year, row.planned_m2, row.released_m2)
        for row in dashboards.plan_progress(today)
    ] == [("KHM", today.year - 1, 3_800_000, 3_770_000)]

    # Completion declared at the same Meeting ends the obligation.
    (completion,) = CompletionDeclaration.objects.all()
    assert (completion.state.iso3, completion.meeting) == ("SEN", last)
    assert completion.state.clearance_completed_on == completion.declared_on

    # The coming Meeting: two requests under analysis, the other States have sent nothing.
    rows = expected.expected_requests(today)
    received = {row.state.iso3: row.request for row in rows if row.request is not None}
    assert set(received) == {"AGO", "LKA"}
    dialogue, approved = received["AGO"], received["LKA"]
    assert [v.kind for v in dialogue.versions.order_by("number")] == ["initial", "revised"]
    assert [len(row.replies) for row in stages.question_rows(dialogue)] == [1]
    assert not hasattr(dialogue, "analysis")
    assert approved.analysis.status == "approved"
    assert not hasattr(approved, "decision")
    silent = {row.state.iso3: row.status for row in rows if row.request is None}
    assert set(silent) == {"COD", "ECU", "PSE", "TCD", "THA"}
    due = timeline.expected_by(coming.start_date, expected.months_before())
    assert set(silent.values()) == {timeline.request_status(due, None, today)}
    # No request of a Meeting that has closed is left undecided: the dashboard's panel of
    # requests awaiting a decision is empty, the coming Meeting's lists its own.
    panels = {
        panel.key: panel.context
        for panel in dashboards.extension_panels(Committee.objects.get(code="CA5"), today, None)
    }
    assert panels["pending_extensions"]["requests"] == []
    assert {row.state.iso3 for row in panels["extension_requests"]["rows"]} == {
        row.state.iso3 for row in rows
    }
