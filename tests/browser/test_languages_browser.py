"""Switching to French and to Spanish leaves no English on the main pages.

Two nets, so that strings added later are caught without changing this test: (1) any text on
the page equal to an English message of the catalogue whose translation differs (a string
marked but not translated shows its English msgid); (2) any text, once the records' own data
(names of States, titles of meetings, people) is set aside, containing words only English
uses (a string never marked for translation)."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from playwright.sync_api import expect

from accounts.models import User
from committees.models import Meeting, Representative
from states_parties.models import Contact, StateParty
from tests.factories import UserFactory

from .conftest import log_in
from .test_accessibility_browser import main_pages

pytestmark = pytest.mark.django_db(transaction=True)

ENGLISH_ONLY_WORDS = {
    "the", "and", "with", "this", "that", "these", "your", "you", "has", "have", "was",
    "were", "from", "will", "which", "their", "been", "into", "are", "is", "of", "for",
    "to", "by", "not", "yet", "all", "any", "new", "edit", "save", "delete", "search",
    "show", "reports", "meeting", "meetings", "committee", "state", "states", "party",
    "deadline", "overdue", "received", "due",
}  # fmt: skip
#: Names and codes that are the same in every language.
ALLOWED = {"APMBC", "ISU", "CSV", "XLSX", "ISO", "API", "ICBL", "ICRC", "Art."}

VISIBLE_TEXT = """() => {
  const texts = [document.title];
  const skip = 'script, style, code, [translate="no"]';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!element || element.closest(skip)) continue;
    const language = element.closest('[lang]');
    if (language && language !== document.documentElement) continue;
    if (!element.getClientRects().length && !element.closest('option')) continue;
    const text = walker.currentNode.textContent.trim();
    if (text) texts.push(text);
  }
  for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (element.closest(skip)) continue;
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const value = element.getAttribute(name);
      if (value) texts.push(value.trim());
    }
  }
  return texts;
}"""


def english_messages(language: str) -> tuple[set[str], list[re.Pattern]]:
    """Our messages whose translation differs from the English: exact texts, and patterns for
    those with placeholders."""
    catalogue = polib.pofile(
        str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po")
    )
    exact, patterns = set(), []
    for entry in catalogue:
        for english, translated in (
            [(entry.msgid, entry.msgstr)]
            if not entry.msgid_plural
            else [(entry.msgid, entry.msgstr_plural.get(0, "")),
                  (entry.msgid_plural, entry.msgstr_plural.get(1, ""))]
        ):  # fmt: skip
            if english == translated or english.strip() in ALLOWED or "<" in english:
                continue
            if "%(" in english:
                parts = re.split(r"%\(\w+\)[sd]", english)
                if sum(len(part.strip()) for part in parts) >= 8:
                    patterns.append(re.compile(".+".join(re.escape(part) for part in parts)))
            else:
                exact.add(english.strip())
    return exact, patterns


def data_values() -> list[str]:
    """What the records say, in whatever language they were written: set aside."""
    values = [
        *StateParty.objects.values_list("name", flat=True),
        *Meeting.objects.values_list("title", flat=True),
        *Meeting.objects.values_list("venue", flat=True),
        *Contact.objects.values_list("name", flat=True),
        *Representative.objects.values_list("name", flat=True),
        *(user.get_full_name() for user in User.objects.all()),
        *User.objects.values_list("username", flat=True),
    ]
    return sorted({value for value in values if value}, key=len, reverse=True)


def english_left(texts: list[str], language: str) -> list[str]:
    exact, patterns = english_messages(language)
    data = data_values()
    found = []
    for text in texts:
        if text in exact or any(pattern.fullmatch(text) for pattern in patterns):
            found.append(text)
            continue
        rest = text
        for value in data:
            rest = rest.replace(value, " ")
        words = {word.lower() for word in re.findall(r"[A-Za-z]+", rest)}
        if words & ENGLISH_ONLY_WORDS:
            found.append(text)
    return found


def switch_to(page, language_name: str) -> None:
    page.get_by_label("Language", exact=True).or_(
        page.locator("#language-select")
    ).first.select_option(label=language_name)
    page.locator(".language-switcher button").click()


@pytest.mark.parametrize(
    ("language", "name", "heading"),
    [("fr", "Français", "États"), ("es", "Español", "Estados")],
)
def test_no_english_left_in_french_or_spanish(app, record, member, language, name, heading):
    UserFactory(username="irene", first_name="Irene", last_name="Ngata", role="isu_staff")
    log_in(app, "irene")
    app.goto(f"{app.base_url}/states/")
    switch_to(app, name)
    expect(app.get_by_role("heading", level=1)).to_have_text(heading)
    assert app.evaluate("() => document.documentElement.lang") == language
    assert User.objects.get(username="irene").language == language
    found = {}
    for url in main_pages(record):
        app.goto(f"{app.base_url}{url}")
        if left := english_left(app.evaluate(VISIBLE_TEXT), language):
            found[url] = left
    assert found == {}


def test_the_check_finds_english(app, record):
    """The test above would fail on a page left in English."""
    UserFactory(username="irene", role="isu_staff")
    log_in(app, "irene")
    app.goto(f"{app.base_url}/states/KHM/")
    left = english_left(app.evaluate(VISIBLE_TEXT), "fr")
    assert "Obligations and deadlines" in left
    assert "Cambodia" not in left
