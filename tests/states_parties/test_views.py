import csv
import io
import re
from datetime import date

import pytest
from django.core import signing

from states_parties.models import Article5Extension, Contact, RetainedMines, StateParty
from tests.factories import ContactFactory, StatePartyFactory, bulk_states
from tests.utils import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def cambodia():
    state = StatePartyFactory(
        iso3="KHM",
        name="Cambodia",
        regional_group="asia_pacific",
        deposit_date=date(1999, 7, 28),
        has_mined_areas=True,
    )
    ContactFactory(state=state, email="mission@khm.example", name="Mission of Cambodia")
    return state


def names_in(response) -> list[str]:
    return re.findall(
        r'<td><a href="/states/[A-Z]{3}/">([^<]+)</a></td>', response.content.decode()
    )


def csv_rows(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


# --- who may do what -------------------------------------------------------------------------

READ_URLS = ["/states/", "/states/KHM/", "/states/export.csv"]
STAFF_URLS = [
    "/states/new/",
    "/states/import/",
    "/states/KHM/edit/",
    "/states/KHM/extensions/new/",
    "/states/KHM/retained-mines/new/",
    "/states/KHM/contacts/new/",
]


@pytest.mark.parametrize("url", [*READ_URLS, *STAFF_URLS])
def test_anonymous_users_are_sent_to_log_in(client, cambodia, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("url", READ_URLS)
@pytest.mark.parametrize("role_client", ["staff_client", "committee_client", "observer_client"])
def test_everyone_logged_in_reads_the_register(request, cambodia, url, role_client):
    assert request.getfixturevalue(role_client).get(url).status_code == 200


@pytest.mark.parametrize("url", STAFF_URLS)
@pytest.mark.parametrize("role_client", ["committee_client", "observer_client"])
def test_only_staff_edit(request, cambodia, url, role_client):
    client = request.getfixturevalue(role_client)
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    assert client.post("/states/KHM/delete/").status_code == 403
    assert StateParty.objects.filter(iso3="KHM").exists()


@pytest.mark.parametrize("url", STAFF_URLS)
def test_staff_open_every_form(staff_client, cambodia, url):
    assert staff_client.get(url).status_code == 200


def test_contacts_are_hidden_from_observers(
    cambodia, staff_client, committee_client, observer_client
):
    assert b"mission@khm.example" in staff_client.get("/states/KHM/").content
    assert b"mission@khm.example" in committee_client.get("/states/KHM/").content
    page = observer_client.get("/states/KHM/").content
    assert b"mission@khm.example" not in page
    assert b"Contacts" not in page


def test_observers_see_no_edit_buttons(cambodia, observer_client):
    page = observer_client.get("/states/").content.decode()
    assert "New State" not in page and "Import CSV" not in page
    assert "Edit" not in observer_client.get("/states/KHM/").content.decode()


# --- the list --------------------------------------------------------------------------------


@pytest.fixture
def register():
    StatePartyFactory(
        iso3="KHM", name="Cambodia", regional_group="asia_pacific", has_mined_areas=True
    )
    StatePartyFactory(
        iso3="CAN", name="Canada", regional_group="weog", deposit_date=date(1997, 12, 3)
    )
    StatePartyFactory(
        iso3="TCD",
        name="Chad",
        regional_group="african",
        deposit_date=date(1999, 5, 6),
        had_stockpiles=True,
    )
    StatePartyFactory(
        iso3="EST",
        name="Estonia",
        regional_group="eastern_european",
        signature_date=None,
        instrument="accession",
        deposit_date=date(2004, 5, 12),
        withdrawal_deposit_date=date(2025, 6, 27),
    )
    StatePartyFactory(
        iso3="UKR",
        name="Ukraine",
        regional_group="eastern_european",
        signature_date=date(1999, 2, 24),
        deposit_date=date(2005, 12, 27),
        withdrawal_deposit_date=date(2025, 6, 29),
        withdrawal_suspended=True,
    )


def test_list_search_filters_and_sorting(staff_client, register):
    assert names_in(staff_client.get("/states/")) == [
        "Cambodia",
        "Canada",
        "Chad",
        "Estonia",
        "Ukraine",
    ]
    assert names_in(staff_client.get("/states/?q=ca")) == ["Cambodia", "Canada"]
    assert names_in(staff_client.get("/states/?q=tcd")) == ["Chad"]
    assert names_in(staff_client.get("/states/?status=withdrawn")) == ["Estonia"]
    assert names_in(staff_client.get("/states/?status=withdrawal_pending")) == ["Ukraine"]
    assert names_in(staff_client.get("/states/?regional_group=eastern_european")) == [
        "Estonia",
        "Ukraine",
    ]
    assert names_in(staff_client.get("/states/?open_obligation=article5")) == ["Cambodia"]
    assert names_in(
        staff_client.get("/states/?open_obligation=article5&open_obligation=article4")
    ) == ["Cambodia", "Chad"]
    assert names_in(staff_client.get("/states/?sort=-entry_into_force")) == [
        "Ukraine",
        "Estonia",
        "Chad",
        "Cambodia",
        "Canada",
    ]


def test_the_list_names_and_sorts_states_in_the_readers_language(staff_client, register):
    """Paginated in the database: sorted by the name column of the language, by the ICU
    collation ("Égypte" among the E, not after "Ukraine" as code points would put it)."""
    StatePartyFactory(iso3="EGY", name="Egypt")
    StatePartyFactory(iso3="DEU", name="Germany")
    french = staff_client.get("/states/", HTTP_ACCEPT_LANGUAGE="fr")
    assert names_in(french) == [
        "Allemagne",
        "Cambodge",
        "Canada",
        "Égypte",
        "Estonie",
        "Tchad",
        "Ukraine",
    ]
    assert names_in(staff_client.get("/states/?sort=-name", HTTP_ACCEPT_LANGUAGE="es")) == [
        "Ucrania",
        "Estonia",
        "Egipto",
        "Chad",
        "Canadá",
        "Camboya",
        "Alemania",
    ]
    # Found by any of their names, whatever the page's language.
    assert names_in(staff_client.get("/states/?q=allemagne")) == ["Germany"]
    assert names_in(staff_client.get("/states/?q=Camboya", HTTP_ACCEPT_LANGUAGE="fr")) == [
        "Cambodge"
    ]
    page = staff_client.get("/states/DEU/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<h1>Allemagne <small>DEU</small></h1>" in page


def test_list_empty_state_and_bad_filter(staff_client, register):
    response = staff_client.get("/states/?q=zzz")
    assert "No State matches these filters." in response.content.decode()
    response = staff_client.get("/states/?status=bogus")
    assert response.status_code == 200
    assert (
        "Select a valid choice. bogus is not one of the available choices."
        in response.content.decode()
    )


def test_list_htmx_request_returns_only_the_results(staff_client, register):
    response = staff_client.get(
        "/states/?q=chad", headers={"HX-Request": "true", "HX-Target": "state-results"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="state-results"')
    assert "<html" not in body
    assert names_in(response) == ["Chad"]


def test_list_paginates(staff_client, settings):
    settings.PAGE_SIZE = 50
    bulk_states(120)
    first = staff_client.get("/states/")
    third = staff_client.get("/states/?page=3")
    assert len(names_in(first)) == 50
    assert len(names_in(third)) == 20
    assert "Page 3 of 3" in third.content.decode()
    assert "120 States" in first.content.decode()


def test_csv_export_follows_the_filters(staff_client, register):
    rows = csv_rows(staff_client.get("/states/export.csv?regional_group=eastern_european"))
    assert [(row["iso3"], row["status"], row["withdrawal_effective"]) for row in rows] == [
        ("EST", "withdrawn", "2025-12-27"),
        ("UKR", "withdrawal_pending", ""),
    ]


def _queries(client, url) -> int:
    return len(queries_for(client, url))


def test_list_queries_do_not_grow_with_the_register(staff_client):
    # Ten times more States, same queries; `make bench` runs the 2,000-State register.
    bulk_states(20)
    small = {
        "list": _queries(staff_client, "/states/"),
        "filtered": _queries(
            staff_client,
            "/states/?q=State&open_obligation=article3&status=state_party&sort=-status",
        ),
        "export": _queries(staff_client, "/states/export.csv"),
    }
    StateParty.objects.all().delete()
    bulk_states(200)
    large = {
        "list": _queries(staff_client, "/states/"),
        "filtered": _queries(
            staff_client,
            "/states/?q=State&open_obligation=article3&status=state_party&sort=-status",
        ),
        "export": _queries(staff_client, "/states/export.csv"),
    }
    assert small == large
    # session, user, second-factor device, demo banner, count, page (the session is written
    # at most once a minute, not on every request)
    assert large["list"] == 6
    assert large["export"] == 4  # session, user, second-factor device, the States


def test_detail_queries_are_fixed(staff_client, cambodia):
    before = _queries(staff_client, "/states/KHM/")
    for year in range(2015, 2025):
        RetainedMines.objects.create(state=cambodia, year=year, quantity=100)
        ContactFactory(state=cambodia)
    Article5Extension.objects.create(
        state=cambodia,
        submitted_on=date(2009, 3, 31),
        requested_until=date(2020, 1, 1),
        outcome="granted",
        decided_on=date(2009, 11, 27),
        granted_until=date(2020, 1, 1),
    )
    assert _queries(staff_client, "/states/KHM/") == before


# --- forms -----------------------------------------------------------------------------------

STATE_FORM = {
    "iso3": "khm",
    "name": "Cambodia",
    "regional_group": "asia_pacific",
    "signature_date": "1997-12-03",
    "instrument": "ratification",
    "deposit_date": "1999-07-28",
    "had_stockpiles": "true",
    "has_mined_areas": "true",
}


def test_staff_create_a_state(staff_client, staff_user):
    response = staff_client.post("/states/new/", STATE_FORM)
    assert response.status_code == 302
    assert response["Location"] == "/states/KHM/"
    state = StateParty.objects.get(iso3="KHM")
    assert state.entry_into_force == date(2000, 1, 1)
    assert state.history.get().history_user == staff_user


def test_invalid_form_says_what_is_wrong_next_to_the_field(staff_client):
    response = staff_client.post("/states/new/", {**STATE_FORM, "deposit_date": "1999-02-30"})
    assert response.status_code == 400
    html = response.content.decode()
    field = re.search(r'<div class="field field--invalid[^"]*">(.*?)</div>', html, re.S).group(1)
    assert 'id="id_deposit_date"' in field
    assert 'aria-invalid="true"' in field
    assert "Enter a valid date." in field
    assert not StateParty.objects.exists()


def test_duplicate_iso_code_is_refused(staff_client, cambodia):
    response = staff_client.post("/states/new/", STATE_FORM)
    assert "State with this ISO 3166 alpha-3 code already exists." in response.content.decode()


def test_one_figure_per_year(staff_client, cambodia):
    RetainedMines.objects.create(state=cambodia, year=2024, quantity=10)
    response = staff_client.post("/states/KHM/retained-mines/new/", {"year": 2024, "quantity": 5})
    assert response.status_code == 400
    assert (
        "A figure for this year is already recorded for the State; edit it instead."
        in response.content.decode()
    )
    assert RetainedMines.objects.get().quantity == 10


def test_staff_add_a_contact(staff_client, cambodia):
    response = staff_client.post(
        "/states/KHM/contacts/new/",
        {
            "kind": "article7",
            "name": "Focal point",
            "email": "a7@khm.example",
            "preferred_language": "fr",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert Contact.objects.get(email="a7@khm.example").state == cambodia


def test_edit_belongs_to_the_state_in_the_url(staff_client, cambodia):
    other = ContactFactory(state=StatePartyFactory(iso3="CAN", name="Canada"))
    assert staff_client.get(f"/states/KHM/contacts/{other.pk}/").status_code == 404


def test_delete_is_refused_while_records_refer_to_the_state(staff_client, cambodia):
    response = staff_client.post("/states/KHM/delete/", follow=True)
    assert (
        "“Cambodia” cannot be deleted because other records refer to it (Contacts: 1)."
        in response.content.decode()
    )
    assert StateParty.objects.filter(iso3="KHM").exists()


def test_delete_an_unreferenced_state(staff_client):
    StatePartyFactory(iso3="CAN", name="Canada")
    response = staff_client.post("/states/CAN/delete/")
    assert response["Location"] == "/states/"
    assert not StateParty.objects.filter(iso3="CAN").exists()


# --- upload with preview ---------------------------------------------------------------------

UPLOAD = (
    "iso3,name,signature_date,instrument,deposit_date,withdrawal_deposit_date,withdrawal_suspended\n"
    "KHM,Cambodia,1997-12-03,ratification,1999-07-28,,false\n"
    "LKA,Sri Lanka,,accession,2017-12-13,,false\n"
)


def _upload(client, text: str):
    file = io.BytesIO(text.encode())
    file.name = "states.csv"
    return client.post("/states/import/", {"file": file})


def test_upload_previews_then_confirms(staff_client):
    preview = _upload(staff_client, UPLOAD)
    html = preview.content.decode()
    assert "2 to create, 0 to update, 0 unchanged. Nothing has been saved yet." in html
    assert not StateParty.objects.exists()
    payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    done = staff_client.post("/states/import/", {"payload": payload}, follow=True)
    assert "Import complete: 2 created, 0 updated, 0 unchanged." in done.content.decode()
    assert set(StateParty.objects.values_list("iso3", flat=True)) == {"KHM", "LKA"}


def test_upload_lists_errors_and_offers_no_confirmation(staff_client):
    response = _upload(staff_client, UPLOAD.replace("2017-12-13", "2017-12-32"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "The file was rejected: 1 problem. Nothing was saved." in html
    assert "<td>3</td><td>deposit_date</td>" in html
    assert 'name="payload"' not in html
    assert not StateParty.objects.exists()


def test_tampered_preview_is_refused(staff_client):
    forged = signing.dumps(UPLOAD, salt="another-salt", compress=True)
    response = staff_client.post("/states/import/", {"payload": forged}, follow=True)
    assert "The preview has expired; upload the file again." in response.content.decode()
    assert not StateParty.objects.exists()
