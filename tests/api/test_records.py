"""Activities, priorities, action plans, compliance matters, documents, letters and replies
through the API: who reads which records (exact sets), who writes, and the filters."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from activities.models import Activity, ComplianceMatter, Priority
from correspondence.models import Reply
from documents.models import DocumentVersion, RenderJob

from .conftest import token_client
from .once import (  # noqa: F401  (the records, built once for the module)
    built,
    ccc_member,
    meetings,
    member,
    record,
    records,
    seat,
    standing_committees,
    states,
)

pytestmark = pytest.mark.django_db

RECORDS_ONCE = True  # tests/api/once.py

PEOPLE = ("staff", "ca5_member", "ccc_member", "observer")


@pytest.fixture
def clients(records, api_staff, api_member, api_ccc_member, api_observer):
    return {
        "staff": api_staff,
        "ca5_member": api_member,
        "ccc_member": api_ccc_member,
        "observer": api_observer,
        "anonymous": APIClient(),
    }


def ids(client, url: str, key: str = "id") -> set:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {row[key] for row in response.json()["results"]}


def pks(records, *names) -> set[int]:
    return {records[name].pk for name in names}


def test_activities_by_level_and_committee(records, clients):
    expected = {
        "staff": pks(
            records,
            "ca5_public",
            "ca5_states_parties",
            "ca5_internal",
            "ccc_internal",
            "ccc_confidential",
        ),
        "ca5_member": pks(records, "ca5_public", "ca5_states_parties", "ca5_internal"),
        "ccc_member": pks(
            records, "ca5_public", "ca5_states_parties", "ccc_internal", "ccc_confidential"
        ),
        "observer": pks(records, "ca5_public"),
    }
    for person in PEOPLE:
        assert ids(clients[person], "/api/activities/") == expected[person], person
        for name in ("ca5_internal", "ccc_internal", "ccc_confidential"):
            status = clients[person].get(f"/api/activities/{records[name].pk}/").status_code
            assert status == (200 if records[name].pk in expected[person] else 404), (person, name)
    assert clients["anonymous"].get("/api/activities/").status_code == 401


def test_an_activity_as_the_api_gives_it(records, clients):
    activity = records["ccc_confidential"]
    body = clients["ccc_member"].get(f"/api/activities/{activity.pk}/").json()
    assert body == {
        "id": activity.pk,
        "committee": "CCC",
        "date": "2026-03-10",
        "end_date": None,
        "kind": "meeting",
        "text": "Confidential dialogue on the alleged use.",
        "text_fr": "",
        "text_es": "",
        "visibility": "confidential",
        "states": ["KHM"],
        "actions": [records["actions"][0].pk],
        "articles": [],
        "meeting": None,
        "compliance_matter": records["matter"].pk,
        "created_at": body["created_at"],
        "web_url": f"http://testserver/activities/{activity.pk}/",
    }


def test_activity_filters(records, clients):
    staff = clients["staff"]
    assert ids(staff, "/api/activities/?committee=ca5&visibility=internal") == pks(
        records, "ca5_internal"
    )
    assert ids(staff, "/api/activities/?q=ruritanian") == pks(
        records, "ca5_internal", "ccc_internal"
    )
    assert len(ids(staff, "/api/activities/?state=KHM")) == 5
    assert ids(staff, "/api/activities/?state=DEU") == set()
    assert ids(staff, "/api/activities/?after=2026-04-01") == set()
    assert staff.get("/api/activities/?visibility=secret").status_code == 400
    assert staff.get("/api/activities/?after=").status_code == 400


def test_compliance_matters_for_staff_and_the_compliance_committee_only(records, clients):
    matter = records["matter"].pk
    assert ids(clients["staff"], "/api/compliance-matters/") == {matter}
    assert ids(clients["ccc_member"], "/api/compliance-matters/") == {matter}
    for person in ("ca5_member", "observer"):
        assert clients[person].get("/api/compliance-matters/").status_code == 403
        assert clients[person].get(f"/api/compliance-matters/{matter}/").status_code == 403
    assert clients["anonymous"].get("/api/compliance-matters/").status_code == 401


def test_only_staff_and_the_compliance_committee_see_which_matter_an_activity_concerns(
    records, clients
):
    """A confidential activity is read by no one else anyway; the rule holds on its own too."""
    rows = clients["staff"].get("/api/activities/?visibility=confidential").json()["results"]
    assert [row["compliance_matter"] for row in rows] == [records["matter"].pk]


def test_priorities_and_action_plans_are_public(records, clients):
    priorities = pks(records, "ca5_priority", "ccc_priority")
    for person in PEOPLE:
        assert ids(clients[person], "/api/priorities/") == priorities
        assert ids(clients[person], "/api/action-plans/", key="code") == {"SRAAP"}
        assert ids(clients[person], "/api/actions/") == {a.pk for a in records["actions"]}
    for url in ("/api/priorities/", "/api/action-plans/", "/api/actions/"):
        assert clients["anonymous"].get(url).status_code == 401
    plan = clients["observer"].get("/api/action-plans/sraap/").json()
    assert [(a["number"], a["short_title"]) for a in plan["actions"]] == [
        (10, "Reporting on clearance"),
        (48, "Transparency reports"),
    ]
    assert ids(clients["observer"], "/api/priorities/?committee=CCC") == pks(
        records, "ccc_priority"
    )
    assert ids(clients["observer"], "/api/action-plans/?year=2024", key="code") == set()


def test_documents_by_publication_level_and_drafts_of_own_committee(records, clients):
    expected = {
        "staff": pks(
            records,
            "ca5_public_document",
            "ca5_internal_draft",
            "ccc_states_parties_document",
            "ccc_confidential_draft",
        ),
        "ca5_member": pks(
            records, "ca5_public_document", "ca5_internal_draft", "ccc_states_parties_document"
        ),
        "ccc_member": pks(
            records, "ca5_public_document", "ccc_states_parties_document", "ccc_confidential_draft"
        ),
        "observer": pks(records, "ca5_public_document"),
    }
    for person in PEOPLE:
        assert ids(clients[person], "/api/documents/") == expected[person], person
        for name in ("ca5_internal_draft", "ccc_confidential_draft"):
            status = clients[person].get(f"/api/documents/{records[name].pk}/").status_code
            assert status == (200 if records[name].pk in expected[person] else 404), (person, name)
    assert clients["anonymous"].get("/api/documents/").status_code == 401
    assert ids(clients["staff"], "/api/documents/?committee=ccc&status=draft") == pks(
        records, "ccc_confidential_draft"
    )


def test_a_document_gives_its_versions_and_a_link_to_the_pdf_not_the_pdf(records, clients):
    document = records["ca5_public_document"]
    version = DocumentVersion.objects.get(document=document)
    url = f"/api/documents/{document.pk}/"
    body = clients["observer"].get(url).json()
    assert body["symbol"] == "APLC/CA5/2026/1"
    assert body["status"] == "published"
    assert body["versions"] == [
        {
            "number": 1,
            "visibility": "public",
            "published_at": body["versions"][0]["published_at"],
            "note": "",
            "web_url": f"http://testserver/documents/{document.pk}/versions/1/",
            "pdf_url": None,
        }
    ]
    job = RenderJob.objects.get(object_id=version.pk, content_type__model="documentversion")
    RenderJob.objects.filter(pk=job.pk).update(status=RenderJob.Status.DONE)
    pdf_url = clients["observer"].get(url).json()["versions"][0]["pdf_url"]
    assert pdf_url == f"http://testserver/documents/jobs/{job.pk}/file/"


def test_letters_of_own_committees_and_never_for_observers(records, clients):
    expected = {
        "staff": pks(records, "ca5_letter", "ccc_letter", "isu_letter"),
        "ca5_member": pks(records, "ca5_letter"),
        "ccc_member": pks(records, "ccc_letter"),
    }
    for person, letters in expected.items():
        assert ids(clients[person], "/api/letters/") == letters, person
        status = clients[person].get(f"/api/letters/{records['isu_letter'].pk}/").status_code
        assert status == (200 if person == "staff" else 404)
    assert clients["observer"].get("/api/letters/").status_code == 403
    assert clients["anonymous"].get("/api/letters/").status_code == 401
    letter = clients["ca5_member"].get(f"/api/letters/{records['ca5_letter'].pk}/").json()
    assert (letter["status"], letter["recipients"], letter["states"]) == ("sent", ["KHM"], ["KHM"])
    assert letter["reference"] == f"CA5/2026/{records['ca5_letter'].pk}"
    assert "mission@khm.example" not in str(letter)
    assert ids(clients["staff"], "/api/letters/?status=draft&committee=ccc") == pks(
        records, "ccc_letter"
    )


def test_replies_follow_their_letter(records, clients):
    reply = records["ca5_reply"].pk
    assert ids(clients["staff"], "/api/replies/") == {reply}
    assert ids(clients["ca5_member"], "/api/replies/") == {reply}
    assert ids(clients["ccc_member"], "/api/replies/") == set()
    assert clients["ccc_member"].get(f"/api/replies/{reply}/").status_code == 404
    assert clients["observer"].get("/api/replies/").status_code == 403
    assert clients["anonymous"].get("/api/replies/").status_code == 401
    body = clients["ca5_member"].get(f"/api/replies/{reply}/").json()
    assert body == {
        "id": reply,
        "letter": records["ca5_letter"].pk,
        "state": "KHM",
        "received_on": "2026-06-15",
        "summary": "Cambodia replied.",
        "has_attachment": False,
    }
    assert ids(clients["staff"], "/api/replies/?state=deu") == set()


WRITES = [
    ("post", "/api/activities/", {"committee": "CA5", "date": "2026-05-01", "kind": "meeting"}),
    ("post", "/api/priorities/", {"committee": "CA5", "period": "2026-2027", "text": "x"}),
    ("post", "/api/action-plans/", {"code": "X", "name": "X", "start_year": 2030}),
    ("post", "/api/actions/", {"plan": "SRAAP", "number": 2, "short_title": "x", "text": "x"}),
    ("post", "/api/compliance-matters/", {"title": "x"}),
    ("post", "/api/replies/", {"letter": 1, "state": "KHM", "received_on": "2026-06-15"}),
]


@pytest.mark.parametrize(("method", "url", "data"), WRITES)
def test_only_staff_write(records, clients, method, url, data):
    for person in ("ca5_member", "ccc_member", "observer"):
        response = getattr(clients[person], method)(url, data, format="json")
        assert response.status_code == 403, (person, url)


def test_read_only_endpoints_refuse_writes_even_from_staff(records, clients):
    assert clients["staff"].post("/api/documents/", {}, format="json").status_code == 405
    # Staff write letters' drafts; nobody deletes a letter through the API.
    letter = records["isu_letter"].pk
    assert clients["staff"].delete(f"/api/letters/{letter}/").status_code == 405
    reply = records["ca5_reply"].pk
    assert clients["staff"].delete(f"/api/replies/{reply}/").status_code == 405


def test_staff_record_a_reply_of_a_state_the_letter_was_sent_to(records, clients):
    letter = records["ca5_letter"]
    recipient = letter.recipients.get()
    Reply.objects.filter(pk=records["ca5_reply"].pk).delete()
    data = {"letter": letter.pk, "state": "khm", "received_on": "2026-06-15", "summary": "Yes."}
    response = clients["staff"].post("/api/replies/", data, format="json")
    assert response.status_code == 201, response.json()
    reply = Reply.objects.get()
    assert (reply.recipient, reply.summary, reply.recorded_by.username) == (
        recipient,
        "Yes.",
        "api-staff",
    )
    assert response.json() == {
        "id": reply.pk,
        "letter": letter.pk,
        "state": "KHM",
        "received_on": "2026-06-15",
        "summary": "Yes.",
        "has_attachment": False,
    }
    for refused, field in [
        ({**data, "state": "DEU"}, "state"),  # not sent to Germany
        ({**data, "letter": records["ccc_letter"].pk}, "state"),  # a draft was sent to no one
        ({**data, "received_on": "2026-06-16"}, "received_on"),  # in the future
        ({**data, "received_on": "2026-06-14"}, "received_on"),  # before the letter was sent
    ]:
        response = clients["staff"].post("/api/replies/", refused, format="json")
        assert response.status_code == 400, refused
        assert list(response.json()) == [field]


def test_staff_record_an_activity_through_the_service(records, clients):
    response = clients["staff"].post(
        "/api/activities/",
        {
            "committee": "CA5",
            "date": "2026-05-04",
            "kind": "workshop",
            "text": "On 4 May 2026, the Committee held a workshop on survey methods.",
            "text_fr": "Le 4 mai 2026, le Comité a organisé un atelier sur les méthodes d’enquête.",
            "visibility": "public",
            "states": ["PER", "DEU"],
            "articles": [5],
            "actions": [records["actions"][0].pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.created_by.username == "api-staff"
    assert activity.missing_translations == ["es"]
    assert sorted(activity.states.values_list("iso3", flat=True)) == ["DEU", "PER"]
    assert response.json()["states"] == ["DEU", "PER"]
    assert ids(clients["observer"], "/api/activities/?kind=workshop") == {activity.pk}


def test_an_engagement_on_a_compliance_matter_must_be_a_confidential_ccc_activity(records, clients):
    response = clients["staff"].post(
        "/api/activities/",
        {
            "committee": "CA5",
            "date": "2026-05-04",
            "kind": "engagement",
            "text": "A meeting.",
            "visibility": "internal",
            "compliance_matter": records["matter"].pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"visibility", "compliance_matter"}


def test_staff_write_priorities_and_matters_and_deleting_a_cited_record_is_refused(
    records, clients
):
    staff = clients["staff"]
    response = staff.post(
        "/api/priorities/",
        {"committee": "CA5", "period": "2026-2027", "text": "Second priority."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["position"] == 2
    assert Priority.objects.filter(committee__code="CA5").count() == 2
    matter = staff.patch(
        f"/api/compliance-matters/{records['matter'].pk}/",
        {"status": "closed", "closed_on": "2026-06-01"},
        format="json",
    )
    assert matter.status_code == 200, matter.json()
    assert ComplianceMatter.objects.get().status == "closed"
    assert staff.delete(f"/api/compliance-matters/{records['matter'].pk}/").status_code == 409
    assert staff.delete(f"/api/action-plans/{records['plan'].code}/").status_code == 409


def test_a_token_sees_what_its_user_sees(records):
    from tests.factories import UserFactory

    observer = token_client(UserFactory(username="website", role="observer"))
    assert ids(observer, "/api/activities/") == pks(records, "ca5_public")
    assert date(2026, 3, 10).isoformat() in str(observer.get("/api/activities/").json())


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/api/contacts/", {"state": "K\x00H", "kind": "national", "name": "A", "email": "a@b.c"}),
        ("/api/meetings/", {"kind": "workshop", "start_date": "2026-07-01", "states": ["\x00"]}),
        ("/api/activities/", {"committee": "C\x00", "date": "2026-05-01", "kind": "meeting"}),
    ],
)
def test_a_null_character_in_a_code_is_refused_not_a_server_error(records, clients, url, data):
    response = clients["staff"].post(url, data, format="json")
    assert response.status_code == 400
    assert list(response.json().values()) == [["Null characters are not allowed."]]
