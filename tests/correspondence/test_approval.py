"""Two people for what goes to many governments, the approval page, the letter's date, drafts
through the API, and the preview that opens where it was clicked."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from committees.models import Office, Representative
from correspondence import services
from correspondence.models import Letter, OutgoingMessage
from states_parties.models import Contact
from tests.factories import ContactFactory, StatePartyFactory, UserFactory
from tests.utils import log_in_client

pytestmark = pytest.mark.django_db

TEXT = {
    "subject_en": "Article 7 report {{ of_state }}",
    "body_en": "{{ salutation }}\n\nPlease send the report of {{ state }}.",
}
ISO3 = "AUT BEL CAN DNK EST FIN GRC HUN".split()


@pytest.fixture
def six_states(db):
    states = [StatePartyFactory(iso3=iso3) for iso3 in ISO3[:6]]
    for state in states:
        ContactFactory(state=state)
    return states


def _letter(states, author, **fields) -> Letter:
    return services.save_letter(
        Letter(title="Reports", addressees="hand_picked", **TEXT, **fields), states, author
    )


def test_a_letter_to_more_than_five_states_needs_a_second_person(six_states, settings):
    author = UserFactory(username="author", role="isu_staff")
    second = UserFactory(username="second", role="isu_staff")
    five = _letter(six_states[:5], author)
    services.approve_letter(five, author)  # five States: the author may approve
    six = _letter(six_states, author)
    with pytest.raises(ValidationError) as refused:
        services.approve_letter(six, author)
    assert refused.value.messages == [
        "A letter to more than 5 States is approved by a second person, not by the person "
        "who wrote it (this one addresses 6)."
    ]
    # Whoever changed the draft is an author too.
    six = services.save_letter(six, six_states, second)
    with pytest.raises(ValidationError):
        services.approve_letter(six, second)
    services.approve_letter(six, UserFactory(username="third", role="isu_staff"))
    settings.LETTER_SECOND_APPROVAL_ABOVE = 10
    ten = _letter(six_states, author)
    services.approve_letter(ten, author)
    assert Letter.objects.filter(status="approved").count() == 3


def test_a_committees_letter_is_approved_by_its_chair_and_the_trail_names_both(
    seat, frozen, states
):
    frozen(datetime(2025, 6, 2, 8, tzinfo=UTC))
    term = seat("CA5", "DEU", "21MSP", "22MSP")
    Office.objects.create(term=term, kind=Office.Kind.CHAIR, year=2025)
    chair = UserFactory(username="chair", role="committee")
    Representative.objects.create(term=term, name="Greta Weber", user=chair)
    ContactFactory(state=states["BEL"])
    author = UserFactory(username="author", role="isu_staff")
    letter = _letter([states["BEL"]], author, committee=term.committee)
    with pytest.raises(ValidationError) as refused:
        services.approve_letter(letter, author)
    assert refused.value.messages == [
        "A letter on behalf of a committee is approved by its Chair or by another member of "
        "the ISU staff, not by the person who wrote it."
    ]
    client = log_in_client(Client(), chair)
    page = client.get(f"/correspondence/letters/{letter.pk}/approve/")
    assert page.status_code == 200
    assert page.context["recipient_count"] == 1
    assert page.context["problems"] == []
    assert [sample.state.iso3 for sample, _pdf in page.context["samples"]] == ["BEL"]
    response = client.post(f"/correspondence/letters/{letter.pk}/approve/")
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.created_by, letter.approved_by) == ("approved", author, chair)
    assert letter.letter_date == date(2025, 6, 2)
    trail = list(letter.history.order_by("history_date", "history_id"))
    first, last = trail[0], trail[-1]
    assert (first.status, first.created_by_id, first.approved_by_id) == ("draft", author.pk, None)
    assert (last.status, last.created_by_id, last.approved_by_id) == (
        "approved",
        author.pk,
        chair.pk,
    )
    assert last.history_user == chair


def test_the_approval_page_shows_the_count_three_samples_in_their_languages_and_the_check(
    frozen, staff_client
):
    frozen(datetime(2026, 2, 2, 9, tzinfo=UTC))
    languages = {"AUT": "en", "BEL": "fr", "CAN": "en", "DNK": "es", "EST": "fr", "FIN": "es"}
    states = []
    for iso3, language in languages.items():
        state = StatePartyFactory(iso3=iso3, has_mined_areas=iso3 != "FIN")
        ContactFactory(state=state, preferred_language=language)
        states.append(state)
    author = UserFactory(username="author", role="isu_staff")
    letter = _letter(
        states,
        author,
        subject_fr="Rapport {{ of_state }}",
        body_fr="{{ salutation }}\n\nÉchéance : {{ article5_deadline }}.",
        subject_es="Informe {{ of_state }}",
        body_es="{{ salutation }}\n\nPlazo: {{ article5_deadline }}.",
    )
    page = staff_client.get(f"/correspondence/letters/{letter.pk}/approve/")
    assert page.context["recipient_count"] == 6
    samples = [(sample.state.iso3, sample.language) for sample, _pdf in page.context["samples"]]
    assert samples == [("AUT", "en"), ("BEL", "fr"), ("DNK", "es")]
    assert page.context["problems"] == [
        "“{{ article5_deadline }}” has no value for 1 recipient: Finland."
    ]
    html = page.content.decode()
    assert "Rapport de la Belgique" in html and "Informe de Dinamarca" in html
    assert 'data-testid="own-letter"' not in html  # staff_client did not write it
    assert "Correct the text or the addressees first." in html


def test_the_preview_opens_in_the_row_that_was_clicked(staff_client):
    state = StatePartyFactory(iso3="CHL", name="Chile")
    contact = ContactFactory(
        state=state,
        preferred_language="es",
        addressed_as=Contact.AddressedAs.PERMANENT_REPRESENTATIVE,
    )
    letter = _letter([state], UserFactory(username="author", role="isu_staff"))
    letter.subject_es, letter.body_es = "Informe {{ of_state }}", "{{ salutation }}\n\nGracias."
    letter.save()
    page = staff_client.get(f"/correspondence/letters/{letter.pk}/?preview={contact.pk}")
    html = page.content.decode()
    link = html.index(f'href="?preview={contact.pk}#preview-{contact.pk}"')
    section = html.index(f'<section id="preview-{contact.pk}"')
    assert link < section < html.index("</tr>", link)  # in the same row, under the link
    partial = staff_client.get(
        f"/correspondence/letters/{letter.pk}/?preview={contact.pk}",
        headers={"HX-Request": "true"},
    ).content.decode()
    assert partial.lstrip().startswith(f'<section id="preview-{contact.pk}"')
    assert "Informe de Chile" in partial and "Excelencia:" in partial


def test_staff_write_drafts_through_the_api(six_states, standing_committees):
    from tests.api.conftest import token_client

    api = token_client(UserFactory(username="api-staff", role="isu_staff"))
    created = api.post(
        "/api/letters/",
        {
            "title": "Reports",
            "committee": "CCC",
            "addressees": "hand_picked",
            "states": ["AUT", "BEL"],
            "reply_due": "2099-01-31",
            **TEXT,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["status"], body["version"], body["states"]) == ("draft", 1, ["AUT", "BEL"])
    changed = api.patch(
        f"/api/letters/{body['id']}/", {"subject_en": "Reports {{ of_state }}"}, format="json"
    )
    assert changed.status_code == 200
    assert (changed.json()["version"], changed.json()["states"]) == (2, ["AUT", "BEL"])
    refused = api.patch(
        f"/api/letters/{body['id']}/", {"body_en": "{{ report_year }}"}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["body_en"][0].startswith(
        "“{{ report_year }}” has no value in this kind of letter or reminder for its audience"
    )
    member = token_client(UserFactory(username="api-member", role="committee"))
    assert member.post("/api/letters/", {"title": "x"}, format="json").status_code == 403
    letter = Letter.objects.get(pk=body["id"])
    services.approve_letter(letter, UserFactory(username="second", role="isu_staff"))
    services.send_letter(letter, letter.created_by)
    assert OutgoingMessage.objects.filter(letter=letter).count() == 2
    sent = api.patch(f"/api/letters/{body['id']}/", {"title": "New"}, format="json")
    assert sent.status_code == 400
    assert sent.json() == {"non_field_errors": ["A letter that was sent cannot be changed."]}


def test_the_approval_page_runs_the_same_queries_for_many_recipients(frozen, staff_client):
    from tests.utils import queries_for

    frozen(datetime(2026, 2, 2, 9, tzinfo=UTC))
    codes = "AUT BEL CAN DNK EST FIN GRC HUN ISL JPN KEN LUX".split()
    states = []
    for index, iso3 in enumerate(codes):
        state = StatePartyFactory(iso3=iso3)
        ContactFactory(state=state, preferred_language=("en", "fr", "es")[index % 3])
        ContactFactory(state=state, kind=Contact.Kind.ARTICLE7, preferred_language="en")
        states.append(state)
    author = UserFactory(username="author", role="isu_staff")
    texts = {
        "body_en": "{{ salutation }} {% if years_missing %}{{ years_missing }}{% endif %} "
        "{{ initial_report_due }} {{ letter_reference }}",
        "subject_fr": "Rapport {{ of_state }}",
        "body_fr": "{{ salutation }} {{ years_missing|default:'-' }}",
        "subject_es": "Informe {{ of_state }}",
        "body_es": "{{ salutation }} {{ date }}",
    }
    few = services.save_letter(
        Letter(title="Few", addressees="hand_picked", subject_en="Report {{ of_state }}", **texts),
        states[:3],
        author,
    )
    many = services.save_letter(
        Letter(title="Many", addressees="hand_picked", subject_en="Report {{ of_state }}", **texts),
        states,
        author,
    )
    counts = [
        len(queries_for(staff_client, f"/correspondence/letters/{letter.pk}/approve/"))
        for letter in (few, many)
    ]
    assert counts[0] == counts[1]
