"""Switching to French and to Spanish leaves no English on the main pages, those of the
committees' work (activities, documents, correspondence) included.

Two nets, so that strings added later are caught without changing this test: (1) any text on
the page equal to an English message of the catalogue whose translation differs (a string
marked but not translated shows its English msgid); (2) any text, once the records' own data
(names of States, titles of meetings, people) is set aside, containing words only English
uses (a string never marked for translation)."""

import functools
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from playwright.sync_api import expect

from accounts.models import User
from committees.models import Meeting, Representative
from states_parties.models import Contact, StateParty
from tests.activity_fixtures import articles, ccc_year, people, sraap
from tests.factories import UserFactory

from .conftest import sign_in
from .test_accessibility_browser import NOT_FOUND, main_pages
from .test_correspondence_browser import own_queue
from .test_layout_browser import LayoutCheck

__all__ = ["articles", "ccc_year", "own_queue", "people", "sraap"]

pytestmark = pytest.mark.django_db(transaction=True)

ENGLISH_ONLY_WORDS = {
    "the", "and", "with", "this", "that", "these", "your", "you", "has", "have", "was",
    "were", "from", "will", "which", "their", "been", "into", "are", "is", "of", "for",
    "to", "by", "not", "yet", "all", "any", "new", "edit", "save", "delete", "search",
    "show", "reports", "meeting", "meetings", "committee", "state", "states", "party",
    "deadline", "overdue", "received", "due",
}  # fmt: skip
#: A letter's merge fields (``{{ state }}``) are names of code, the same in every language.
MERGE_FIELD = re.compile(r"\{\{.*?\}\}")
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


def _placeholders_pattern(text: str) -> re.Pattern:
    """``text`` with each ``%(name)s`` matching anything."""
    return re.compile(".+".join(re.escape(part) for part in re.split(r"%\(\w+\)[sd]", text)))


@functools.cache  # the catalogues are read once a run, not once a page
def english_messages(language: str) -> tuple[set[str], list[tuple[re.Pattern, re.Pattern]]]:
    """Our messages whose translation differs from the English: exact texts, and patterns for
    those with placeholders."""
    base = Path(settings.BASE_DIR)
    entries = [
        entry
        for locale in (base / "locale", base / "documents" / "locale")
        for entry in polib.pofile(str(locale / language / "LC_MESSAGES" / "django.po"))
    ]
    exact, patterns = set(), []
    for entry in entries:
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
                    # With the translation's own pattern: a translated text the English pattern
                    # happens to match too ("Version 1 : Demande initiale" and "Version
                    # %(number)s: %(kind)s") is the translation, not English left.
                    patterns.append(
                        (_placeholders_pattern(english), _placeholders_pattern(translated))
                    )
            else:
                exact.add(english.strip())
    return exact, patterns


#: Records whose free text (every text field without choices) and name are data, not interface.
WRITTEN_BY_PEOPLE = [
    "activities.ActionPlan", "activities.Action", "activities.Activity", "activities.Priority",
    "activities.ComplianceMatter", "documents.Document", "documents.DocumentParagraph",
    "documents.DocumentVersion", "documents.DocumentEvent", "correspondence.Letter",
    "correspondence.Reply", "correspondence.ReminderRule", "correspondence.OutgoingMessage",
    "reporting.Submission", "extensions.ExtensionRequest", "extensions.RequestVersion",
    "extensions.HazardousArea", "extensions.Funding", "extensions.Analysis",
    "extensions.Decision", "extensions.DecisionRequirement", "extensions.CompletionDeclaration",
    "extensions.PreviouslyUnknownArea", "extensions.ProgressFigure",
]  # fmt: skip


def free_text(label: str) -> list[str]:
    from django.apps import apps
    from django.db import models

    model = apps.get_model(label)
    fields = [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    ]
    values = [str(record).strip() for record in model.objects.all()]  # as lists name it
    for row in model.objects.values_list(*fields):
        values.extend(str(value).strip() for value in row)
    return values


#: Records the application provides, translated through the catalogues where they are shown,
#: but which the history page shows as they were recorded (a transactional test's fixtures
#: create them again, with their history).
RECORDED_AS_PROVIDED = [
    "committees.Committee", "committees.MandateItem", "committees.MemberKind",
    "reporting.Audience",
]  # fmt: skip


def data_values(history: bool = False) -> list[str]:
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
    for label in WRITTEN_BY_PEOPLE + (RECORDED_AS_PROVIDED if history else []):
        values.extend(free_text(label))
    return sorted({value for value in values if value}, key=len, reverse=True)


class RecordedText:
    """What the records say, read once for a sweep of pages: visiting a page changes no record
    of the data set aside (a record a page added would only make the check stricter)."""

    def __init__(self) -> None:
        self._read: dict[bool, tuple[list[str], set[str], re.Pattern]] = {}

    def read(self, history: bool) -> tuple[list[str], set[str], re.Pattern]:
        if history not in self._read:
            data = data_values(history)
            # Whole words only: a short value ("en") must not cut a word in two ("Cumplimi to").
            pattern = re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(value) for value in data) + r")(?!\w)"
            )
            self._read[history] = (data, set(data), pattern)
        return self._read[history]


def english_left(
    texts: list[str],
    language: str,
    history: bool = False,
    recorded: RecordedText | None = None,
) -> list[str]:
    exact, patterns = english_messages(language)
    data, data_set, data_pattern = (recorded or RecordedText()).read(history)
    found = []
    for text in texts:
        if text in data_set or (
            # an excerpt of a record's text, cut short with an ellipsis
            text.endswith("…") and any(value.startswith(text[:-1].rstrip()) for value in data)
        ):
            continue
        if text in exact or any(
            english.fullmatch(text) and not translated.fullmatch(text)
            for english, translated in patterns
        ):
            found.append(text)
            continue
        rest = MERGE_FIELD.sub(" ", data_pattern.sub(" ", text))
        words = {word.lower() for word in re.findall(r"[^\W\d_]+", rest)}
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
def test_no_english_left_in_french_or_spanish(app, work, member, language, name, heading):
    """ISU staff open every main page: no English is left, and each page fits a phone and a
    laptop (``test_layout_browser``, axe-core's check with the French pages), from one load."""
    record = work
    UserFactory(username="irene", first_name="Irene", last_name="Ngata", role="isu_staff")
    sign_in(app, "irene")
    app.goto(f"{app.base_url}/states/")
    switch_to(app, name)
    expect(app.get_by_role("heading", level=1)).to_have_text(heading)
    assert app.evaluate("() => document.documentElement.lang") == language
    assert User.objects.get(username="irene").language == language
    found = {}
    recorded = RecordedText()
    layout = LayoutCheck(accessibility=language == "fr")
    refused = set()
    for url in main_pages(record):
        if layout.visit(app, url) != 200:
            refused.add(url)
        history = url.startswith("/history/")
        if left := english_left(app.evaluate(VISIBLE_TEXT), language, history, recorded):
            found[url] = left
    assert found == {}, "\n".join(f"{url}: {left}" for url, left in found.items())
    layout.assert_clean()
    # Staff open every page but the national reporters' and the one that does not exist.
    assert refused == {url for url in main_pages(record) if url.startswith("/portal/")} | {
        NOT_FOUND
    }


def test_the_check_finds_english(app, record):
    """The test above would fail on a page left in English."""
    UserFactory(username="irene", role="isu_staff")
    sign_in(app, "irene")
    app.goto(f"{app.base_url}/states/KHM/")
    left = english_left(app.evaluate(VISIBLE_TEXT), "fr")
    assert "Obligations and deadlines" in left
    assert "Cambodia" not in left
    # Accented words stay whole ("allégué" holds no "all"); merge fields and records are data.
    assert english_left(["Emploi allégué", "Champs de fusion : {{ state }}", "Geneva"], "fr") == []


@pytest.fixture
def committee_work(ccc_year, people, own_queue):
    """A committee's year of work as each app shows it: activities, priorities and the action
    plan (``ccc_year``), a compliance matter and its engagement, a draft document and a
    published one, a sent letter with a reply and a failed copy, a draft letter, a rule."""
    from datetime import date, time, timedelta

    from django.utils import timezone

    from activities import services as activity_services
    from activities.models import Activity, ComplianceMatter
    from correspondence import planning, render
    from correspondence.models import (
        Anchor,
        Letter,
        LetterRecipient,
        MessageStatus,
        OutgoingMessage,
        ReminderRule,
        Reply,
    )
    from documents import services as document_services
    from documents.models import Document
    from tests.factories import ContactFactory

    staff = people.staff
    states = {state.iso3: state for state in StateParty.objects.all()}
    matter = activity_services.save_compliance_matter(
        ComplianceMatter(
            title="Alleged use (illustrative)",
            kind=ComplianceMatter.Kind.ALLEGED_USE,
            opened_on=date(2025, 4, 28),
            status=ComplianceMatter.Status.IN_DIALOGUE,
            summary="Reports of an alleged use.",
        ),
        states=[states["TKM"]],
    )
    engagement = activity_services.save_activity(
        Activity(
            committee=ccc_year,
            date=date(2025, 5, 20),
            kind="engagement",
            text="The Committee engaged the State concerned.",
            visibility="confidential",
            compliance_matter=matter,
        ),
        states=[states["TKM"]],
    )
    draft = document_services.create_document(
        Document(
            committee=ccc_year,
            kind="activities-priorities",
            period="2025-2026",
            date=date(2025, 11, 20),
            symbol="APLC/MSP.22/2025/WP.5",
        ),
        staff,
    )
    published = document_services.create_document(
        Document(
            committee=ccc_year,
            kind="article7-status",
            period="2025-2026",
            date=date(2025, 11, 20),
            symbol="APLC/MSP.22/2025/INF.1",
        ),
        staff,
    )
    document_services.submit_to_chair(published, staff)
    document_services.approve(published, staff)
    document_services.publish(published, staff, "As presented.")

    for state in (states["BEL"], states["CAN"]):
        ContactFactory(state=state, name=f"Mission of {state.name}", preferred_language="en")
    sent = timezone.now() - timedelta(days=20)
    letter = Letter.objects.create(
        title="Outstanding Article 9 measures",
        committee=ccc_year,
        addressees=Letter.Addressees.HAND_PICKED,
        reply_due=timezone.localdate() - timedelta(days=2),
        status=Letter.Status.SENT,
        created_by=staff,
        approved_by=staff,
        approved_at=sent,
        sent_by=staff,
        sent_at=sent,
        subject_en="Article 9 measures of {{ state }}",
        body_en="Dear {{ contact_name }}, please reply by {{ reply_due }}.",
    )
    for state in (states["BEL"], states["CAN"]):
        recipient = LetterRecipient.objects.create(letter=letter, state=state)
        copy = OutgoingMessage(
            kind=OutgoingMessage.Kind.LETTER,
            letter=letter,
            state=state,
            contact=state.contacts.get(),
            send_at=sent,
            next_attempt_at=sent,
            status=MessageStatus.SENT if state.iso3 == "BEL" else MessageStatus.FAILED,
            attempts=1,
            sent_at=sent if state.iso3 == "BEL" else None,
            last_error="" if state.iso3 == "BEL" else "550 5.1.1 Mailbox unavailable",
        )
        render.fill_letter_copy(copy, letter)
        copy.save()
        if state.iso3 == "BEL":
            Reply.objects.create(
                recipient=recipient,
                received_on=timezone.localdate() - timedelta(days=5),
                summary="Belgium described its measures.",
                recorded_by=staff,
            )
    draft_letter = Letter.objects.create(
        title="Preliminary observations",
        committee=ccc_year,
        addressees=Letter.Addressees.HAND_PICKED,
        created_by=staff,
        subject_en="Observations on {{ state }}",
        body_en="Dear {{ contact_name }}, the Committee shares its observations.",
    )
    rule = ReminderRule.objects.create(
        name="Unanswered Article 9 letter",
        anchor=Anchor.LETTER_REPLY,
        letter=letter,
        committee=ccc_year,
        offsets=[7, 14],
        send_time=time(9, 0),
        effective_from=timezone.localdate(),
        subject_en="Reminder: {{ letter_subject }}",
        body_en="Dear {{ contact_name }}, we await your reply.",
    )
    planning.reconcile(rule)
    return {
        "engagement": engagement,
        "matter": matter,
        "draft": draft,
        "published": published,
        "letter": letter,
        "draft_letter": draft_letter,
        "rule": rule,
        "failed": OutgoingMessage.objects.get(status=MessageStatus.FAILED),
    }


def work_pages(work) -> list[str]:
    """The main pages of the activities, documents and correspondence apps, with the
    committee's dashboard, search and calendar feeds."""
    return [
        "/activities/",
        f"/activities/{work['engagement'].pk}/",
        "/activities/new/",
        "/priorities/",
        "/priorities/new/",
        "/action-plans/",
        "/action-plans/SRAAP/",
        "/action-plans/SRAAP/actions/new/",
        "/compliance/",
        "/compliance/new/",
        f"/compliance/{work['matter'].pk}/",
        "/committees/CCC/",
        "/committees/CCC/dashboard/",
        "/reporting/",
        "/documents/",
        "/documents/new/",
        f"/documents/{work['draft'].pk}/",
        f"/documents/{work['draft'].pk}/edit/",
        f"/documents/{work['published'].pk}/",
        f"/documents/{work['published'].pk}/versions/1/",
        "/correspondence/letters/",
        "/correspondence/letters/new/",
        f"/correspondence/letters/{work['letter'].pk}/",
        f"/correspondence/letters/{work['draft_letter'].pk}/",
        f"/correspondence/letters/{work['draft_letter'].pk}/approve/",
        f"/correspondence/letters/{work['letter'].pk}/replies/new/",
        "/correspondence/awaiting-reply/",
        "/correspondence/reminders/",
        "/correspondence/reminders/new/",
        "/correspondence/reminders/import/",
        f"/correspondence/reminders/{work['rule'].pk}/",
        "/correspondence/upcoming/",
        "/correspondence/outbox/",
        f"/correspondence/outbox/{work['failed'].pk}/preview/",
        "/states/BEL/",
        "/search/?q=article",
        "/calendars/",
        "/history/",
    ]


@pytest.mark.parametrize(("language", "name"), [("fr", "Français"), ("es", "Español")])
def test_no_english_left_on_the_pages_of_the_committees_work(app, committee_work, language, name):
    sign_in(app, "irene")
    app.goto(f"{app.base_url}/activities/")
    switch_to(app, name)
    assert app.evaluate("() => document.documentElement.lang") == language
    found = {}
    recorded = RecordedText()
    for url in work_pages(committee_work):
        response = app.goto(f"{app.base_url}{url}")
        assert response.status == 200, url
        if left := english_left(app.evaluate(VISIBLE_TEXT), language, recorded=recorded):
            found[url] = left
    assert found == {}
