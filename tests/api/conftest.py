from datetime import UTC, date, datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from activities import services as activity_services
from activities.models import Action, ActionPlan, Activity, ComplianceMatter, Priority
from api import services as api_services
from committees import services as committee_services
from committees.models import Committee, Meeting, SeatTerm
from correspondence import services as correspondence_services
from correspondence.models import Letter, Reply
from documents import services as document_services
from documents.models import Document
from reporting import services as reporting_services
from reporting.models import Article9Record, Submission
from states_parties.models import Contact
from tests.committee_fixtures import meetings, seat, standing_committees, states  # noqa: F401
from tests.factories import ContactFactory, UserFactory


@pytest.fixture(autouse=True)
def mid_2026():
    """Germany and Peru sit on CA5 from the close of 22MSP (5 Dec 2025)."""
    with time_machine.travel(datetime(2026, 6, 15, 9, 0, tzinfo=UTC), tick=True):
        yield


def token_client(user) -> APIClient:
    _token, secret = api_services.create_token(user, name="test", expiry=None, created_by=None)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


@pytest.fixture
def record(states, meetings, standing_committees, seat):  # noqa: F811
    return make_record(states, meetings, standing_committees, seat)


# The fixtures call plain functions, so that a module-scoped fixture can build the same records
# once (tests/api/test_schemathesis.py).
def make_record(states, meetings, standing_committees, seat):  # noqa: F811
    """Fourteen States; Germany and Peru sit on CA5 (2026), Japan presides 22MSP; a CA5 meeting
    and a CCC meeting; Cambodia's restricted 2024 report; one contact; one Article 9 record."""
    seat("CA5", "DEU", "22MSP", "24MSP")
    seat("CA5", "PER", "22MSP", "24MSP")
    ca5 = Meeting.objects.create(
        kind="committee",
        committee=standing_committees["CA5"],
        title="CA5 retreat",
        start_date=date(2026, 2, 10),
        end_date=date(2026, 2, 11),
        venue="Geneva",
    )
    ccc = Meeting.objects.create(
        kind="committee",
        committee=standing_committees["CCC"],
        title="CCC consultations on an alleged use",
        start_date=date(2026, 3, 3),
        end_date=date(2026, 3, 3),
        venue="Geneva",
    )
    reporting_services.sync_expected_reports(states.values(), through_year=2024)
    khm = states["KHM"]
    reporting_services.save_submission(
        Submission(
            state=khm,
            year=2024,
            received_on=date(2025, 4, 2),
            link="https://example.org/khm-2024.pdf",
            visibility="states_parties",
            notes="Sent through the mission.",
        )
    )
    reporting_services.save_article9_record(
        Article9Record(state=khm, as_of=date(2024, 5, 1), status="in_preparation")
    )
    ContactFactory(
        state=khm,
        kind=Contact.Kind.PERMANENT_MISSION,
        name="Mission of Cambodia",
        email="mission@khm.example",
    )
    return {"states": states, "ca5_meeting": ca5, "ccc_meeting": ccc}


@pytest.fixture
def member(record):
    return make_member(record)


def make_member(record):
    """A representative of Germany on CA5."""
    from committees.models import Representative, SeatTerm

    user = UserFactory(username="deu-delegate", role="committee")
    term = SeatTerm.objects.get(committee__code="CA5", state__iso3="DEU")
    Representative.objects.create(term=term, name="Delegate of Germany", user=user)
    return user


@pytest.fixture
def api_staff(db):
    return token_client(UserFactory(username="api-staff", role="isu_staff"))


@pytest.fixture
def api_observer(db):
    return token_client(UserFactory(username="api-observer", role="observer"))


@pytest.fixture
def api_member(member):
    return token_client(member)


@pytest.fixture
def ccc_member(record):
    return make_ccc_member(record)


def make_ccc_member(record):
    """A representative of Canada on the Committee on Cooperative Compliance (2026-2027)."""
    from committees.models import Representative

    term = committee_services.save_term(
        SeatTerm(
            committee=Committee.objects.get(code="CCC"),
            state=record["states"]["CAN"],
            start_meeting=Meeting.objects.get(kind="msp", number=22),
            end_meeting=Meeting.objects.get(kind="msp", number=24),
        )
    )
    user = UserFactory(username="can-delegate", role="committee")
    Representative.objects.create(term=term, name="Delegate of Canada", user=user)
    return user


@pytest.fixture
def api_ccc_member(ccc_member):
    return token_client(ccc_member)


#: What each activity of ``records`` says: its committee, its level, its paragraph.
ACTIVITIES = {
    "ca5_public": ("CA5", "public", "Public workshop on land release in Geneva."),
    "ca5_states_parties": ("CA5", "states_parties", "Briefing for States Parties on surveys."),
    "ca5_internal": ("CA5", "internal", "Internal review of the Ruritanian clearance plan."),
    "ccc_internal": ("CCC", "internal", "Internal planning of the Ruritanian consultations."),
    "ccc_confidential": ("CCC", "confidential", "Confidential dialogue on the alleged use."),
}


@pytest.fixture
def records(record, member, ccc_member):
    return make_records(record, member, ccc_member)


def make_records(record, member, ccc_member):
    """Activities at every level of CA5 and CCC, a compliance matter, an action plan with two
    actions, a priority of each committee, four documents (published or draft, at several
    levels), a letter of each committee and of the ISU, and a reply to the CA5 letter."""
    staff = UserFactory(username="records-staff", role="isu_staff")
    committees = {c.code: c for c in Committee.objects.filter(code__in=["CA5", "CCC"])}
    by_iso3 = record["states"]
    matter = activity_services.save_compliance_matter(
        ComplianceMatter(
            title="Alleged use by Ruritania", kind="alleged_use", opened_on=date(2026, 1, 12)
        ),
        states=[by_iso3["KHM"]],
    )
    plan = activity_services.save_action_plan(
        ActionPlan(
            code="SRAAP", name="Siem Reap-Angkor Action Plan", start_year=2025, end_year=2029
        )
    )
    actions = [
        activity_services.save_action(
            Action(plan=plan, number=number, short_title=title, text=f"{title}: the text.")
        )
        for number, title in [(10, "Reporting on clearance"), (48, "Transparency reports")]
    ]
    created = {"matter": matter, "plan": plan, "actions": actions}
    for key, (code, level, text) in ACTIVITIES.items():
        created[key] = activity_services.save_activity(
            Activity(
                committee=committees[code],
                date=date(2026, 3, 10),
                kind="meeting",
                text=text,
                visibility=level,
                compliance_matter=matter if key == "ccc_confidential" else None,
            ),
            states=[by_iso3["KHM"]],
            actions=actions[:1],
            user=staff,
        )
    for code in ("CA5", "CCC"):
        created[f"{code.lower()}_priority"] = activity_services.save_priority(
            Priority(
                committee=committees[code], period="2026-2027", text=f"{code} priority: Ruritania."
            ),
            actions=actions[1:],
        )

    def document(code, symbol, level, publish):
        made = document_services.create_document(
            Document(
                committee=committees[code],
                kind="activities-priorities",
                period="2025-2026",
                date=date(2026, 6, 1),
                symbol=symbol,
                visibility=level,
            ),
            staff,
        )
        if publish:
            document_services.add_paragraph(made, "activities", "A paragraph on Ruritania.")
            document_services.submit_to_chair(made, staff)
            document_services.approve(made, staff)
            document_services.publish(made, staff)
        return made

    created["ca5_public_document"] = document("CA5", "APLC/CA5/2026/1", "public", True)
    created["ca5_internal_draft"] = document("CA5", "APLC/CA5/2026/2", "internal", False)
    created["ccc_states_parties_document"] = document(
        "CCC", "APLC/CCC/2026/1", "states_parties", True
    )
    created["ccc_confidential_draft"] = document("CCC", "APLC/CCC/2026/2", "confidential", False)

    def letter(code, title):
        return correspondence_services.save_letter(
            Letter(
                title=title,
                committee=committees.get(code),
                addressees=Letter.Addressees.HAND_PICKED,
                subject_en=f"{title}: Ruritania",
                body_en="Dear colleagues, about Ruritania.",
            ),
            [by_iso3["KHM"]],
            staff,
        )

    created["ca5_letter"] = letter("CA5", "CA5 letter on clearance")
    created["ccc_letter"] = letter("CCC", "CCC letter on compliance")
    created["isu_letter"] = letter(None, "ISU letter on the meeting")
    # A committee's letter is approved by a second person (its Chair or other staff).
    approver = UserFactory(username="records-approver", role="isu_staff")
    correspondence_services.approve_letter(created["ca5_letter"], approver)
    correspondence_services.send_letter(created["ca5_letter"], staff)
    recipient = created["ca5_letter"].recipients.get()
    created["ca5_reply"] = correspondence_services.record_reply(
        Reply(recipient=recipient, received_on=date(2026, 6, 15), summary="Cambodia replied."),
        staff,
    )
    return created
