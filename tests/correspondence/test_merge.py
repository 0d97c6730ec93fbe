"""Merge fields and the choice of language."""

from datetime import date

import pytest

from correspondence import merge, render
from correspondence.models import Letter


def test_dates_are_written_in_the_language_of_the_message():
    day = date(2026, 4, 30)
    assert [merge.format_date(day, code) for code in ("en", "fr", "es")] == [
        "30 April 2026",
        "30 avril 2026",
        "30 de abril de 2026",
    ]
    assert merge.format_date(None, "en") == ""


def test_check_reports_syntax_and_unknown_fields():
    assert (
        merge.check("Dear {{ contact_name }}{% if years_missing %}: {{ years_missing }}{% endif %}")
        == []
    )
    assert merge.check("{{ state }} {{ deadline|upper }}") == []
    assert merge.check("{{ state.name }}") == [
        "“{{ state.name }}”: a merge field has no parts; write {{ state }}."
    ]
    assert merge.check("{{ country }} and {{ secret_key }} {{ 'text' }}") == [
        "“{{ country }}” is not a merge field; use one of: " + ", ".join(merge.MERGE_FIELDS) + ".",
        "“{{ secret_key }}” is not a merge field; use one of: "
        + ", ".join(merge.MERGE_FIELDS)
        + ".",
    ]
    (problem,) = merge.check("{% if %}")
    assert problem.startswith("The text cannot be read as a template:")


def test_rendering_is_plain_text_and_calls_a_value_only_if_used():
    calls = []

    def years():
        calls.append(1)
        return "2023, 2024"

    values = {"state": "Côte d'Ivoire & Co <x>", "years_missing": years}
    assert merge.render("To {{ state }}", values) == "To Côte d'Ivoire & Co <x>"
    assert calls == []
    text = "{% if years_missing %}Missing: {{ years_missing }}{% endif %}"
    assert merge.render(text, values) == "Missing: 2023, 2024"
    assert merge.render_subject("About\n  {{ state }}\n", values) == "About Côte d'Ivoire & Co <x>"


@pytest.mark.parametrize(
    ("preferred", "texts", "expected"),
    [
        ("fr", ("en", "fr", "es"), ("fr", False)),
        ("es", ("en", "fr"), ("en", True)),
        ("es", ("fr",), ("fr", True)),
        ("en", ("es", "fr"), ("fr", True)),
    ],
)
def test_the_contacts_language_or_a_fallback(preferred, texts, expected):
    letter = Letter(
        **{f"{part}_{code}": f"{part} {code}" for part in ("subject", "body") for code in texts}
    )
    chosen = letter.choose(preferred)
    assert (chosen.language, chosen.fallback) == expected
    assert (chosen.subject, chosen.body) == (f"subject {expected[0]}", f"body {expected[0]}")


def test_a_language_needs_both_subject_and_text():
    letter = Letter(subject_en="Only a subject", body_fr="Seulement le texte")
    assert letter.languages == []
    errors = letter.clean_text()
    assert errors == {
        "body_en": ["Give both a subject and a text in this language, or neither."],
        "subject_fr": ["Give both a subject and a text in this language, or neither."],
    }
    assert Letter().clean_text() == {"subject_en": ["Write the text in at least one language."]}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Committee on Cooperative Compliance"),
        ("fr", "Comité sur le respect coopératif des obligations"),
        ("es", "Comité sobre el Cumplimiento Cooperativo"),
    ],
)
def test_the_committee_is_named_in_the_language_of_the_message(
    standing_committees, contact, language, expected
):
    values = render.merge_values(
        state=contact.state,
        contact=contact,
        language=language,
        committee=standing_committees["CCC"],
    )
    assert merge.render("{{ committee }}", values) == expected
