"""Forms of address: salutations and address blocks by function and language, never built
from a job title or an institution's name; a Mission by its full name."""

import pytest
from django.core.exceptions import ValidationError

from states_parties.addressing import formal_order, mission_name, of_state, with_article
from states_parties.models import Contact
from states_parties.names import un_short_names
from tests.factories import ContactFactory, StatePartyFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("iso3", "expected"),
    [
        ("CHL", ("of Chile", "du Chili", "de Chile")),
        ("NLD", ("of the Netherlands", "des Pays-Bas", "de los Países Bajos")),
        ("DEU", ("of Germany", "de l'Allemagne", "de Alemania")),
        ("BEL", ("of Belgium", "de la Belgique", "de Bélgica")),
        ("PER", ("of Peru", "du Pérou", "del Perú")),
        ("ISR", ("of Israel", "d'Israël", "de Israel")),
        ("CUB", ("of Cuba", "de Cuba", "de Cuba")),
        ("GBR", ("of the United Kingdom", "du Royaume-Uni", "del Reino Unido")),
        (
            "BOL",
            (
                "of the Plurinational State of Bolivia",
                "de l'État plurinational de Bolivie",
                "del Estado Plurinacional de Bolivia",
            ),
        ),
        (
            "IRN",
            (
                "of the Islamic Republic of Iran",
                "de la République islamique d'Iran",
                "de la República Islámica del Irán",
            ),
        ),
        ("PHL", ("of the Philippines", "des Philippines", "de Filipinas")),
        ("YEM", ("of Yemen", "du Yémen", "del Yemen")),
    ],
)
def test_a_states_name_after_of_in_each_language(iso3, expected):
    state = StatePartyFactory(iso3=iso3, name=un_short_names()[iso3]["en"])
    assert tuple(of_state(state, language) for language in ("en", "fr", "es")) == expected


@pytest.mark.parametrize(
    ("iso3", "expected"),
    [
        ("KHM", ("Cambodia", "le Cambodge", "Camboya")),
        ("NLD", ("the Netherlands", "les Pays-Bas", "los Países Bajos")),
        ("DEU", ("Germany", "l'Allemagne", "Alemania")),
        ("PER", ("Peru", "le Pérou", "el Perú")),
        ("BOL", (
            "the Plurinational State of Bolivia",
            "l'État plurinational de Bolivie",
            "el Estado Plurinacional de Bolivia",
        )),
    ],
)  # fmt: skip
def test_a_states_name_with_its_article_in_each_language(iso3, expected):
    state = StatePartyFactory(iso3=iso3, name=un_short_names()[iso3]["en"])
    assert tuple(with_article(state, language) for language in ("en", "fr", "es")) == expected


def test_a_name_staff_changed_takes_no_article():
    state = StatePartyFactory(iso3="NLD", name="Holland", name_fr="Hollande")
    assert (of_state(state, "en"), of_state(state, "fr")) == ("of Holland", "de Hollande")
    assert with_article(state, "fr") == "Hollande"


def test_short_names_in_parentheses_are_turned_around():
    assert formal_order("Venezuela (Bolivarian Republic of)") == (
        "Bolivarian Republic of Venezuela"
    )
    assert formal_order("Venezuela (République bolivarienne du)") == (
        "République bolivarienne du Venezuela"
    )
    assert formal_order("Chile") == "Chile"


def test_a_permanent_mission_by_its_full_name():
    chile = StatePartyFactory(iso3="CHL", name="Chile")
    assert [mission_name(chile, language) for language in ("en", "fr", "es")] == [
        "Permanent Mission of Chile to the United Nations Office at Geneva",
        "Mission permanente du Chili auprès de l'Office des Nations Unies à Genève",
        "Misión Permanente de Chile ante la Oficina de las Naciones Unidas en Ginebra",
    ]


SALUTATIONS = {
    Contact.AddressedAs.PERMANENT_REPRESENTATIVE: ("Excellency,", "Excellence,", "Excelencia:"),
    Contact.AddressedAs.MISSION: ("Dear Sir or Madam,", "Madame, Monsieur,", "Señora, Señor:"),
    Contact.AddressedAs.MS: ("Dear Ms Rossi,", "Madame,", "Estimada Sra. Rossi:"),
    Contact.AddressedAs.MR: ("Dear Mr Rossi,", "Monsieur,", "Estimado Sr. Rossi:"),
    Contact.AddressedAs.SIR_OR_MADAM: ("Dear Sir or Madam,", "Madame, Monsieur,", "Señora, Señor:"),
}


@pytest.mark.parametrize("addressed_as", list(SALUTATIONS))
def test_default_salutations_by_function_never_from_the_name_or_function(addressed_as):
    contact = ContactFactory(
        state=StatePartyFactory(iso3="CHL", name="Chile"),
        name="Article 7 focal point, Chile",
        function="National mine action authority",
        family_name="Rossi",
        addressed_as=addressed_as,
    )
    assert (
        tuple(contact.salutation_in(code) for code in ("en", "fr", "es"))
        == (SALUTATIONS[addressed_as])
    )


def test_address_blocks_by_function_and_language():
    chile = StatePartyFactory(iso3="CHL", name="Chile")
    representative = ContactFactory(
        state=chile, name="Juan Pérez", addressed_as=Contact.AddressedAs.PERMANENT_REPRESENTATIVE
    )
    person = ContactFactory(
        state=chile, name="Ana Rossi", family_name="Rossi", addressed_as=Contact.AddressedAs.MS
    )
    mission = ContactFactory(state=chile, addressed_as=Contact.AddressedAs.MISSION)
    assert representative.address_in("fr") == (
        "Juan Pérez\nMission permanente du Chili auprès de l'Office des Nations Unies à Genève"
    )
    assert person.address_in("es") == "Sra. Ana Rossi\nChile"
    assert person.address_in("en") == "Ms Ana Rossi\nChile"
    assert mission.address_in("en") == (
        "Permanent Mission of Chile to the United Nations Office at Geneva"
    )


def test_staff_can_replace_a_salutation_or_address_per_language():
    contact = ContactFactory(
        state=StatePartyFactory(iso3="CHL", name="Chile"),
        addressed_as=Contact.AddressedAs.PERMANENT_REPRESENTATIVE,
        salutation_fr="Monsieur l'Ambassadeur,",
        address_es="Excmo. Sr. Juan Pérez\nEmbajador",
    )
    assert contact.salutation_in("fr") == "Monsieur l'Ambassadeur,"
    assert contact.salutation_in("en") == "Excellency,"
    assert contact.address_in("es") == "Excmo. Sr. Juan Pérez\nEmbajador"


def test_ms_or_mr_needs_the_family_name():
    contact = ContactFactory.build(
        state=StatePartyFactory(iso3="CHL"), addressed_as=Contact.AddressedAs.MS
    )
    with pytest.raises(ValidationError) as refused:
        contact.clean()
    assert refused.value.message_dict == {
        "family_name": ["Give the family name for “Dear Ms …” or “Dear Mr …”."]
    }


def test_every_un_member_has_an_article_in_each_language():
    from states_parties.addressing import articles

    table = articles()
    assert set(table) == set(un_short_names())
    allowed = {
        "en": {"", "the"},
        "fr": {"", "le", "la", "l'", "les"},
        "es": {"", "el", "la", "los", "las"},
    }
    for iso3, by_language in table.items():
        for language, article in by_language.items():
            assert article in allowed[language], (iso3, language, article)


def test_the_contact_form_addresses_a_mission_by_its_full_name_unless_told_otherwise(
    staff_client,
):
    StatePartyFactory(iso3="KHM", name="Cambodia")
    for kind, email in (("permanent_mission", "pm@khm.example"), ("article7", "a7@khm.example")):
        response = staff_client.post(
            "/states/KHM/contacts/new/",
            {"kind": kind, "name": "Someone", "email": email, "preferred_language": "fr"},
        )
        assert response.status_code == 302
    assert dict(Contact.objects.values_list("kind", "addressed_as")) == {
        "permanent_mission": "mission",
        "article7": "sir_or_madam",
    }
    assert Contact.objects.get(kind="permanent_mission").salutation_in("fr") == (
        "Madame, Monsieur,"
    )
