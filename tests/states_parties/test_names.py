"""States' names in the reader's language, in the order of that language."""

import pytest
from django.utils import translation

from common.collation import sorted_by_text
from states_parties.models import StateParty
from states_parties.names import default_name, un_short_names

from ..factories import StatePartyFactory


def test_every_un_state_has_three_names():
    table = un_short_names()
    assert len(table) == 197
    assert all(all(names.values()) for names in table.values())
    assert table["TZA"] == {
        "en": "United Republic of Tanzania",
        "fr": "République-Unie de Tanzanie",
        "es": "República Unida de Tanzanía",
    }


def test_unknown_to_the_table_falls_back_to_django_countries():
    # Taiwan is not in the UN table; django-countries knows it.
    assert default_name("TWN", "fr") == "Taïwan"
    assert default_name("XXX", "fr") == ""


@pytest.mark.django_db
def test_names_are_filled_when_blank_and_kept_when_entered():
    peru = StatePartyFactory(iso3="PER", name="Peru")
    assert (peru.name_fr, peru.name_es) == ("Pérou", "Perú")
    peru.name_fr = "Pérou (corrigé)"
    peru.save()
    peru.refresh_from_db()
    assert peru.name_fr == "Pérou (corrigé)"


@pytest.mark.django_db
def test_display_name_and_str_follow_the_active_language():
    germany = StatePartyFactory(iso3="DEU", name="Germany")
    assert [germany.name_in(code) for code in ("en", "fr", "es", "de", None)] == [
        "Germany",
        "Allemagne",
        "Alemania",
        "Germany",
        "Germany",
    ]
    with translation.override("fr"):
        assert str(germany) == "Allemagne"
    with translation.override("es-ar"):
        assert germany.display_name == "Alemania"


@pytest.mark.django_db
def test_lists_sort_by_the_language_collation():
    for iso3, name in [
        ("PER", "Peru"),
        ("JPN", "Japan"),
        ("DEU", "Germany"),
        ("KHM", "Cambodia"),
        ("BEL", "Belgium"),
    ]:
        StatePartyFactory(iso3=iso3, name=name)
    states = StateParty.objects.all()
    with translation.override("fr"):
        assert [str(s) for s in sorted_by_text(states)] == [
            "Allemagne",
            "Belgique",
            "Cambodge",
            "Japon",
            "Pérou",
        ]
    assert sorted_by_text(["Croatia", "Côte d'Ivoire", "Costa Rica"]) == [
        "Costa Rica",
        "Côte d'Ivoire",
        "Croatia",
    ]
