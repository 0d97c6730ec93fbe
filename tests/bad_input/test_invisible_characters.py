"""Names and titles refuse bidirectional controls, zero-width characters and line breaks, with
one validator (``common.text.validate_single_line``) that forms and imports both meet (the API:
``tests/api/test_invisible_characters.py``)."""

import pytest
from django.core.exceptions import ValidationError

from common.text import validate_single_line
from states_parties.imports import StatePartyImporter
from states_parties.models import StateParty

pytestmark = pytest.mark.django_db

INVISIBLE = (
    "This contains an invisible character ({character}) that changes how the text reads; "
    "type it again without it."
)
LINE_BREAK = "Write this on one line: it contains a line break."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Cambodia\u202e", INVISIBLE.format(character="U+202E right-to-left override")),
        ("Camb\u200bodia", INVISIBLE.format(character="U+200B zero width space")),
        ("Camb\u200dodia", INVISIBLE.format(character="U+200D zero width joiner")),
        ("\ufeffCambodia", INVISIBLE.format(character="U+FEFF zero width no-break space")),
        ("Cambodia\u2066", INVISIBLE.format(character="U+2066 left-to-right isolate")),
        ("Cambodia\u200f", INVISIBLE.format(character="U+200F right-to-left mark")),
        ("Cam\tbodia", INVISIBLE.format(character="U+0009")),
        ("Cam\x1bbodia", INVISIBLE.format(character="U+001B")),
        ("Cambodia\nKingdom", LINE_BREAK),
        ("Cambodia\r", LINE_BREAK),
        ("Cambodia\u2028", LINE_BREAK),
    ],
)
def test_invisible_characters_and_line_breaks_are_refused(text, message):
    with pytest.raises(ValidationError) as refused:
        validate_single_line(text)
    assert refused.value.messages == [message]


@pytest.mark.parametrize(
    "text",
    ["Côte d’Ivoire", "Türkiye", "São Tomé and Príncipe", "الجزائر", "Guinea-Bissau", ""],
)
def test_names_in_any_script_are_accepted(text):
    validate_single_line(text)


def test_the_form_refuses_a_name_with_a_direction_override(staff_client):
    form = {
        "iso3": "khm",
        "name": "Cambodia\u202eaidobmaC",
        "regional_group": "asia_pacific",
        "signature_date": "1997-12-03",
        "instrument": "ratification",
        "deposit_date": "1999-07-28",
    }
    response = staff_client.post("/states/new/", form)
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [
        INVISIBLE.format(character="U+202E right-to-left override")
    ]
    assert not StateParty.objects.exists()


def test_an_import_refuses_a_name_with_a_zero_width_space_or_a_line_break():
    text = (
        "iso3,name,signature_date,instrument,deposit_date,withdrawal_deposit_date,"
        "withdrawal_suspended\n"
        "KHM,Camb\u200bodia,1997-12-03,ratification,1999-07-28,,false\n"
        'LKA,"Sri\nLanka",,accession,2017-12-13,,\n'
    )
    plan = StatePartyImporter().read(text)
    assert [(issue.row, issue.column, issue.message) for issue in plan.issues] == [
        (2, "name", INVISIBLE.format(character="U+200B zero width space")),
        (4, "name", LINE_BREAK),
    ]
    assert not StateParty.objects.exists()
