"""An Article 5 extension request in the browser, from its arrival to the Meeting's decision:
ISU staff record the request (with its file), send the State questions (a Committee letter,
answered), record the revised request and write the analysis; the Committee's Chair approves
it; at the Meeting staff record the decision and what it asks of the State. The State's
deadline moves, its reminder re-arms, its record and export follow."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from correspondence import planning
from correspondence import services as correspondence_services
from correspondence.models import Anchor, LetterRecipient, OutgoingMessage, ReminderRule, Reply
from extensions.models import ExtensionRequest
from tests.extensions.conftest import affected, ca5_chair, calendar, committees  # noqa: F401
from tests.factories import ContactFactory, UserFactory

from .conftest import sign_in, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def people(calendar, ca5_chair):  # noqa: F811
    staff = UserFactory(username="irene", role="isu_staff")
    UserFactory(username="ivan", role="isu_staff")
    cambodia = affected("KHM", "Cambodia", date(2015, 9, 10))  # deadline 1 March 2026
    ContactFactory(state=cambodia, email="mission@cambodia.example")
    with time_machine.travel(datetime(2025, 1, 10, 9, tzinfo=UTC)):
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
        # The process's own anchors: the day the request is expected, what a decision asks.
        expected_rule, asked_rule = (
            ReminderRule(
                name=name,
                anchor=anchor,
                offsets=[-14],
                subject_en="{{ state }}: {{ deadline }}",
                body_en="Dear {{ contact_name }}, this is expected by {{ deadline }}.",
                effective_from=date(2025, 1, 1),
            )
            for name, anchor in (
                ("Extension request expected", Anchor.ARTICLE5_EXTENSION_REQUEST),
                ("What the decision asks", Anchor.EXTENSION_DECISION_REQUEST),
            )
        )
        for each in (expected_rule, asked_rule):
            each.full_clean()
            correspondence_services.save_rule(each)
            planning.reconcile(each)
    return {
        "staff": staff,
        "chair": ca5_chair,
        "state": cambodia,
        "rule": rule,
        "expected_rule": expected_rule,
        "asked_rule": asked_rule,
    }


def _planned(rule) -> set[tuple[date, str]]:
    return set(OutgoingMessage.objects.filter(rule=rule).values_list("anchor_date", "status"))


def test_a_request_from_arrival_to_decision(app, people):
    base = app.base_url
    cambodia, rule = people["state"], people["rule"]
    assert OutgoingMessage.objects.get(rule=rule).anchor_date == date(2026, 3, 1)
    # The request is expected nine months before the 22nd Meeting opens (1 December 2025).
    assert _planned(people["expected_rule"]) == {(date(2025, 3, 1), "planned")}
    assert _planned(people["asked_rule"]) == set()

    with time_machine.travel(datetime(2025, 3, 20, 9, tzinfo=UTC), tick=True):
        sign_in(app, "irene")
        app.goto(f"{base}/extensions/expected/")
        expect(app.get_by_test_id("expected-table")).to_contain_text("Cambodia")
        expect(app.get_by_test_id("request-status")).to_have_text("Missing")
        app.get_by_role("link", name="Record a request").click()
        app.locator("#id_state").select_option(label="Cambodia")
        app.locator("#id_meeting").select_option(label="Meeting of the States Parties (22MSP)")
        app.locator("#id_received_on").fill("2025-03-20")
        app.locator("#id_symbol").fill("APLC/MSP.22/2025/WP.3")
        app.locator("#id_requested_until").fill("2030-12-31")
        app.locator("#id_document").set_input_files(
            files=[{"name": "request.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        app.get_by_role("button", name="Save").click()
        expect(app.get_by_test_id("received-on")).to_have_text("20 March 2025")
        request = ExtensionRequest.objects.get(state=cambodia)
        assert request.versions.get().document.name.endswith(".pdf")
        # Received (late): the reminder of the request expected is no longer sent.
        assert _planned(people["expected_rule"]) == {(date(2025, 3, 1), "skipped")}

        # Questions to the State: a draft letter of the Committee, approved and sent.
        app.get_by_role("link", name="Send questions to the State").click()
        app.locator("#id_title").fill("Questions on the request of {{ state }}")
        app.locator("#id_body").fill("Dear {{ contact_name }},\n\nHow many deminers?")
        app.locator("#id_reply_due").fill("2025-04-15")
        app.get_by_role("button", name="Save").click()
        app.wait_for_url("**/correspondence/letters/**")
        letter = request.questions.get().letter
        correspondence_services.approve_letter(
            letter, get_user_model().objects.get(username="ivan")
        )
        correspondence_services.send_letter(letter, people["staff"])
        correspondence_services.record_reply(
            Reply(
                recipient=LetterRecipient.objects.get(letter=letter, state=cambodia),
                received_on=date(2025, 3, 20),
                summary="Two hundred deminers.",
            ),
            people["staff"],
        )
        app.goto(f"{base}{request.get_absolute_url()}")
        expect(app.get_by_test_id("questions")).to_contain_text("Two hundred deminers.")

        # The revised request and the analysis.
        app.get_by_role("link", name="Record a revised request").click()
        app.locator("#id_received_on").fill("2025-03-20")
        app.get_by_role("button", name="Save").click()
        app.goto(f"{base}{request.get_absolute_url()}")
        expect(app.get_by_test_id("versions")).to_contain_text("Version 2: Revised request")
        app.get_by_role("link", name="Write the analysis").click()
        app.locator("#id_text").fill("The request is complete.")
        app.locator("#id_draft_decision").fill("The Meeting grants the request until 2030.")
        app.get_by_role("button", name="Save").click()
        expect(app.get_by_test_id("analysis-status")).to_have_text("Draft")
        sign_out(app)

        # The Chair approves.
        sign_in(app, "carmen")
        app.goto(f"{base}{request.get_absolute_url()}")
        app.get_by_role("button", name="Approve as Chair").click()
        expect(app.get_by_test_id("analysis-status")).to_have_text("Approved by the Chair")
        sign_out(app)

    # At the Meeting: the decision, and what it asks of the State.
    with time_machine.travel(datetime(2025, 12, 3, 15, tzinfo=UTC), tick=True):
        sign_in(app, "irene")
        app.goto(f"{base}{request.get_absolute_url()}")
        app.get_by_role("link", name="Record the decision").click()
        app.locator("#id_decided_on").fill("2025-12-03")
        app.locator("#id_granted").check()
        app.locator("#id_new_deadline").fill("2030-12-31")
        app.locator("#id_text").fill("The Meeting grants the request.")
        app.get_by_role("button", name="Save").click()
        expect(app.get_by_test_id("decision")).to_contain_text("31 December 2030")
        app.get_by_role("link", name="Add what the decision asks").click()
        app.locator("#id_text").fill("An updated work plan")
        app.locator("#id_due_on").fill("2027-04-30")
        app.get_by_role("button", name="Save").click()
        expect(app.get_by_test_id("requirements")).to_contain_text("An updated work plan")
        expect(app.get_by_test_id("current-deadline")).to_have_text("31 December 2030")

        # The State's record and its export follow; the reminder re-armed.
        app.goto(f"{base}/states/KHM/")
        expect(app.locator("main")).to_contain_text("31 December 2030")
        exported = app.request.get(f"{base}/states/export.csv").text()
        assert "2030-12-31" in next(line for line in exported.splitlines() if "KHM" in line)
        assert set(
            OutgoingMessage.objects.filter(rule=rule, status="planned").values_list(
                "anchor_date", flat=True
            )
        ) == {date(2030, 12, 31)}
        # What the decision asks is tracked: its reminder is planned for the day it is due.
        assert _planned(people["asked_rule"]) == {(date(2027, 4, 30), "planned")}
        # The public record: the States Parties page of the public website.
        app.goto(f"{base}/en/states-parties/")
        public_row = app.get_by_role("row", name="Cambodia")
        expect(public_row).to_contain_text("31 December 2030")
        exported = app.request.get(f"{base}/api/states/KHM/").json()
        assert exported["clearance_deadline"] == "2030-12-31"
        # The Meeting still sits: its requests are listed, Cambodia's (late) with its new
        # deadline.
        app.goto(f"{base}/extensions/expected/")
        row = app.get_by_test_id("expected-table").get_by_role("row", name="Cambodia")
        expect(row).to_contain_text("31 December 2030")
        expect(row).to_contain_text("Received late")
