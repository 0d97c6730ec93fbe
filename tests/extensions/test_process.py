"""A request through its stages: received, questions sent and answered, a revised version, the
analysis approved by the Chair, the decision; the State's record and reminders follow."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from correspondence import planning
from correspondence import services as correspondence_services
from correspondence.models import (
    Anchor,
    Letter,
    LetterRecipient,
    OutgoingMessage,
    ReminderRule,
    Reply,
)
from extensions import services
from extensions.models import (
    Analysis,
    CompletionDeclaration,
    Decision,
    DecisionRequirement,
    ExtensionRequest,
    PreviouslyUnknownArea,
    RequestVersion,
)
from extensions.timeline import StageKind
from states_parties.models import Article5Extension
from tests.factories import ContactFactory, UserFactory
from tests.utils import log_in_client, queries_for

from .conftest import affected

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def spring_2025():
    with time_machine.travel(datetime(2025, 4, 10, 9, tzinfo=UTC), tick=True):
        yield


@pytest.fixture
def cambodia(db):
    # In force 1 Mar 2016: original deadline 1 Mar 2026, before the 23rd Meeting.
    return affected("KHM", "Cambodia", date(2015, 9, 10))


@pytest.fixture
def request_(cambodia, calendar, committees):
    return services.receive_request(
        ExtensionRequest(
            state=cambodia,
            meeting=calendar["22MSP"],
            received_on=date(2025, 3, 20),
            symbol="APLC/MSP.22/2025/WP.3",
            requested_until=date(2030, 12, 31),
        ),
        RequestVersion(received_on=date(2025, 3, 20), impeding_circumstances="Rains."),
    )


def test_receiving_a_request_records_it_on_the_states_page(request_, cambodia):
    record = Article5Extension.objects.get(state=cambodia)
    assert (record.submitted_on, record.requested_until, record.outcome) == (
        date(2025, 3, 20),
        date(2030, 12, 31),
        "pending",
    )
    assert record.decision_meeting == "22MSP"
    assert request_.deadline_at_request == date(2026, 3, 1)
    assert request_.period_months == 57
    assert list(request_.versions.values_list("number", "kind")) == [(1, "initial")]


def test_the_whole_process(request_, cambodia, ca5_chair, client):
    staff = UserFactory(username="irene", role="isu_staff")
    approver = UserFactory(username="ivan", role="isu_staff")
    ContactFactory(state=cambodia, email="mission@cambodia.example")
    rule = ReminderRule(
        name="Article 5 deadline",
        anchor=Anchor.ARTICLE5_DEADLINE,
        offsets=[-30],
        subject_en="Deadline of {{ state }}",
        body_en="Dear {{ contact_name }}, the deadline is {{ deadline }}.",
        effective_from=date(2025, 1, 1),
    )
    rule.full_clean()
    correspondence_services.save_rule(rule)
    planning.reconcile(rule)
    planned = OutgoingMessage.objects.get(rule=rule)
    assert planned.anchor_date == date(2026, 3, 1)

    # Questions: a Committee letter, approved and sent, then the State's reply.
    question = services.ask_question(
        request_,
        title="Questions on the request of {{ state }}",
        body="Dear {{ contact_name }},\n\nHow many deminers?",
        reply_due=date(2025, 5, 15),
        user=staff,
    )
    letter = question.letter
    assert (letter.committee.code, letter.status) == ("CA5", Letter.Status.DRAFT)
    assert list(letter.states.values_list("iso3", flat=True)) == ["KHM"]
    correspondence_services.approve_letter(letter, approver)
    correspondence_services.send_letter(letter, staff)
    correspondence_services.record_reply(
        Reply(
            recipient=LetterRecipient.objects.get(letter=letter, state=cambodia),
            received_on=date(2025, 4, 10),
            summary="Two hundred deminers.",
        ),
        staff,
    )
    # A revised version.
    revised = services.add_version(RequestVersion(request=request_, received_on=date(2025, 4, 10)))
    assert (revised.number, revised.kind) == (2, "revised")
    # The analysis, approved by the Chair from the page.
    services.save_analysis(
        Analysis(request=request_, text="Complete.", draft_decision="Grant until 2030.")
    )
    log_in_client(client, ca5_chair)
    page = client.get(reverse("extensions:request", args=[request_.pk]))
    assert page.status_code == 200
    assert "Approve as Chair" in page.content.decode()
    response = client.post(reverse("extensions:analysis_approve", args=[request_.pk]))
    assert response.status_code == 302
    request_.analysis.refresh_from_db()
    assert (request_.analysis.status, request_.analysis.approved_by) == ("approved", ca5_chair)

    page = client.get(request_.get_absolute_url())
    stages = {stage.kind: stage for stage in page.context["stages"]}
    assert stages[StageKind.RECEIVED].done_on == date(2025, 3, 20)
    assert stages[StageKind.RECEIVED].late  # expected by 1 March
    assert stages[StageKind.QUESTIONS_SENT].done_on == date(2025, 4, 10)
    assert not stages[StageKind.QUESTIONS_SENT].late
    assert stages[StageKind.REVISED_RECEIVED].done_on == date(2025, 4, 10)
    assert stages[StageKind.ANALYSIS_APPROVED].done_on == date(2025, 4, 10)
    assert stages[StageKind.PRELIMINARY_OBSERVATIONS].due == date(2025, 6, 17)

    # The decision at the Meeting: the State's deadline moves, its reminder re-arms.
    with time_machine.travel(datetime(2025, 12, 3, 15, tzinfo=UTC), tick=True):
        services.record_decision(
            Decision(
                request=request_,
                decided_on=date(2025, 12, 3),
                granted=True,
                new_deadline=date(2030, 12, 31),
                text="The Meeting grants the request.",
            ),
            [DecisionRequirement(text="An updated work plan", due_on=date(2027, 4, 30))],
        )
    cambodia.refresh_from_db()
    assert cambodia.clearance_deadline == date(2030, 12, 31)
    record = Article5Extension.objects.get(state=cambodia)
    assert (record.outcome, record.granted_until, record.decided_on) == (
        "granted",
        date(2030, 12, 31),
        date(2025, 12, 3),
    )
    anchors = set(
        OutgoingMessage.objects.filter(rule=rule, status="planned").values_list(
            "anchor_date", flat=True
        )
    )
    assert anchors == {date(2030, 12, 31)}
    # The public record: the State's page shows the new deadline.
    state_page = client.get(cambodia.get_absolute_url()).content.decode()
    assert "31 December 2030" in state_page


def test_the_analysis_is_approved_by_the_chair_only(request_, client, committees):
    services.save_analysis(Analysis(request=request_, text="A.", draft_decision="D."))
    member = UserFactory(username="mario", role="committee")
    log_in_client(client, member)
    response = client.post(reverse("extensions:analysis_approve", args=[request_.pk]))
    assert response.status_code == 403
    request_.analysis.refresh_from_db()
    assert request_.analysis.status == "draft"


def test_completion_and_previously_unknown_areas(cambodia, calendar):
    services.declare_completion(
        CompletionDeclaration(
            state=cambodia, declared_on=date(2025, 12, 2), meeting=calendar["22MSP"]
        )
    )
    cambodia.refresh_from_db()
    assert cambodia.clearance_completed_on == date(2025, 12, 2)
    assert not cambodia.article5_open
    services.record_previously_unknown(
        PreviouslyUnknownArea(
            state=cambodia,
            found_on=date(2026, 5, 1),
            area_m2=5000,
            decision="Clear as soon as possible and request a new deadline.",
        )
    )
    cambodia.refresh_from_db()
    assert cambodia.clearance_completed_on is None
    assert cambodia.article5_open


def test_the_pages_as_staff(request_, cambodia, staff_client):
    for name, args in (
        ("extensions:requests", []),
        ("extensions:expected", []),
        ("extensions:request", [request_.pk]),
        ("extensions:version", [request_.pk, 1]),
        ("extensions:state", ["KHM"]),
    ):
        assert staff_client.get(reverse(name, args=args)).status_code == 200
    expected = staff_client.get(reverse("extensions:expected"))
    assert [(row.state.iso3, row.status.value) for row in expected.context["page"]] == [
        ("KHM", "late")
    ]
    export = staff_client.get(reverse("extensions:expected") + "?format=csv")
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert lines == [
        "iso3,state,current_deadline,meeting,expected_by,received_on,status",
        "KHM,Cambodia,2026-03-01,22MSP,2025-03-01,2025-03-20,late",
    ]


def test_adding_content_lines(request_, staff_client):
    url = reverse("extensions:content_create", args=[request_.pk, 1, "work-plan"])
    response = staff_client.post(url, {"year": 2026, "area_m2": 120000, "budget": 900000})
    assert response.status_code == 302
    version = request_.versions.get(number=1)
    assert list(version.work_plan.values_list("year", "area_m2")) == [(2026, 120000)]
    assert staff_client.post(url, {"year": 2026, "area_m2": 1}).status_code == 400
    assert (
        staff_client.get(
            reverse("extensions:content_create", args=[request_.pk, 1, "nothing"])
        ).status_code
        == 404
    )


def test_the_expected_list_runs_the_same_queries_for_more_states(calendar, staff_client):
    for index in range(5):
        affected(f"A{index:02d}", f"State {index}", date(2015, 9, 10))
    small = len(queries_for(staff_client, reverse("extensions:expected")))
    for index in range(5, 50):
        affected(f"A{index:02d}", f"State {index}", date(2015, 9, 10))
    assert len(queries_for(staff_client, reverse("extensions:expected"))) == small


def test_the_analysis_renders_to_pdf_through_the_pipeline(request_):
    from documents.pdf import render_html, render_pdf

    analysis = services.save_analysis(
        Analysis(request=request_, text="First.\n\nSecond.", draft_decision="Grant.")
    )
    source = analysis.pdf_source()
    assert source.filename == "extension-analysis-KHM-22MSP.pdf"
    html = render_html(source.template_name, source.context, source.language)
    assert "Analysis of the request submitted by Cambodia" in html
    assert "DRAFT" in html
    assert render_pdf(source.template_name, source.context, source.language).startswith(b"%PDF")
