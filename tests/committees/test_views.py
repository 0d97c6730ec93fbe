import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from committees import services
from committees.models import Committee, Meeting, Office, Representative, SeatTerm
from tests.factories import UserFactory
from tests.utils import log_in_client, queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def ca5(seat, standing_committees):
    terms = {
        "DEU": seat("CA5", "DEU", "21MSP", "22MSP"),
        "THA": seat("CA5", "THA", "21MSP", "22MSP"),
        "JPN": seat("CA5", "JPN", "5RC", "23MSP"),
        "PER": seat("CA5", "PER", "5RC", "23MSP"),
    }
    services.set_office(terms["DEU"], Office.Kind.CHAIR, 2025)
    return standing_committees["CA5"], terms


@pytest.fixture
def internal_meeting(standing_committees):
    return Meeting.objects.create(
        kind="committee",
        committee=standing_committees["CCC"],
        title="Alleged use: briefing",
        start_date=date(2025, 5, 12),
        end_date=date(2025, 5, 12),
    )


def _represent(term, username, role="committee"):
    user = UserFactory(username=username, role=role)
    Representative.objects.create(term=term, name=username.title(), user=user)
    return user


def _client(client, user):
    return log_in_client(client, user)


# --- access ----------------------------------------------------------------------------------


def test_representatives_get_their_committees_on_the_home_page(client, ca5, freezer_2025):
    _committee, terms = ca5
    chair = _represent(terms["DEU"], "germany")
    member = _represent(terms["JPN"], "japan")
    home = _client(client, chair).get("/").content.decode()
    assert "Your committees" in home
    assert "Committee on Article 5 Implementation" in home
    assert "Committee on Victim Assistance" not in home
    assert re.search(r'<span class="badge[^"]*">Chair</span>', home)
    home = _client(client, member).get("/").content.decode()
    assert re.search(r'<span class="badge[^"]*">Member</span>', home)


def test_roles_follow_the_record(ca5, meetings, freezer_2025):
    from accounts.permissions import committee_roles

    _committee, terms = ca5
    chair = _represent(terms["DEU"], "germany")
    member = _represent(terms["JPN"], "japan")
    president = UserFactory(username="president", role="committee")
    meetings["22MSP"].president_user = president
    meetings["22MSP"].save()
    committees = {c.code: c.pk for c in Committee.objects.all()}
    assert committee_roles(chair) == {committees["CA5"]: "chair"}
    assert committee_roles(member) == {committees["CA5"]: "member"}
    assert committee_roles(president) == {committees["CCC"]: "chair"}
    assert committee_roles(UserFactory(username="nobody")) == {}


def test_committee_internal_meetings_are_seen_by_members_and_staff_only(
    client, seat, internal_meeting, staff_client, observer_client, freezer_2025
):
    ccc_member = _represent(seat("CCC", "CAN", "21MSP", "22MSP"), "canada")
    ca5_member = _represent(seat("CA5", "DEU", "21MSP", "22MSP"), "germany")
    url = f"/meetings/{internal_meeting.pk}/"
    assert staff_client.get(url).status_code == 200
    assert _client(client, ccc_member).get(url).status_code == 200
    assert _client(client, ca5_member).get(url).status_code == 404
    assert observer_client.get(url).status_code == 404
    listing = observer_client.get("/meetings/").content.decode()
    assert "Alleged use: briefing" not in listing
    assert "Alleged use: briefing" in staff_client.get("/meetings/").content.decode()
    assert "Alleged use" not in observer_client.get("/meetings/export.csv").getvalue().decode()


def test_representatives_are_shown_to_the_committee_only(
    client, ca5, observer_client, freezer_2025
):
    _committee, terms = ca5
    _represent(terms["THA"], "thailand")
    germany = _represent(terms["DEU"], "germany")
    assert ">Thailand</a></td>" in observer_client.get("/committees/CA5/").content.decode()
    assert "Representatives" not in observer_client.get("/committees/CA5/").content.decode()
    page = _client(client, germany).get("/committees/CA5/").content.decode()
    assert "Representatives" in page
    assert "Thailand" in page


STAFF_URLS = [
    "/committees/new/",
    "/committees/CA5/edit/",
    "/committees/CA5/members/new/",
    "/committees/memberships/import/",
    "/meetings/new/",
    "/meetings/import/",
]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_staff_pages(url, ca5, meetings, staff_client, committee_client, observer_client, client):
    assert staff_client.get(url).status_code == 200
    assert committee_client.get(url).status_code == 403
    assert observer_client.get(url).status_code == 403
    assert client.get(url).status_code == 302


def test_staff_pages_for_a_term(ca5, meetings, staff_client, observer_client):
    _committee, terms = ca5
    pk = terms["JPN"].pk
    for url in (
        f"/committees/terms/{pk}/",
        f"/committees/terms/{pk}/offices/new/",
        f"/committees/terms/{pk}/representatives/new/",
        f"/committees/CA5/changeover/{meetings['22MSP'].pk}/",
    ):
        assert staff_client.get(url).status_code == 200, url
        assert observer_client.get(url).status_code == 403, url


@pytest.mark.parametrize(
    "url",
    [
        "/committees/",
        "/committees/CA5/",
        "/committees/composition.csv",
        "/meetings/",
        "/meetings/month/",
        "/meetings/month/2025/12/",
        "/meetings/export.csv",
    ],
)
def test_public_committee_pages(url, ca5, observer_client, client):
    assert observer_client.get(url).status_code == 200
    assert client.get(url).status_code == 302


# --- pages -----------------------------------------------------------------------------------


def test_committee_page_shows_composition_on_a_date(ca5, staff_client):
    page = staff_client.get("/committees/CA5/?on=2025-06-01").content.decode()
    assert (
        '<p class="member-line" data-testid="member-line">'
        "(Germany (Chair), Japan, Peru, Thailand)</p>" in page
    )
    page = staff_client.get("/committees/CA5/?on=2025-12-06").content.decode()
    assert "(Japan, Peru)" in page
    assert "2 of 4 seats vacant." in page
    page = staff_client.get("/committees/CA5/?on=not-a-date").content.decode()
    assert "“not-a-date” is not a date (YYYY-MM-DD); showing today." in page


def test_composition_csv(ca5, staff_client):
    body = staff_client.get("/committees/composition.csv?on=2025-06-01").getvalue().decode()
    assert body.splitlines()[:2] == [
        "committee,name,date,member_line,vacancies",
        "CA5,Committee on Article 5 Implementation,2025-06-01,"
        '"(Germany (Chair), Japan, Peru, Thailand)",0',
    ]


def test_staff_add_a_member_with_errors_next_to_fields(ca5, meetings, states, staff_client):
    response = staff_client.post(
        "/committees/CA5/members/new/",
        {
            "state": states["DEU"].pk,
            "start_meeting": meetings["5RC"].pk,
            "end_meeting": meetings["23MSP"].pk,
        },
    )
    html = response.content.decode()
    assert "Germany already sits on this committee" in html
    response = staff_client.post(
        "/committees/CA5/members/new/",
        {
            "state": states["KHM"].pk,
            "start_meeting": meetings["22MSP"].pk,
            "end_meeting": meetings["24MSP"].pk,
        },
    )
    assert response.status_code == 302
    assert SeatTerm.objects.filter(state=states["KHM"], committee__code="CA5").exists()


def test_changeover_page(ca5, meetings, states, staff_client):
    url = f"/committees/CA5/changeover/{meetings['22MSP'].pk}/"
    page = staff_client.get(url).content.decode()
    assert re.search(r'data-testid="outgoing">\s*<li>Germany</li><li>Thailand</li>', page)
    assert "2 seats to fill." in page
    response = staff_client.post(
        url,
        {
            "new_members": [states["KHM"].pk, states["NOR"].pk],
            "chair": states["JPN"].pk,
            "gender_focal_point": states["NOR"].pk,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/committees/CA5/?on=2025-12-06"
    page = staff_client.get(response["Location"]).content.decode()
    assert "(Cambodia, Japan (Chair), Norway, Peru)" in page


def test_changeover_refuses_too_many_members(ca5, meetings, states, staff_client):
    url = f"/committees/CA5/changeover/{meetings['22MSP'].pk}/"
    response = staff_client.post(
        url,
        {
            "new_members": [states["KHM"].pk, states["NOR"].pk, states["CHE"].pk],
        },
    )
    assert "Only 2 seats are free after this meeting." in response.content.decode()
    assert not SeatTerm.objects.filter(start_meeting=meetings["22MSP"]).exists()


def test_meeting_form_validates(staff_client, standing_committees):
    response = staff_client.post(
        "/meetings/new/",
        {
            "kind": "bilateral",
            "start_date": "2026-03-02",
            "end_date": "2026-03-01",
        },
    )
    html = response.content.decode()
    assert "A meeting cannot close before it opens." in html
    assert "Say which committee held this meeting." in html
    assert not Meeting.objects.exists()


def test_meeting_in_use_cannot_be_deleted(ca5, meetings, staff_client):
    response = staff_client.post(f"/meetings/{meetings['22MSP'].pk}/delete/", follow=True)
    assert "cannot be deleted because other records refer to it (Seat terms: 2)" in (
        response.content.decode()
    )
    assert Meeting.objects.filter(pk=meetings["22MSP"].pk).exists()


def test_month_view_places_meetings_on_their_days(meetings, staff_client):
    page = staff_client.get("/meetings/month/2025/12/").content.decode()
    assert page.count(">22MSP</a>") == 5  # 1 to 5 December
    assert "December 2025" in page


# --- query counts ----------------------------------------------------------------------------


def _forty_committees(seat, meetings, states):
    for index in range(4, 40):
        committee = Committee.objects.create(code=f"C{index:02d}", name=f"Committee {index}")
        for iso3, start, end in (("DEU", "21MSP", "22MSP"), ("JPN", "5RC", "23MSP")):
            services.save_term(
                SeatTerm(
                    committee=committee,
                    state=states[iso3],
                    start_meeting=meetings[start],
                    end_meeting=meetings[end],
                )
            )
        Meeting.objects.create(
            kind="committee",
            committee=committee,
            title="Internal",
            start_date=date(2025, 6, 2),
            end_date=date(2025, 6, 2),
        )


PAGES = [
    "/",
    "/committees/",
    "/committees/CA5/",
    "/committees/CA5/?on=2024-06-01",
    "/meetings/",
    "/meetings/month/2025/6/",
    "/committees/composition.csv",
]


def test_committee_pages_keep_flat_query_counts(ca5, seat, meetings, states, staff_client):
    small = {url: len(queries_for(staff_client, url)) for url in PAGES}
    _forty_committees(seat, meetings, states)
    assert Committee.objects.count() == 40
    large = {url: len(queries_for(staff_client, url)) for url in PAGES}
    assert small == large


@pytest.fixture
def freezer_2025():
    """Pin "today" to 1 June 2025 for the pages and roles that depend on it."""
    with time_machine.travel(datetime(2025, 6, 1, 10, 0, tzinfo=UTC), tick=True):
        yield


def test_the_committee_page_and_export_name_states_in_the_readers_language(ca5, staff_client):
    page = staff_client.get("/committees/CA5/?on=2025-06-01", HTTP_ACCEPT_LANGUAGE="fr")
    html = page.content.decode()
    assert "(Allemagne (Président), Japon, Pérou, Thaïlande)" in html
    members = [member.state.display_name for member in page.context["composition"].members]
    assert members == ["Allemagne", "Japon", "Pérou", "Thaïlande"]
    body = (
        staff_client.get("/committees/composition.csv?on=2025-06-01", HTTP_ACCEPT_LANGUAGE="es")
        .getvalue()
        .decode()
    )
    assert body.splitlines()[1] == (
        "CA5,Comité sobre la Aplicación del Artículo 5,2025-06-01,"
        '"(Alemania (Presidente), Japón, Perú, Tailandia)",0'
    )
