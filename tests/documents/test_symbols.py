"""Document symbols as the meeting numbers them (APLC/MSP.22/2025/WP.4)."""

import pytest
from django.core.exceptions import ValidationError

from committees.models import Meeting
from documents.models import Document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "pattern",
    ["APLC/MSP.22/2025/WP.", "WP.{number}/{number}", "APLC/{meeting}/WP.{number}", "WP.{n}"],
)
def test_a_meeting_pattern_has_one_number_and_no_other_braces(meetings, pattern):
    meeting = meetings["22MSP"]
    meeting.document_symbol_pattern = pattern
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert error.value.message_dict == {
        "document_symbol_pattern": [
            "Write {number} once where the document's number goes, and no other braces: "
            "APLC/MSP.22/2025/WP.{number}."
        ]
    }


def test_documents_created_for_a_meeting_take_its_next_symbol(ccc_year, people):
    meeting = Meeting.objects.get(kind="msp", number=22)
    client = people.client("staff")
    page = client.get(f"/meetings/{meeting.pk}/edit/")
    assert "document_symbol_pattern" in page.context["form"].fields
    meeting.document_symbol_pattern = "APLC/MSP.22/2025/WP.{number}"
    meeting.save()
    form = {
        "committee": ccc_year.pk,
        "kind": "activities-priorities",
        "period": "2025-2026",
        "date": "2025-11-20",
        "language": "en",
        "symbol": "",
        "agenda_item": "10",
        "agenda_title": "Review of the status and operation of the Convention",
        "visibility": "public",
    }
    refused = client.post("/documents/new/", form)
    assert refused.context["form"].errors == {
        "symbol": [
            "Give the document a symbol, or choose a meeting whose document symbols are "
            "numbered by a pattern."
        ]
    }
    assert client.post("/documents/new/", {**form, "meeting": meeting.pk}).status_code == 302
    assert (
        client.post(
            "/documents/new/", {**form, "meeting": meeting.pk, "symbol": "APLC/MSP.22/2025/WP.7"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            "/documents/new/", {**form, "meeting": meeting.pk, "kind": "article7-status"}
        ).status_code
        == 302
    )
    assert list(Document.objects.order_by("pk").values_list("symbol", flat=True)) == [
        "APLC/MSP.22/2025/WP.1",
        "APLC/MSP.22/2025/WP.7",
        "APLC/MSP.22/2025/WP.8",
    ]
    # Once created, what the document is stays: its symbol and language are not edited.
    document = Document.objects.get(symbol="APLC/MSP.22/2025/WP.1")
    settings_form = client.get(f"/documents/{document.pk}/edit/").context["form"]
    assert settings_form.fields["symbol"].disabled and settings_form.fields["language"].disabled
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "Meeting of the States Parties (22MSP)</a>, agenda item 10" in page
