"""French typography in template text outside translated strings: a colon or a semicolon
between two values comes from a translated separator (``{% translate ": " context
"separator" %}``), whose French has a no-break space before the mark."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATES = [
    "activities/templates/activities/activity_detail.html",
    "activities/templates/activities/panels/recent.html",
    "committees/templates/committees/changeover.html",
    "committees/templates/committees/committee_detail.html",
    "committees/templates/committees/meeting_detail.html",
    "committees/templates/committees/term_edit.html",
    "correspondence/templates/correspondence/letter_approve.html",
    "correspondence/templates/correspondence/letter_detail.html",
    "correspondence/templates/correspondence/rule_detail.html",
    "correspondence/templates/correspondence/rule_list.html",
    "documents/templates/documents/document_detail.html",
    "reporting/templates/reporting/dashboard.html",
    "states_parties/templates/states_parties/state_detail.html",
    "states_parties/templates/states_parties/state_list.html",
    "templates/common/history_entries.html",
]
TRANSLATED = re.compile(
    r"\{%\s*blocktranslate.*?\{%\s*endblocktranslate\s*%\}|\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}",
    re.S,
)
MARKUP = re.compile(r"<[^>]*>|&[a-z]+;|&#\d+;")


def untranslated_marks(source: str) -> list[str]:
    """Colons and semicolons followed by a space or the line's end in the text a template
    writes outside its translated strings, its tags and its markup."""
    text = MARKUP.sub(" ", TRANSLATED.sub(" ", source))
    return [match.group(0) for match in re.finditer(r"\S*\s*[:;](?=\s|$)", text, re.M)]


@pytest.mark.parametrize("path", TEMPLATES)
def test_no_colon_or_semicolon_outside_translated_strings(path):
    assert untranslated_marks((ROOT / path).read_text(encoding="utf-8")) == []


def test_the_check_finds_a_literal_colon_and_leaves_translated_ones():
    assert untranslated_marks("{{ a }}: {{ b }}<b>x</b>; y") == [" :", "x ;"]
    assert untranslated_marks('{{ a }}{% translate ": " context "separator" %}{{ b }}') == []
    assert untranslated_marks("{% blocktranslate %}Years: {{ y }}{% endblocktranslate %}") == []
    assert untranslated_marks('<a href="https://x.org/">x</a> 09:00') == []


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_separators_are_translated_with_the_languages_typography(language):
    pending = ROOT / "locale" / "pending" / f"h16-lists.{language}.po"
    catalogue = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    entries = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for path in (pending, catalogue)
        if path.exists()
        for entry in polib.pofile(str(path))
        if entry.msgctxt == "separator"
    }
    space = "\u00a0" if language == "fr" else ""
    assert entries == {("separator", ": "): f"{space}: ", ("separator", "; "): f"{space}; "}
