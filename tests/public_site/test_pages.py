"""The public pages, read by anyone, in English, French and Spanish, from the record: only
public meetings and documents published at the public level."""

import pytest
from django.test import Client

from public_site.models import CommitteeText
from tests.factories import CommitteeTextFactory

pytestmark = pytest.mark.django_db

#: The text of the Committee on the Enhancement of Cooperation and Assistance, as on its page of
#: the Convention's website (the seed page).
CECA_MANDATE = [
    "Promote cooperation and assistance under the Convention, including by organising or "
    "encouraging the organisation of multilateral, regional or national dialogues on "
    "cooperation and assistance, in Geneva or elsewhere.",
    "Facilitate the fostering of partnerships between States Parties seeking to receive "
    "assistance and those in a position to provide such assistance, including through the use "
    "of information exchange tools (e.g. \u201cPlatform for Partnerships\u201d).",
    "Coordinate with other implementation mechanisms established by the States Parties in "
    "order to facilitate and accelerate the full implementation of the Convention.",
    "Review relevant information provided by the States Parties on the implementation of the "
    "commitments of the Oslo Action Plan.",
    "Consider matters related to gender and the diverse needs and experiences of people in "
    "affected communities in every aspect of its work.",
    "Present preliminary observations at Intersessional Meetings if need be, and conclusions "
    "and recommendations, if relevant, at Meetings of the States Parties or Review "
    "Conferences.",
    "Remain transparent and accountable, including by reporting on activities at both "
    "Intersessional Meetings and Meetings of the States Parties or Review Conferences.",
]
CECA_WORKING_METHODS = [
    "Draw, as needed, on the expert input of the ICBL and ICRC and involve them in its work, "
    "invite other States Parties, the United Nations and other relevant international and "
    "non-governmental organisations to participate on an ad hoc basis. Strive to reach general "
    "agreement in all aspects of its work.",
    "Appoint a focal point among its members to provide advice on gender mainstreaming and "
    "ensure that the diverse needs and experiences of people in affected communities are taken "
    "into account in the implementation of the Oslo Action Plan.",
    "Increase and strengthen coordination with other Committees, including by examining "
    "implementation by States Parties in a more holistic manner, and considering the submission "
    "of joint conclusions on the status of implementation of the Convention by States Parties "
    "at the Meetings of the States Parties or Review Conferences.",
]


def test_the_ceca_page_shows_the_seed_text_in_order(record):
    response = Client().get("/en/committees/CECA/")
    assert response.status_code == 200
    page = response.context["page"]
    assert page.committee.code == "CECA"
    assert page.chair == "Colombia (Chair)"
    assert page.mandate == CECA_MANDATE
    assert page.working_methods == CECA_WORKING_METHODS
    assert page.purpose == [
        "To assist the States Parties in the full implementation of Article 6 of the Convention, "
        "in line with their reaffirmation of ending the suffering and casualties caused by "
        "anti-personnel mines is a shared commitment."
    ]
    assert len(page.composition) == 1
    assert page.composition[0].startswith("It is composed of a representative group of four")
    assert page.members == ["Colombia (Chair)", "Norway", "Switzerland", "Thailand"]
    assert page.in_english_only is False
    html = response.content.decode()
    assert '<p class="committee-chair" data-testid="chair">Colombia (Chair)</p>' in html
    # Numbered, in order.
    mandate = html.split('data-testid="mandate">')[1].split("</ol>")[0]
    assert mandate == "".join(f"<li>{item}</li>" for item in CECA_MANDATE).replace(
        "\u201c", "\u201c"
    )
    assert [row.symbol for row in response.context["documents"]] == ["APLC/MSP.22/2025/WP.7"]


def test_a_page_in_french_shows_the_english_text_and_says_so(record):
    response = Client().get("/fr/committees/CECA/")
    assert response.context["page"].in_english_only is True
    html = response.content.decode()
    assert "Le texte de ce comité n’existe qu’en anglais." in html
    assert CECA_MANDATE[0] in html
    assert '<html lang="fr">' in html
    assert '<div lang="en">' in html
    assert response.context["page"].chair == "Colombie (Président)"


def test_a_page_in_french_shows_the_french_text_where_one_exists(record):
    CommitteeTextFactory(committee=record.committees["CECA"], language="fr")
    response = Client().get("/fr/committees/CECA/")
    page = response.context["page"]
    assert page.mandate == ["Premier point.", "Deuxième point."]
    assert page.in_english_only is False
    # Spanish has none: the English one.
    page = Client().get("/es/committees/CECA/").context["page"]
    assert page.mandate == CECA_MANDATE
    assert page.in_english_only is True


def test_the_other_committees_keep_the_texts_of_their_record(record):
    page = Client().get("/en/committees/CA5/").context["page"]
    committee = record.committees["CA5"]
    assert page.purpose == [committee.purpose]
    assert page.mandate == [item.text for item in committee.mandate_items.all()]
    assert len(page.mandate) == 4
    assert page.working_methods == [committee.working_methods]
    assert page.in_english_only is False
    assert page.members == []


def test_only_public_published_documents_and_public_meetings_appear(record):
    client = Client()
    pages = {
        url: client.get(url).content.decode()
        for url in ("/en/", "/en/documents/", "/en/meetings/", "/en/committees/CECA/")
    }
    for url, html in pages.items():
        assert "APLC/INTERNAL/2025/WP.8" not in html, url
        assert "APLC/SP-ONLY/2025/WP.9" not in html, url
        assert "APLC/DRAFT/2026/WP.1" not in html, url
        assert "Private CECA working session" not in html, url
    assert "APLC/MSP.22/2025/WP.7" in pages["/en/documents/"]
    meetings = client.get("/en/meetings/").context
    assert [meeting.display_title for meeting in meetings["upcoming"]] == [
        "Intersessional Meetings 2026",
        "Meeting of the States Parties (23MSP)",
        "Meeting of the States Parties (24MSP)",
    ]
    past = {meeting.short_name: meeting for meeting in meetings["past"]}
    assert list(past) == ["22MSP", "5RC", "21MSP", "20MSP"]
    assert [row.symbol for row in past["22MSP"].public_documents] == ["APLC/MSP.22/2025/WP.7"]


def test_a_published_pdf_downloads_and_others_do_not(record):
    client = Client()
    response = client.get(f"/en/documents/{record.public.document_id}/1.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4\n% the published report")
    for version in (record.internal, record.for_states):
        assert client.get(f"/en/documents/{version.document_id}/1.pdf").status_code == 404
    assert client.get(f"/en/documents/{record.draft.pk}/1.pdf").status_code == 404
    assert client.get(f"/en/documents/{record.public.document_id}/2.pdf").status_code == 404


def test_the_states_page_lists_the_public_record(record):
    response = Client().get("/en/states-parties/")
    assert response.status_code == 200
    parties = {state.iso3: state for state in response.context["parties"]}
    assert set(parties) == set(record.states) - {"CHN"}
    assert [state.iso3 for state in response.context["not_party"]] == ["CHN"]
    html = response.content.decode()
    assert "States not party" in html
    assert "1 October 1999" in html  # Germany (deposit 23 April 1999): entry into force
    assert "6 September 2000" in html  # Colombia's deposit
    assert "1 March 2001" in html  # Colombia in force


def test_pages_in_french_and_spanish(record):
    html = Client().get("/fr/states-parties/").content.decode()
    assert '<html lang="fr">' in html
    assert "Allemagne" in html
    html = Client().get("/es/states-parties/").content.decode()
    assert "Alemania" in html


def test_no_page_links_into_the_signed_in_application(record):
    html = Client().get("/en/").content.decode()
    assert 'href="/"' not in html
    assert "/accounts/" not in html


def test_an_unknown_committee_is_a_404(record):
    client = Client()
    assert client.get("/en/committees/NOPE/").status_code == 404
    assert client.get("/en/committees/" + "x" * 300 + "/").status_code == 404


def test_staff_edit_a_committee_text_on_the_audit_trail(record, staff_client):
    assert staff_client.get("/public-site/texts/").status_code == 200
    url = "/public-site/texts/CECA/fr/"
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "purpose": "Aider les États parties.",
            "mandate": "Un.\n\nDeux.\n",
            "composition": "",
            "working_methods": "Consensus.",
        },
    )
    assert response.status_code == 302
    text = CommitteeText.objects.get(committee=record.committees["CECA"], language="fr")
    assert text.mandate_items == ["Un.", "Deux."]
    (entry,) = text.history.all()
    assert entry.history_user.role == "isu_staff"
    assert staff_client.post(url, {"purpose": "", "mandate": ""}).status_code == 400
    assert staff_client.get("/public-site/texts/CECA/de/").status_code == 404
    assert Client().get("/fr/committees/CECA/").context["page"].mandate == ["Un.", "Deux."]


def test_only_staff_edit_the_texts(record, observer_client, committee_client):
    for client in (observer_client, committee_client):
        assert client.get("/public-site/texts/CECA/fr/").status_code == 403
    assert Client().get("/public-site/texts/").status_code == 302


def test_the_published_article7_reports_and_no_other(record):
    from django.utils import timezone

    from tests.factories import Article7ReportFactory

    cambodia, peru = record.states["KHM"], record.states["PER"]
    Article7ReportFactory(
        state=cambodia,
        year_covered=2025,
        status="published",
        visibility="public",
        published_at=timezone.now(),
        stockpile=1200,
        retained=500,
        mined_area=4_500_000,
    )
    Article7ReportFactory(state=peru, year_covered=2025, status="submitted")
    Article7ReportFactory(state=peru, year_covered=2024, status="draft")
    response = Client().get("/en/article-7-reports/")
    assert response.status_code == 200
    assert [(r.state.iso3, r.year_covered) for r in response.context["reports"]] == [("KHM", 2025)]
    html = response.content.decode()
    assert "4,500,000" in html and "Peru" not in html
