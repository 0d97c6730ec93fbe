"""Single-line texts added since the first sweep (letters, reminder rules, forms of address,
documents' agenda, meetings' symbol patterns) refuse invisible characters and line breaks too."""

import pytest
from django.core.exceptions import ValidationError

from committees.models import Meeting
from correspondence.models import Letter, ReminderRule
from documents.models import Document
from states_parties.models import Contact

FIELDS = [
    (Letter, "title"),
    (Letter, "subject_en"),
    (Letter, "subject_fr"),
    (Letter, "subject_es"),
    (ReminderRule, "name"),
    (ReminderRule, "subject_es"),
    (Contact, "family_name"),
    (Contact, "salutation_en"),
    (Contact, "salutation_fr"),
    (Contact, "salutation_es"),
    (Document, "agenda_item"),
    (Document, "agenda_title"),
    (Meeting, "document_symbol_pattern"),
]


@pytest.mark.parametrize(("model", "name"), FIELDS, ids=lambda v: getattr(v, "__name__", v))
@pytest.mark.parametrize("text", ["Rossi\u202e", "Ros\u200bsi", "Rossi\nMr"])
def test_the_field_refuses_the_character(model, name, text):
    field = model._meta.get_field(name)
    with pytest.raises(ValidationError):
        field.run_validators(text)
    field.run_validators("Rossi")
