"""Who reads and writes what through the API: the same rules as the pages."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from api import services as api_services
from api.authentication import ApiTokenAuthentication
from api.models import ApiToken
from common.collation import collation_key
from reporting.models import ExpectedReport
from states_parties.models import StateParty
from tests.factories import UserFactory

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

PUBLIC = [
    "/api/states/",
    "/api/states/KHM/",
    "/api/committees/",
    "/api/committees/CA5/",
    "/api/committees/CA5/composition/",
    "/api/meetings/",
    "/api/seat-terms/",
    "/api/expected-reports/",
    "/api/submissions/",
    "/api/article9-records/",
]
NOT_FOR_OBSERVERS = ["/api/contacts/", "/api/audiences/"]


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize("url", [*PUBLIC, *NOT_FOR_OBSERVERS, "/api/schema/"])
def test_anonymous_requests_are_refused_with_401(record, url):
    response = APIClient().get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_wrong_or_revoked_token_is_refused(record):
    user = UserFactory(username="website", role="observer")
    token, secret = api_services.create_token(user, name="site", expiry=None, created_by=None)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret[:-1]}x")
    assert client.get("/api/states/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert client.get("/api/states/").status_code == 200
    api_services.revoke_token(token)
    assert client.get("/api/states/").status_code == 401


def test_an_expired_token_is_refused_and_kept_until_revoked(record):
    user = UserFactory(username="website", role="observer")
    token, secret = api_services.create_token(
        user, name="site", expiry=timedelta(days=30), created_by=None
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert client.get("/api/states/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert client.get("/api/states/").status_code == 401
    assert ApiToken.objects.filter(pk=token.pk).exists()  # listed, with its expiry date
    api_services.revoke_token(token)
    assert client.get("/api/states/").status_code == 401


def test_a_token_is_checked_with_one_query(record):
    # knox reads the user's other tokens too, on every request, to delete expired ones.
    user = UserFactory(username="website", role="observer")
    api_services.create_token(user, name="old", expiry=timedelta(days=1), created_by=None)
    _token, secret = api_services.create_token(user, name="site", expiry=None, created_by=None)
    authentication = ApiTokenAuthentication()
    authentication.authenticate_credentials(secret.encode())  # records the use: an UPDATE
    with CaptureQueriesContext(connection) as queries:
        authenticated, _ = authentication.authenticate_credentials(secret.encode())
    assert authenticated == user
    assert len(queries) == 1


def test_only_a_hash_of_the_secret_is_stored_and_use_is_recorded(record):
    user = UserFactory(username="website", role="observer")
    token, secret = api_services.create_token(user, name="site", expiry=None, created_by=None)
    assert secret.startswith("isu_")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in (stored.digest, stored.token_key)
    assert stored.last_used_at is None
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    client.get("/api/states/")
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


@pytest.mark.parametrize("url", PUBLIC)
def test_observers_read_public_records(record, api_observer, url):
    assert api_observer.get(url).status_code == 200


@pytest.mark.parametrize("url", NOT_FOR_OBSERVERS)
def test_observers_get_no_contacts_and_no_audiences(record, api_observer, url):
    assert api_observer.get(url).status_code == 403


@pytest.mark.parametrize("url", [*PUBLIC, *NOT_FOR_OBSERVERS])
def test_committee_members_and_staff_read_everything_listed(record, api_member, api_staff, url):
    assert api_member.get(url).status_code == 200
    assert api_staff.get(url).status_code == 200


def test_contacts_for_members_and_staff(record, api_member, api_staff):
    expected = [
        {
            "id": record["states"]["KHM"].contacts.get().pk,
            "state": "KHM",
            "kind": "permanent_mission",
            "name": "Mission of Cambodia",
            "function": "",
            "email": "mission@khm.example",
            "preferred_language": "en",
            "active": True,
            # How letters address the contact (defaults by function; see addressing).
            "addressed_as": "sir_or_madam",
            "family_name": "",
            "salutation_en": "",
            "salutation_fr": "",
            "salutation_es": "",
            "address_en": "",
            "address_fr": "",
            "address_es": "",
        }
    ]
    assert results(api_member.get("/api/contacts/?state=khm")) == expected
    assert results(api_staff.get("/api/contacts/")) == expected


def test_observers_do_not_get_restricted_report_documents(record, api_observer, api_member):
    (for_observer,) = results(api_observer.get("/api/submissions/?state=KHM"))
    assert (for_observer["link"], for_observer["notes"]) == (None, None)
    assert (for_observer["year"], for_observer["received_on"]) == (2024, "2025-04-02")
    (for_member,) = results(api_member.get("/api/submissions/?state=KHM"))
    assert for_member["link"] == "https://example.org/khm-2024.pdf"
    assert for_member["notes"] == "Sent through the mission."


def test_a_report_document_is_offered_through_its_permission_checked_page(
    record, api_observer, api_member, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from reporting.models import Submission
    from tests.utils import log_in_client

    settings.MEDIA_ROOT = tmp_path
    submission = Submission.objects.get(state__iso3="KHM", year=2024)
    submission.document.save("khm-2024.pdf", ContentFile(b"%PDF-1.4\n% KHM 2024\n%%EOF\n"))
    (for_member,) = results(api_member.get("/api/submissions/?state=KHM"))
    page = f"/reporting/reports/{submission.pk}/document/"
    assert for_member["document"] == f"http://testserver{page}"
    (for_observer,) = results(api_observer.get("/api/submissions/?state=KHM"))
    assert for_observer["document"] is None
    from django.contrib.auth import get_user_model
    from django.test import Client

    member = get_user_model().objects.get(username="deu-delegate")
    download = log_in_client(Client(), member).get(page)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4\n% KHM 2024")


def test_committee_meetings_are_seen_by_their_committee_only(
    record, api_observer, api_member, api_staff
):
    def titles(client):
        return {m["title"] for m in results(client.get("/api/meetings/?kind=committee"))}

    assert titles(api_staff) == {"CA5 retreat", "CCC consultations on an alleged use"}
    assert titles(api_member) == {"CA5 retreat"}
    assert titles(api_observer) == set()
    ccc = record["ccc_meeting"].pk
    assert api_member.get(f"/api/meetings/{ccc}/").status_code == 404
    assert api_staff.get(f"/api/meetings/{ccc}/").status_code == 200


def test_the_session_of_the_browser_works_too(record, observer_client):
    assert observer_client.get("/api/states/KHM/").status_code == 200
    assert observer_client.get("/api/contacts/").status_code == 403


WRITES = [
    ("post", "/api/states/", {"iso3": "FRA", "name": "France"}),
    ("patch", "/api/states/KHM/", {"notes": "x"}),
    ("delete", "/api/states/KHM/", None),
    ("post", "/api/contacts/", {"state": "KHM", "kind": "national", "name": "A", "email": "a@b.c"}),
    ("post", "/api/meetings/", {"kind": "workshop", "start_date": "2026-07-01"}),
    ("post", "/api/committees/", {"code": "X", "name": "X"}),
    ("post", "/api/seat-terms/", {}),
    ("post", "/api/submissions/", {}),
    ("post", "/api/article9-records/", {}),
    ("post", "/api/audiences/", {}),
]


@pytest.mark.parametrize(("method", "url", "data"), WRITES)
def test_only_staff_write(record, api_observer, api_member, method, url, data):
    for client in (api_observer, api_member):
        assert getattr(client, method)(url, data, format="json").status_code == 403
    assert StateParty.objects.filter(iso3="KHM").exists()
    assert not StateParty.objects.filter(iso3="FRA").exists()


def test_the_expected_reports_endpoint_is_read_only_even_for_staff(record, api_staff):
    report = ExpectedReport.objects.filter(state__iso3="KHM").first()
    assert api_staff.delete(f"/api/expected-reports/{report.pk}/").status_code == 405
    assert api_staff.post("/api/expected-reports/", {}).status_code == 405


def test_staff_create_a_state_and_the_convention_dates_are_derived(record, api_staff):
    response = api_staff.post(
        "/api/states/",
        {
            "iso3": "MHL",
            "name": "Marshall Islands",
            "regional_group": "asia_pacific",
            "signature_date": "1998-02-04",
            "instrument": "ratification",
            "deposit_date": "2025-03-12",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["entry_into_force"] == "2025-09-01"
    assert body["initial_report_due"] == "2026-02-28"
    assert body["clearance_original_deadline"] == "2035-09-01"
    assert body["status"] == "state_party"
    assert body["web_url"] == "http://testserver/states/MHL/"
    # Names in French and Spanish: the UN short names unless given.
    assert (body["name"], body["name_fr"], body["name_es"]) == (
        "Marshall Islands",
        "Îles Marshall",
        "Islas Marshall",
    )
    # The derived Article 7 reports follow, as with the form (services.save_state_party).
    assert set(ExpectedReport.objects.filter(state__iso3="MHL").values_list("kind", "year")) == {
        ("initial", 2025),
        ("annual", 2025),
        ("annual", 2026),
    }


def test_a_write_breaking_a_rule_is_refused_with_the_rule(record, api_staff):
    response = api_staff.patch("/api/states/KHM/", {"deposit_date": "1997-12-01"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "deposit_date": [
            "No instrument could be deposited before 3 December 1997.",
            "The deposit cannot precede the signature.",
        ]
    }
    assert StateParty.objects.get(iso3="KHM").deposit_date == date(1999, 4, 23)


def test_deleting_a_referenced_state_is_refused_with_409(record, api_staff):
    response = api_staff.delete("/api/states/KHM/")
    assert response.status_code == 409
    assert "cannot be deleted because other records refer to it" in response.json()["detail"]
    assert StateParty.objects.filter(iso3="KHM").exists()


def test_recording_a_submission_meets_the_expected_report(record, api_staff):
    response = api_staff.post(
        "/api/submissions/",
        {"state": "DEU", "kind": "annual", "year": 2024, "received_on": "2025-04-29"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    report = ExpectedReport.objects.get(state__iso3="DEU", kind="annual", year=2024)
    assert report.received_on == date(2025, 4, 29)
    assert response.json()["due_date"] == "2025-04-30"


def test_seat_terms_follow_the_composition_rules(record, api_staff, meetings):
    response = api_staff.post(
        "/api/seat-terms/",
        {
            "committee": "CA5",
            "state": "DEU",
            "start_meeting": meetings["5RC"].pk,
            "end_meeting": meetings["23MSP"].pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "terms of one State on one committee cannot overlap" in str(response.json())


def test_composition_on_a_day(record, api_observer):
    body = api_observer.get("/api/committees/CA5/composition/?on=2026-06-15").json()
    assert body["line"] == "(Germany, Peru)"
    assert [(m["iso3"], m["year_of_term"]) for m in body["members"]] == [("DEU", 1), ("PER", 1)]
    assert body["vacancies"] == 2
    bad = api_observer.get("/api/committees/CA5/composition/?on=June")
    assert bad.status_code == 400


def test_state_detail_has_deadlines_and_filters_work(record, api_observer):
    body = api_observer.get("/api/states/khm/").json()
    assert [d["key"] for d in body["deadlines"]] == [
        "initial_report",
        "stockpile_destruction",
        "clearance_original",
        "clearance_current",
    ]
    assert body["deadlines"][0]["due"] == "2000-03-29"
    names = [s["iso3"] for s in results(api_observer.get("/api/states/?q=cam"))]
    assert names == ["KHM"]
    overdue = results(api_observer.get("/api/expected-reports/?state=KHM&status=overdue"))
    assert [(r["kind"], r["year"]) for r in overdue][:2] == [("initial", 1999), ("annual", 1999)]
    assert api_observer.get("/api/states/?status=nonsense").status_code == 400


def test_audience_members(record, api_member):
    audiences = results(api_member.get("/api/audiences/?query=article9_outstanding"))
    (audience,) = audiences
    members = results(api_member.get(f"/api/audiences/{audience['id']}/members/"))
    # In alphabetical order as readers expect it: Türkiye before Turkmenistan.
    assert [m["iso3"] for m in members] == sorted(
        (s.iso3 for s in StateParty.objects.all()),
        key=lambda c: collation_key(StateParty.objects.get(iso3=c).name),
    )


def test_tokens_page_is_for_staff_and_shows_the_secret_once(record, staff_client, committee_client):
    assert committee_client.get("/tokens/").status_code == 403
    website = UserFactory(username="website", role="observer")
    response = staff_client.post(
        "/tokens/", {"user": website.pk, "name": "Website export", "expiry": "365"}, follow=True
    )
    page = response.content.decode()
    token = ApiToken.objects.get(name="Website export")
    assert token.user == website and token.expiry is not None
    assert "Website export" in page and token.token_key in page
    secret_shown = page.split('<code class="secret" translate="no">')[1].split("<")[0]
    assert token_client_for(secret_shown).get("/api/states/").status_code == 200
    assert "secret" not in staff_client.get("/tokens/").content.decode().split("<h2")[1]
    staff_client.post(f"/tokens/{token.token_key}/revoke/")
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert token_client_for(secret_shown).get("/api/states/").status_code == 401


def token_client_for(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def test_token_client_helper(record):
    assert token_client(UserFactory(username="x")).get("/api/states/").status_code == 200
