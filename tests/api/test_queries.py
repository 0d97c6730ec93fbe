"""List endpoints run the same number of queries for a few records and for many."""

from datetime import date

import pytest

from committees.models import Meeting
from reporting import services as reporting_services
from reporting.models import Article9Record, Submission
from states_parties.models import Contact, StateParty
from tests.factories import UserFactory, synthetic_iso3
from tests.utils import queries_for

from .conftest import token_client

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/states/",
    "/api/states/?status=state_party&open_obligation=article3&sort=-entry_into_force",
    "/api/contacts/",
    "/api/committees/",
    "/api/meetings/",
    "/api/seat-terms/",
    "/api/expected-reports/?status=overdue",
    "/api/submissions/",
    "/api/article9-records/",
    "/api/audiences/",
]


def grow(count: int, standing_committees, meetings) -> None:
    """``count`` more States, each with a contact, an Article 9 record, a report received and
    a committee meeting with two States met."""
    taken = set(StateParty.objects.values_list("iso3", flat=True))
    codes = [code for code in synthetic_iso3() if code not in taken][:count]
    states = []
    for code in codes:
        state = StateParty(
            iso3=code,
            name=f"State {code}",
            signature_date=date(1997, 12, 3),
            instrument="ratification",
            deposit_date=date(2000, 1, 5),
            has_mined_areas=True,
        )
        state.refresh_derived_dates()
        states.append(state)
    states = StateParty.objects.bulk_create(states)
    Contact.objects.bulk_create(
        Contact(state=s, kind="national", name=f"C {s.iso3}", email=f"c@{s.iso3}.example")
        for s in states
    )
    Article9Record.objects.bulk_create(
        Article9Record(state=s, as_of=date(2020, 1, 1), status="nothing_reported") for s in states
    )
    reporting_services.sync_expected_reports(states, through_year=2024)
    for state in states:
        Submission.objects.create(state=state, year=2020, received_on=date(2021, 4, 1))
        meeting = Meeting.objects.create(
            kind="bilateral",
            committee=standing_committees["CCC"],
            start_date=date(2026, 1, 1 + len(state.iso3) % 20),
            end_date=date(2026, 1, 2 + len(state.iso3) % 20),
        )
        meeting.states.set([state, StateParty.objects.order_by("pk").first()])


@pytest.mark.parametrize("url", LISTS)
def test_list_queries_do_not_grow_with_the_data(record, standing_committees, meetings, url):
    client = token_client(UserFactory(username="counter", role="isu_staff"))
    client.get(url)  # the first request of a day refreshes reporting summaries
    small = len(queries_for(client, f"{url}{'&' if '?' in url else '?'}page_size=200"))
    grow(15, standing_committees, meetings)
    client.get(url)
    large = len(queries_for(client, f"{url}{'&' if '?' in url else '?'}page_size=200"))
    assert small == large, url


RECORD_LISTS = [
    "/api/activities/",
    "/api/activities/?state=KHM&visibility=internal",
    "/api/priorities/",
    "/api/action-plans/",
    "/api/actions/",
    "/api/compliance-matters/",
    "/api/documents/",
    "/api/letters/",
    "/api/replies/",
    "/api/article7-reports/",
]


def grow_records(count: int, records) -> None:
    """``count`` more of each: activities at every level of both committees, priorities,
    actions, compliance matters, published documents with a rendered PDF, sent letters with a
    reply."""
    from activities import services as activity_services
    from activities.models import Action, Activity, ComplianceMatter, Priority
    from correspondence import services as correspondence_services
    from correspondence.models import Letter, Reply
    from documents import services as document_services
    from documents.models import Document, RenderJob

    staff = UserFactory(username="grower", role="isu_staff")
    approver = UserFactory(username="grower-approver", role="isu_staff")
    khm, deu = StateParty.objects.get(iso3="KHM"), StateParty.objects.get(iso3="DEU")
    for index in range(count):
        for name in ("ca5_public", "ca5_internal", "ccc_internal", "ccc_confidential"):
            model = records[name]
            activity_services.save_activity(
                Activity(
                    committee=model.committee,
                    date=date(2026, 1, 1 + index % 28),
                    kind="meeting",
                    text=f"{model.text} ({index})",
                    visibility=model.visibility,
                    compliance_matter=model.compliance_matter,
                ),
                states=[khm, deu],
                actions=records["actions"],
            )
        activity_services.save_priority(
            Priority(committee=records["ca5_public"].committee, period="2026-2027", text="x"),
            actions=records["actions"],
        )
        activity_services.save_action(
            Action(plan=records["plan"], number=100 + index, short_title="x", text="x")
        )
        activity_services.save_compliance_matter(
            ComplianceMatter(title=f"Matter {index}", kind="other", opened_on=date(2026, 2, 1)),
            states=[khm, deu],
        )
        document = document_services.create_document(
            Document(
                committee=records["ca5_public"].committee,
                kind="activities-priorities",
                period="2025-2026",
                date=date(2026, 6, 1),
                symbol=f"APLC/CA5/2026/G{index}",
                visibility="public",
            ),
            staff,
        )
        document_services.add_paragraph(document, "activities", "x")
        document_services.submit_to_chair(document, staff)
        document_services.approve(document, staff)
        document_services.publish(document, staff)
        RenderJob.objects.filter(object_id__in=document.versions.values("pk")).update(
            status=RenderJob.Status.DONE
        )
        letter = correspondence_services.save_letter(
            Letter(
                title=f"Letter {index}",
                committee=records["ca5_letter"].committee,
                addressees=Letter.Addressees.HAND_PICKED,
                subject_en="Subject",
                body_en="Text",
            ),
            [khm],
            staff,
        )
        correspondence_services.approve_letter(letter, approver)
        correspondence_services.send_letter(letter, staff)
        correspondence_services.record_reply(
            Reply(recipient=letter.recipients.get(), received_on=date(2026, 6, 15), summary="x"),
            staff,
        )


@pytest.mark.parametrize("url", RECORD_LISTS)
def test_record_lists_do_not_grow_with_the_data(records, member, ccc_member, url):
    clients = {
        "staff": token_client(UserFactory(username="counter", role="isu_staff")),
        "ccc_member": token_client(ccc_member),
    }
    if "compliance" not in url:
        clients["ca5_member"] = token_client(member)
    sized = f"{url}{'&' if '?' in url else '?'}page_size=200"
    for client in clients.values():
        client.get(url)  # the first request of a day refreshes reporting summaries
    small = {name: len(queries_for(client, sized)) for name, client in clients.items()}
    grow_records(4, records)
    large = {name: len(queries_for(client, sized)) for name, client in clients.items()}
    assert small == large, url
