"""What the pages of letters and reminder rules share: their texts in each language, and
the form page that offers the merge fields."""

from __future__ import annotations

from django.http import HttpResponse

from common.views import form_page
from states_parties.models import Contact

from ..merge import MERGE_FIELDS
from ..mergetags import FILTERS, TAGS
from ..models import MultilingualText


def text_sections(text: MultilingualText) -> list[tuple[str, str, str, str]]:
    """``(code, language, subject, body)`` for each language, for the text sections."""
    return [(code, str(label), *text.text_in(code)) for code, label in Contact.Language.choices]


def text_form_page(request, form, title, cancel_url, intro: str = "") -> HttpResponse:
    """A form with the merge fields, tags and filters its texts may use."""
    return form_page(
        request,
        form,
        title,
        cancel_url,
        template="correspondence/form_page.html",
        intro=intro,
        merge_fields=MERGE_FIELDS,
        merge_tags=[tag for tag in TAGS if not tag.startswith("end")],
        merge_filters=FILTERS,
        multipart=form.is_multipart(),
    )
