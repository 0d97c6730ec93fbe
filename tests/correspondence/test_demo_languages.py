"""Every letter and reminder of the demo data, rendered in French and in Spanish (the e-mail
and the letter on letterhead), names no State in English and leaves no merge field blank."""

import re

import pytest

from correspondence import render
from correspondence.models import Letter, OutgoingMessage
from correspondence.services import preview_recipients
from documents.pdf import render_html
from states_parties.models import StateParty

pytestmark = pytest.mark.django_db


def _english_names_in(text: str, language: str, states) -> list[str]:
    """English names of States (those that differ in ``language``) found in ``text``."""
    if not _any_english_name(language, states).search(text):
        return []
    return [
        state.name
        for state in states
        if state.name != state.name_in(language)
        and re.search(rf"(?<!\w){re.escape(state.name)}(?!\w)", text)
    ]


_ANY_ENGLISH_NAME: dict[tuple, re.Pattern] = {}


def _any_english_name(language: str, states) -> re.Pattern:
    """One pattern that finds a text with any of those names (most texts have none)."""
    key = (language, *(state.name for state in states))
    if key not in _ANY_ENGLISH_NAME:
        names = [state.name for state in states if state.name != state.name_in(language)]
        either = "|".join(re.escape(name) for name in names) or r"(?!)"
        _ANY_ENGLISH_NAME[key] = re.compile(rf"(?<!\w)(?:{either})(?!\w)")
    return _ANY_ENGLISH_NAME[key]


def _in(contact, language):
    """The contact as if they read ``language``."""
    contact.preferred_language = language
    return contact


def test_demo_letters_and_reminders_in_french_and_spanish_name_no_state_in_english(demo_data):
    states = list(StateParty.objects.all())
    # The check finds what the issue reported.
    assert _english_names_in("Mesures de Comoros", "fr", states) == ["Comoros"]
    assert _english_names_in("Recordatorio: Article 9 measures of Chile", "es", states) == []
    assert _english_names_in("(Belgium, Germany, Peru)", "es", states) == [
        "Belgium",
        "Germany",
        "Peru",
    ]
    found: dict[tuple, list[str]] = {}
    rendered = 0
    for letter in Letter.objects.select_related("committee", "audience"):
        addressed = [
            (preview.state, contact)
            for preview in preview_recipients(letter)
            for contact, _language, _fallback in preview.contacts
        ] or [
            (message.state, message.contact)
            for message in letter.messages.select_related("state", "contact")
        ]
        assert addressed, letter.title
        for language in ("fr", "es"):
            renderer = render.LetterRenderer(letter, states=[state for state, _c in addressed])
            for state, contact in addressed:
                copy = renderer.copy(state, _in(contact, language), strict=True)
                assert copy.language == language
                letter_html = render_html(
                    "correspondence/letter_pdf.html",
                    render.letter_pdf_context(copy, renderer=renderer),
                    language,
                )
                text = "\n".join((copy.subject, copy.body, letter_html))
                english = _english_names_in(text, language, states)
                if english:
                    found[(letter.title, state.iso3, language)] = english
                rendered += 1
    reminders = OutgoingMessage.objects.filter(kind="reminder").select_related(
        "rule__letter", "rule__committee", "state", "contact"
    )
    seen = set()
    for message in reminders:
        if (message.rule_id, message.state_id, message.period) in seen:
            continue
        seen.add((message.rule_id, message.state_id, message.period))
        for language in ("fr", "es"):
            message.contact = _in(message.contact, language)
            render.fill_reminder(message, strict=True)
            assert message.language == language
            english = _english_names_in(f"{message.subject}\n{message.body}", language, states)
            if english:
                found[(message.rule.name, message.state.iso3, language)] = english
            rendered += 1
    assert rendered > 1000
    assert found == {}
