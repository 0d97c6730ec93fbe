"""Every main list sorts by its main columns from their headings: ``?sort=<column>`` and
``?sort=-<column>`` give the exact order, the heading shows the direction (``aria-sort`` and an
arrow) and links to the other one; States' names sort in the language's alphabetical order."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from correspondence.models import Letter, MessageStatus
from documents.models import Document
from reporting import services as reporting_services
from reporting.models import Submission
from tests.factories import (
    ActivityFactory,
    CommitteeFactory,
    DocumentFactory,
    DocumentVersionFactory,
    LetterFactory,
    MeetingFactory,
    OutgoingMessageFactory,
    PriorityFactory,
    StatePartyFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db

ARROWS = {"ascending": "▲", "descending": "▼"}


def heading(key: str, label: str, direction: str = "", css_class: str = "") -> str:
    """The heading's HTML as ``{% sort_heading %}`` writes it, on a page asked with
    ``?sort=<key>`` (``direction`` "ascending") or ``?sort=-<key>`` ("descending")."""
    attributes = f' class="{css_class}"' if css_class else ""
    if direction:
        attributes += f' aria-sort="{direction}"'
        turned = f"-{key}" if direction == "ascending" else key
        arrow = f' <span class="sort-arrow" aria-hidden="true">{ARROWS[direction]}</span>'
    else:
        turned, arrow = key, ""
    return f'<th scope="col"{attributes}><a href="?sort={turned}">{label}{arrow}</a></th>'


def assert_sorts(client, url, key, label, expected, value, css_class=""):
    """``?sort=key`` lists ``expected`` (each row read with ``value``), ``?sort=-key`` the
    reverse, and the heading says so."""
    for sort, direction, order in (
        (key, "ascending", expected),
        (f"-{key}", "descending", list(reversed(expected))),
    ):
        response = client.get(url, {"sort": sort})
        assert response.status_code == 200
        assert [value(row) for row in response.context["page"].object_list] == order, sort
        assert heading(key, label, direction, css_class) in response.content.decode(), sort


def _ordered_states():
    """Three States whose alphabetical order differs from their order by code point."""
    return [
        StatePartyFactory(iso3="CRI", name="Costa Rica", name_fr="Costa Rica"),
        StatePartyFactory(iso3="CIV", name="Côte d'Ivoire", name_fr="Côte d’Ivoire"),
        StatePartyFactory(iso3="HRV", name="Croatia", name_fr="Croatie"),
    ]


# --- letters ------------------------------------------------------------------------------------


@pytest.fixture
def letters():
    now = timezone.now()
    first = LetterFactory(title="Bravo", status=Letter.Status.SENT, sent_at=now - timedelta(2))
    second = LetterFactory(title="Alpha", status=Letter.Status.DRAFT, sent_at=now - timedelta(1))
    third = LetterFactory(title="Écho", status=Letter.Status.APPROVED, sent_at=now)
    Letter.objects.filter(pk=first.pk).update(reply_due=date(2026, 3, 1))
    Letter.objects.filter(pk=second.pk).update(reply_due=date(2026, 1, 1))
    Letter.objects.filter(pk=third.pk).update(reply_due=date(2026, 2, 1))
    return [first, second, third]


def test_letters_sort_by_each_column(staff_client, letters):
    url = "/correspondence/letters/"
    title = lambda letter: letter.title  # noqa: E731
    assert_sorts(staff_client, url, "reference", "Reference", ["Bravo", "Alpha", "Écho"], title)
    assert_sorts(staff_client, url, "title", "Title", ["Alpha", "Bravo", "Écho"], title)
    # Statuses in their stored order: approved, draft, sent.
    assert_sorts(staff_client, url, "status", "Status", ["Écho", "Alpha", "Bravo"], title)
    assert_sorts(staff_client, url, "sent", "Sent", ["Bravo", "Alpha", "Écho"], title)
    assert_sorts(staff_client, url, "reply_due", "Reply by", ["Alpha", "Écho", "Bravo"], title)


def test_the_letters_default_order_is_unchanged_and_no_heading_claims_it(staff_client, letters):
    response = staff_client.get("/correspondence/letters/")
    assert [letter.title for letter in response.context["page"].object_list] == [
        "Écho",
        "Alpha",
        "Bravo",
    ]
    assert "aria-sort" not in response.content.decode()
    assert heading("title", "Title") in response.content.decode()


def test_the_filter_form_keeps_the_sort(staff_client, letters):
    page = staff_client.get("/correspondence/letters/", {"sort": "-title"}).content.decode()
    assert re.search(r'<input type="hidden" name="sort" value="-title"[^>]*>', page)
    assert 'name="sort"' in page and "Sort by" not in page


# --- the outbox and upcoming sends --------------------------------------------------------------


def test_the_outbox_sorts_by_each_column(staff_client):
    costa_rica, cote_divoire, croatia = _ordered_states()
    sent = OutgoingMessageFactory(
        state=croatia, subject="Alpha", status=MessageStatus.SENT, attempts=1
    )
    failed = OutgoingMessageFactory(
        state=costa_rica, subject="Charlie", status=MessageStatus.FAILED, attempts=3
    )
    held = OutgoingMessageFactory(
        state=cote_divoire, subject="Bravo", status=MessageStatus.SKIPPED, attempts=2
    )
    url = "/correspondence/outbox/"
    state = lambda message: message.state.iso3  # noqa: E731
    assert_sorts(staff_client, url, "number", "#", ["HRV", "CRI", "CIV"], state)
    assert_sorts(staff_client, url, "to", "To", ["CRI", "CIV", "HRV"], state)
    assert_sorts(staff_client, url, "subject", "Subject", ["HRV", "CIV", "CRI"], state)
    statuses = sorted([sent, failed, held], key=lambda message: message.status)
    assert_sorts(
        staff_client, url, "status", "Status", [state(message) for message in statuses], state
    )
    assert_sorts(staff_client, url, "attempts", "Attempts", ["HRV", "CIV", "CRI"], state, "number")


def test_upcoming_sends_sort_by_each_column_and_show_the_default(staff_client):
    costa_rica, cote_divoire, croatia = _ordered_states()
    for state, anchor in ((croatia, 1), (costa_rica, 3), (cote_divoire, 2)):
        OutgoingMessageFactory(state=state, anchor_date=date(2026, 12, 10 + anchor))
    url = "/correspondence/upcoming/"
    state = lambda message: message.state.iso3  # noqa: E731
    response = staff_client.get(url)
    assert [state(message) for message in response.context["page"].object_list] == [
        "HRV",
        "CIV",
        "CRI",
    ]
    assert heading("planned", "Planned for", "ascending") in response.content.decode()
    assert_sorts(staff_client, url, "planned", "Planned for", ["HRV", "CIV", "CRI"], state)
    assert_sorts(staff_client, url, "state", "State", ["CRI", "CIV", "HRV"], state)
    assert_sorts(staff_client, url, "anchor", "Anchor", ["HRV", "CIV", "CRI"], state)


# --- documents and meetings ---------------------------------------------------------------------


def test_documents_sort_by_each_column(staff_client):
    rows = (
        ("WP.2", "TCB", date(2025, 3, 1), "fr", Document.Status.PUBLISHED, 1),
        ("WP.3", "TCA", date(2025, 1, 1), "es", Document.Status.DRAFT, 0),
        ("WP.1", "TCC", date(2025, 2, 1), "en", Document.Status.APPROVED, 2),
    )
    for symbol, code, day, language, status, versions in rows:
        document = DocumentFactory(
            symbol=symbol,
            committee=CommitteeFactory(code=code),
            date=day,
            language=language,
            status=status,
        )
        for _number in range(versions):
            DocumentVersionFactory(document=document)
    url = "/documents/"
    symbol = lambda document: document.symbol  # noqa: E731
    response = staff_client.get(url)
    assert [symbol(row) for row in response.context["page"].object_list] == [
        "WP.2",
        "WP.1",
        "WP.3",
    ]
    assert heading("date", "Date", "descending") in response.content.decode()
    assert_sorts(staff_client, url, "symbol", "Symbol", ["WP.1", "WP.2", "WP.3"], symbol)
    assert_sorts(staff_client, url, "committee", "Committee", ["WP.3", "WP.2", "WP.1"], symbol)
    assert_sorts(staff_client, url, "date", "Date", ["WP.3", "WP.1", "WP.2"], symbol)
    assert_sorts(staff_client, url, "language", "Language", ["WP.1", "WP.3", "WP.2"], symbol)
    assert_sorts(staff_client, url, "status", "Status", ["WP.1", "WP.3", "WP.2"], symbol)
    assert_sorts(
        staff_client, url, "versions", "Versions", ["WP.3", "WP.2", "WP.1"], symbol, "number"
    )


def test_meetings_sort_by_each_column(staff_client):
    costa_rica, cote_divoire, croatia = _ordered_states()
    rows = (
        ("B", date(2025, 5, 1), "special", "TCB", "Oslo", croatia),
        ("C", date(2025, 3, 1), "intersessional", "TCC", "Geneva", cote_divoire),
        ("A", date(2025, 4, 1), "committee", "TCA", "Bangkok", costa_rica),
    )
    for title, start, kind, code, venue, president in rows:
        MeetingFactory(
            title=title,
            start_date=start,
            end_date=start,
            kind=kind,
            committee=CommitteeFactory(code=code),
            venue=venue,
            president_state=president,
        )
    url = "/meetings/"
    title = lambda meeting: meeting.title  # noqa: E731
    response = staff_client.get(url)
    assert [title(row) for row in response.context["page"].object_list] == ["B", "A", "C"]
    assert heading("dates", "Dates", "descending") in response.content.decode()
    assert_sorts(staff_client, url, "dates", "Dates", ["C", "A", "B"], title)
    assert_sorts(staff_client, url, "kind", "Kind", ["A", "C", "B"], title)
    assert_sorts(staff_client, url, "committee", "Committee", ["A", "B", "C"], title)
    assert_sorts(staff_client, url, "venue", "Venue", ["A", "C", "B"], title)
    assert_sorts(staff_client, url, "president", "President", ["A", "C", "B"], title)


def test_upcoming_meetings_show_their_soonest_first_order_on_the_dates_heading(staff_client):
    later = timezone.localdate() + timedelta(days=60)
    MeetingFactory(title="Later", start_date=later, end_date=later)
    MeetingFactory(title="Sooner", start_date=later - timedelta(30), end_date=later)
    response = staff_client.get("/meetings/", {"when": "upcoming"})
    assert [meeting.title for meeting in response.context["page"].object_list] == [
        "Sooner",
        "Later",
    ]
    assert (
        '<th scope="col" aria-sort="ascending"><a href="?when=upcoming&amp;sort=-dates">Dates'
        in response.content.decode()
    )


# --- reports received and States overdue -------------------------------------------------------


def test_reports_sort_by_each_column(staff_client):
    costa_rica, cote_divoire, croatia = _ordered_states()
    SubmissionFactory(state=croatia, year=2020, received_on=date(2021, 4, 1))
    SubmissionFactory(state=costa_rica, year=2022, received_on=date(2023, 6, 1))
    SubmissionFactory(state=cote_divoire, year=2021, received_on=date(2022, 5, 1))
    url = "/reporting/reports/"
    state = lambda report: report.state.iso3  # noqa: E731
    response = staff_client.get(url)
    assert [state(row) for row in response.context["page"].object_list] == ["CRI", "CIV", "HRV"]
    assert heading("received", "Received", "descending") in response.content.decode()
    assert_sorts(staff_client, url, "state", "State Party", ["CRI", "CIV", "HRV"], state)
    assert_sorts(staff_client, url, "report", "Report", ["HRV", "CIV", "CRI"], state)
    assert_sorts(staff_client, url, "received", "Received", ["HRV", "CIV", "CRI"], state)


def test_the_overdue_list_sorts_by_name_and_by_reports_missed(staff_client):
    costa_rica, cote_divoire, croatia = _ordered_states()
    with time_machine.travel(datetime(2024, 6, 1, 9, tzinfo=UTC), tick=True):
        for state in (costa_rica, cote_divoire, croatia):
            state.deposit_date = date(2019, 1, 10)
            state.save()
        reporting_services.sync_expected_reports(
            [costa_rica, cote_divoire, croatia], through_year=2024
        )
        # Croatia last reported for 2022, Côte d'Ivoire for 2021, Costa Rica never.
        for state, last in ((croatia, 2022), (cote_divoire, 2021)):
            for year in range(2019, last + 1):
                reporting_services.save_submission(
                    Submission(state=state, year=year, received_on=date(year + 1, 4, 1))
                )
        url = "/reporting/overdue/"
        state = lambda row: row.iso3  # noqa: E731
        response = staff_client.get(url)
        assert [
            (state(row), row.consecutive_missing) for row in response.context["page"].object_list
        ] == [
            ("CRI", 6),
            ("CIV", 2),
            ("HRV", 1),
        ]
        assert (
            heading("missed", "Consecutive reports missed", "descending")
            in response.content.decode()
        )
        assert_sorts(staff_client, url, "name", "State Party", ["CRI", "CIV", "HRV"], state)
        assert_sorts(
            staff_client, url, "missed", "Consecutive reports missed", ["HRV", "CIV", "CRI"], state
        )


# --- activities and priorities -----------------------------------------------------------------


def test_activities_sort_by_each_column(staff_client):
    rows = (
        ("B", date(2026, 3, 1), "TCB", "workshop", "public"),
        ("C", date(2026, 1, 1), "TCC", "letter", "internal"),
        ("A", date(2026, 2, 1), "TCA", "other", "states_parties"),
    )
    for text, day, code, kind, visibility in rows:
        ActivityFactory(
            text=text,
            date=day,
            committee=CommitteeFactory(code=code),
            kind=kind,
            visibility=visibility,
        )
    url = "/activities/"
    text = lambda activity: activity.text  # noqa: E731
    response = staff_client.get(url)
    assert [text(row) for row in response.context["page"].object_list] == ["B", "A", "C"]
    assert heading("date", "Date", "descending") in response.content.decode()
    assert_sorts(staff_client, url, "date", "Date", ["C", "A", "B"], text)
    assert_sorts(staff_client, url, "committee", "Committee", ["A", "B", "C"], text)
    assert_sorts(staff_client, url, "kind", "Kind", ["C", "A", "B"], text)
    assert_sorts(staff_client, url, "visibility", "Visibility", ["C", "B", "A"], text)


def test_priorities_sort_by_committee_and_period(staff_client):
    first = CommitteeFactory(code="TCZ", display_order=1)
    second = CommitteeFactory(code="TCA", display_order=2)
    PriorityFactory(committee=second, period="2024-2025", text="B")
    PriorityFactory(committee=first, period="2026-2027", text="A")
    url = "/priorities/"
    text = lambda priority: priority.text  # noqa: E731
    response = staff_client.get(url)
    assert [text(row) for row in response.context["page"].object_list] == ["A", "B"]
    assert heading("committee", "Committee", "ascending") in response.content.decode()
    assert_sorts(staff_client, url, "committee", "Committee", ["A", "B"], text)
    assert_sorts(staff_client, url, "period", "Period", ["B", "A"], text)


def test_outstanding_article9_measures_sort_by_name_status_and_date(staff_client):
    from reporting.models import Article9Record, Article9Status

    costa_rica, cote_divoire, croatia = _ordered_states()
    # Summaries (which carry the latest statement) exist for States with expected reports.
    reporting_services.sync_expected_reports([costa_rica, cote_divoire, croatia])
    for state, as_of, status in (
        (croatia, date(2020, 1, 1), Article9Status.IN_PREPARATION),
        (cote_divoire, date(2022, 1, 1), Article9Status.NOTHING_REPORTED),
    ):
        reporting_services.save_article9_record(
            Article9Record(state=state, as_of=as_of, status=status, source="Form A")
        )
    url = "/reporting/article9/"
    state = lambda row: row.iso3  # noqa: E731
    response = staff_client.get(url)
    assert [state(row) for row in response.context["page"].object_list] == ["CRI", "CIV", "HRV"]
    assert_sorts(staff_client, url, "name", "State Party", ["CRI", "CIV", "HRV"], state)
    # No statement sorts first, then "in preparation", then "nothing reported".
    assert_sorts(staff_client, url, "status", "Latest status", ["CRI", "HRV", "CIV"], state)
    # A State with no statement has no date: last going up, first going down.
    assert_sorts(staff_client, url, "as_of", "As of", ["HRV", "CIV", "CRI"], state)


def test_replies_awaited_sort_by_state_letter_and_dates(staff_client):
    from tests.factories import LetterRecipientFactory, SentLetterFactory

    costa_rica, cote_divoire, croatia = _ordered_states()
    now = timezone.now()
    letters = []
    for days_ago, reply_due in ((30, date(2026, 2, 1)), (20, date(2026, 1, 1)), (10, None)):
        letter = SentLetterFactory(sent_at=now - timedelta(days=days_ago), reply_due=reply_due)
        letters.append(letter)
    # The third letter expects a reply too, by the latest date.
    letters[2].reply_due = date(2026, 3, 1)
    letters[2].save()
    for letter, state in zip(letters, (croatia, costa_rica, cote_divoire), strict=True):
        LetterRecipientFactory(letter=letter, state=state)
    url = "/correspondence/awaiting-reply/"
    state = lambda recipient: recipient.state.iso3  # noqa: E731
    response = staff_client.get(url)
    assert [state(row) for row in response.context["page"].object_list] == ["HRV", "CRI", "CIV"]
    assert_sorts(staff_client, url, "state", "State", ["CRI", "CIV", "HRV"], state)
    assert_sorts(staff_client, url, "letter", "Letter", ["HRV", "CRI", "CIV"], state)
    assert_sorts(staff_client, url, "sent", "Sent", ["HRV", "CRI", "CIV"], state)
    assert_sorts(staff_client, url, "reply_due", "Reply by", ["CRI", "HRV", "CIV"], state)
    # The States' names are the reader's language's.
    french = staff_client.get(url, headers={"accept-language": "fr"}).content.decode()
    assert "Croatie</a>" in french and "Côte d’Ivoire</a>" in french
