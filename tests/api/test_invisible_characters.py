"""The API refuses invisible characters and line breaks in names with the forms' message."""

import pytest

from states_parties.models import Contact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "Ana\u200b Pérez",
            "This contains an invisible character (U+200B zero width space) that changes how "
            "the text reads; type it again without it.",
        ),
        ("Ana\nPérez", "Write this on one line: it contains a line break."),
    ],
)
def test_a_contact_name_with_an_invisible_character_is_refused(record, api_staff, name, message):
    before = Contact.objects.count()
    response = api_staff.post(
        "/api/contacts/",
        {"state": "KHM", "kind": "national", "name": name, "email": "ana@mission.example"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"name": [message]}
    assert Contact.objects.count() == before
