"""Pages of correspondence: who may see and do what, and what they show."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from accounts.models import User
from committees.models import Office, Representative
from correspondence import planning, services
from correspondence.models import Letter, LetterRecipient, OutgoingMessage, ReminderRule, Reply
from states_parties.models import Contact
from tests.factories import ContactFactory, UserFactory
from tests.utils import log_in_client, queries_for

from .conftest import make_rule

pytestmark = pytest.mark.django_db

TEXT = {"subject_en": "Article 9 measures of {{ state }}", "body_en": "Dear {{ contact_name }}."}


@pytest.fixture(autouse=True)
def june_2025():
    with time_machine.travel(datetime(2025, 6, 2, 8, tzinfo=UTC), tick=True):
        yield


def login(user) -> Client:
    client = Client()
    log_in_client(client, user)
    return client


@pytest.fixture
def people(seat, staff_user, observer_user):
    """A chair and a member of the Article 5 committee, a member of Cooperative Compliance."""
    chair_term = seat("CA5", "DEU", "21MSP", "22MSP")
    Office.objects.create(term=chair_term, kind=Office.Kind.CHAIR, year=2025)
    users = {
        "staff": staff_user,
        "observer": observer_user,
        "chair": UserFactory(username="chair", role="committee"),
        "member": UserFactory(username="member", role="committee"),
        "other": UserFactory(username="other", role="committee"),
    }
    Representative.objects.create(term=chair_term, name="Chair", user=users["chair"])
    Representative.objects.create(
        term=seat("CA5", "PER", "5RC", "23MSP"), name="Member", user=users["member"]
    )
    Representative.objects.create(
        term=seat("CCC", "CAN", "5RC", "23MSP"), name="Other", user=users["other"]
    )
    clients = {name: login(user) for name, user in users.items()}
    clients["anonymous"] = Client()
    return clients


@pytest.fixture
def letters(people, states, standing_committees, staff_user):
    """CA5's sent letter to Belgium (replied) and Norway, a CA5 draft, an ISU and a CCC
    letter."""
    for iso3, language in (("BEL", "fr"), ("NOR", "en"), ("JPN", "es")):
        ContactFactory(
            state=states[iso3],
            name=f"Contact {iso3}",
            email=f"pm@{iso3.lower()}.example",
            preferred_language=language,
        )
    ContactFactory(
        state=states["BEL"],
        kind=Contact.Kind.ARTICLE7,
        name="Article 7 BEL",
        email="a7@bel.example",
        active=False,
    )
    ca5 = standing_committees["CA5"]
    sent = services.save_letter(
        Letter(
            title="Clearance plans",
            committee=ca5,
            addressees="hand_picked",
            reply_due=date(2025, 7, 1),
            subject_fr="Plans de {{ state }}",
            body_fr="Madame, Monsieur {{ contact_name }}, réponse attendue le {{ reply_due }}.",
            **TEXT,
        ),
        [states["BEL"], states["NOR"]],
        staff_user,
    )
    # A committee's letter: its Chair approves it, never the staff member who wrote it.
    services.approve_letter(sent, User.objects.get(username="chair"))
    services.send_letter(sent, staff_user)
    Letter.objects.filter(pk=sent.pk).update(sent_at=timezone.now() - timedelta(days=10))
    services.record_reply(
        Reply(
            recipient=LetterRecipient.objects.get(letter=sent, state=states["BEL"]),
            received_on=date(2025, 6, 1),
            summary="Plan attached.",
        ),
        staff_user,
    )
    draft = services.save_letter(
        Letter(title="Draft to Japan", committee=ca5, addressees="hand_picked", **TEXT),
        [states["JPN"]],
        staff_user,
    )
    isu = services.save_letter(
        Letter(title="ISU note", addressees="hand_picked", **TEXT), [states["JPN"]], staff_user
    )
    ccc = services.save_letter(
        Letter(
            title="Compliance",
            committee=standing_committees["CCC"],
            addressees="hand_picked",
            **TEXT,
        ),
        [states["JPN"]],
        staff_user,
    )
    return {"sent": sent, "draft": draft, "isu": isu, "ccc": ccc}


# --- the permission matrix -------------------------------------------------------------------

STAFF_PAGES = [
    "/correspondence/reminders/",
    "/correspondence/reminders/new/",
    "/correspondence/upcoming/",
    "/correspondence/upcoming/?format=csv",
    "/correspondence/outbox/",
    "/correspondence/outbox/?format=xlsx",
    "/correspondence/letters/new/",
]


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_outbox_rules_and_writing_are_for_staff(url, people):
    assert people["staff"].get(url).status_code == 200
    for name in ("chair", "member", "other", "observer"):
        assert people[name].get(url).status_code == 403, name
    assert people["anonymous"].get(url).status_code == 302


def test_staff_pages_of_one_record(letters, people, staff_user):
    rule = make_rule()
    message = OutgoingMessage.objects.first()
    urls = [
        f"/correspondence/reminders/{rule.pk}/",
        f"/correspondence/reminders/{rule.pk}/edit/",
        f"/correspondence/outbox/{message.pk}/preview/",
        f"/correspondence/letters/{letters['draft'].pk}/edit/",
        f"/correspondence/letters/{letters['sent'].pk}/replies/new/",
    ]
    for url in urls:
        assert people["staff"].get(url).status_code == 200, url
        for name in ("chair", "member", "observer"):
            assert people[name].get(url).status_code == 403, (url, name)
        assert people["anonymous"].get(url).status_code == 302
    posts = [
        f"/correspondence/letters/{letters['draft'].pk}/send/",
        f"/correspondence/letters/{letters['draft'].pk}/duplicate/",
        f"/correspondence/letters/{letters['sent'].pk}/follow-up/",
        f"/correspondence/letters/{letters['draft'].pk}/delete/",
        f"/correspondence/outbox/{message.pk}/retry/",
        f"/correspondence/reminders/{rule.pk}/switch/",
        f"/correspondence/reminders/{rule.pk}/delete/",
    ]
    for url in posts:
        for name in ("chair", "member", "observer"):
            assert people[name].post(url).status_code == 403, (url, name)
        assert people["anonymous"].post(url).status_code == 302
    assert Letter.objects.count() == 4 and ReminderRule.objects.count() == 1


def test_letters_are_read_by_staff_and_the_sending_committee(letters, people):
    listing = {
        name: people[name].get("/correspondence/letters/")
        for name in ("staff", "chair", "member", "other")
    }
    titles = {
        name: {letter.title for letter in response.context["page"].object_list}
        for name, response in listing.items()
    }
    assert titles == {
        "staff": {"Clearance plans", "Draft to Japan", "ISU note", "Compliance"},
        "chair": {"Clearance plans", "Draft to Japan"},
        "member": {"Clearance plans", "Draft to Japan"},
        "other": {"Compliance"},
    }
    assert people["observer"].get("/correspondence/letters/").status_code == 403
    assert people["anonymous"].get("/correspondence/letters/").status_code == 302
    matrix = {
        "sent": {"staff": 200, "chair": 200, "member": 200, "other": 403, "observer": 403},
        "isu": {"staff": 200, "chair": 403, "member": 403, "other": 403, "observer": 403},
        "ccc": {"staff": 200, "chair": 403, "member": 403, "other": 200, "observer": 403},
    }
    for key, expected in matrix.items():
        url = f"/correspondence/letters/{letters[key].pk}/"
        assert {name: people[name].get(url).status_code for name in expected} == expected
        assert people["anonymous"].get(url).status_code == 302


def test_awaiting_reply_follows_the_same_rule(letters, people):
    assert people["observer"].get("/correspondence/awaiting-reply/").status_code == 403
    assert people["anonymous"].get("/correspondence/awaiting-reply/").status_code == 302
    seen = {
        name: [
            (recipient.state.iso3, days, late)
            for recipient, days, late in people[name]
            .get("/correspondence/awaiting-reply/")
            .context["rows"]
        ]
        for name in ("staff", "member", "other")
    }
    assert seen == {"staff": [("NOR", 10, False)], "member": [("NOR", 10, False)], "other": []}


def test_a_draft_is_approved_by_staff_or_the_committees_chair(letters, people):
    draft = letters["draft"]
    url = f"/correspondence/letters/{draft.pk}/approve/"
    assert people["member"].post(url).status_code == 403
    assert people["other"].post(url).status_code == 403
    assert people["observer"].post(url).status_code == 403
    assert people["chair"].post(url).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "approved" and draft.approved_by.username == "chair"
    assert (
        people["staff"].post(f"/correspondence/letters/{letters['isu'].pk}/approve/").status_code
        == 302
    )
    assert (
        people["chair"].post(f"/correspondence/letters/{letters['ccc'].pk}/approve/").status_code
        == 403
    )


# --- letters ---------------------------------------------------------------------------------


def test_writing_previewing_approving_and_sending_a_letter(people, states, staff_user):
    ContactFactory(
        state=states["BEL"], name="Belle", email="pm@bel.example", preferred_language="fr"
    )
    ContactFactory(
        state=states["BEL"],
        kind="article7",
        name="Arthur",
        email="a7@bel.example",
        preferred_language="es",
    )
    staff = people["staff"]
    response = staff.post(
        "/correspondence/letters/new/",
        {
            "title": "Article 9",
            "addressees": "hand_picked",
            "states": [states["BEL"].pk, states["THA"].pk],
            "reply_due": "2025-07-15",
            "subject_en": "Measures of {{ state }}",
            "body_en": "Dear {{ contact_name }}, please reply by {{ reply_due }}.",
            "subject_fr": "Mesures de {{ state }}",
            "body_fr": "Madame, Monsieur {{ contact_name }}, réponse attendue le {{ reply_due }}.",
        },
    )
    letter = Letter.objects.get(title="Article 9")
    assert (
        response.status_code == 302
        and response["Location"] == f"/correspondence/letters/{letter.pk}/"
    )
    page = staff.get(letter.get_absolute_url())
    previews = page.context["previews"]
    assert [
        (p.state.iso3, [(c.email, lang, fb) for c, lang, fb in p.contacts]) for p in previews
    ] == [
        ("BEL", [("a7@bel.example", "en", True), ("pm@bel.example", "fr", False)]),
        ("THA", []),
    ]
    html = page.content.decode()
    assert "1 State has no active contact and will receive nothing." in html
    belle = Contact.objects.get(email="pm@bel.example")
    partial = staff.get(
        f"{letter.get_absolute_url()}?preview={belle.pk}", headers={"HX-Request": "true"}
    )
    body = partial.content.decode()
    assert "<html" not in body and f'id="preview-{belle.pk}"' in body
    assert "Mesures de Belgique" in body  # the State's name in the letter's language
    assert "Madame, Monsieur Belle, réponse attendue le 15 juillet 2025." in body
    # Sending needs approval first.
    staff.post(f"/correspondence/letters/{letter.pk}/send/")
    assert not OutgoingMessage.objects.exists()
    staff.post(f"/correspondence/letters/{letter.pk}/approve/")
    response = staff.post(f"/correspondence/letters/{letter.pk}/send/", follow=True)
    assert "The letter was sent: 2 e-mails are in the outbox." in response.content.decode()
    assert set(
        OutgoingMessage.objects.values_list("to_address", "language", "subject", "status")
    ) == {
        ("pm@bel.example", "fr", "Mesures de Belgique", "planned"),
        ("a7@bel.example", "en", "Measures of Belgium", "planned"),
    }
    assert set(LetterRecipient.objects.values_list("state__iso3", flat=True)) == {"BEL", "THA"}
    # A second click sends nothing more; a sent letter is no longer editable.
    staff.post(f"/correspondence/letters/{letter.pk}/send/")
    assert OutgoingMessage.objects.count() == 2
    assert staff.get(f"/correspondence/letters/{letter.pk}/edit/").status_code == 302
    assert staff.post(f"/correspondence/letters/{letter.pk}/delete/").status_code == 302
    assert Letter.objects.filter(pk=letter.pk).exists()


def test_letter_form_errors_say_what_is_wrong(people):
    response = people["staff"].post(
        "/correspondence/letters/new/",
        {
            "title": "Broken",
            "addressees": "audience",
            "subject_en": "About {{ country }}",
            "body_en": "{% if %}",
            "subject_fr": "Sujet",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["audience"] == ["Choose the audience."]
    assert errors["subject_en"] == [
        "“{{ country }}” is not a merge field; use one of: state, of_state, salutation, "
        "contact_name, date, years_missing, initial_report_due, letter_reference."
    ]
    assert errors["body_en"][0].startswith("The text cannot be read as a template:")
    assert errors["body_fr"] == ["Give both a subject and a text in this language, or neither."]
    assert not Letter.objects.filter(title="Broken").exists()


def test_a_follow_up_goes_only_to_those_who_have_not_replied(letters, people, states):
    staff = people["staff"]
    response = staff.post(f"/correspondence/letters/{letters['sent'].pk}/follow-up/")
    follow_up = Letter.objects.get(follow_up_of=letters["sent"])
    assert response["Location"] == follow_up.get_absolute_url()
    assert follow_up.addressees == "non_repliers"
    assert [p.state.iso3 for p in staff.get(follow_up.get_absolute_url()).context["previews"]] == [
        "NOR"
    ]
    services.approve_letter(follow_up, UserFactory(username="x", role="isu_staff"))
    staff.post(f"/correspondence/letters/{follow_up.pk}/send/")
    assert list(follow_up.recipients.values_list("state__iso3", flat=True)) == ["NOR"]
    assert list(follow_up.messages.values_list("to_address", flat=True)) == ["pm@nor.example"]


def test_recording_a_reply(letters, people, states):
    staff = people["staff"]
    letter = letters["sent"]
    form_page = staff.get(f"/correspondence/letters/{letter.pk}/replies/new/?state=NOR")
    assert form_page.context["form"].initial["state"] == states["NOR"].pk
    early = staff.post(
        f"/correspondence/letters/{letter.pk}/replies/new/",
        {"state": states["NOR"].pk, "received_on": "2025-05-01", "summary": "Too early"},
    )
    assert early.status_code == 400
    assert early.context["form"].errors["received_on"] == [
        "A reply cannot arrive before the letter was sent."
    ]
    staff.post(
        f"/correspondence/letters/{letter.pk}/replies/new/",
        {"state": states["NOR"].pk, "received_on": "2025-06-02", "summary": "Will report."},
    )
    assert list(services.awaiting_reply()) == []
    rows = staff.get(letter.get_absolute_url()).context["recipients"]
    assert [(r.state.iso3, reply.summary) for r, _deliveries, reply in rows] == [
        ("BEL", "Plan attached."),
        ("NOR", "Will report."),
    ]


def test_a_states_page_lists_the_letters_it_received(letters, people, states):
    def shown(name, iso3):
        response = people[name].get(f"/states/{iso3}/")
        assert response.status_code == 200
        return response.content.decode()

    assert "Clearance plans" in shown("staff", "NOR")
    assert "Awaiting, 10 days" in shown("staff", "NOR")
    assert "Replied" in shown("member", "BEL")
    assert "Clearance plans" in shown("member", "NOR")
    assert "Clearance plans" not in shown("other", "NOR")
    assert 'id="letters-heading"' not in shown("observer", "NOR")
    assert "No letter was sent to this State." in shown("staff", "JPN")


def test_letter_list_export_filter_and_htmx(letters, people):
    staff = people["staff"]
    response = staff.get("/correspondence/letters/?format=csv&status=sent")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    sent = letters["sent"]
    assert rows == [
        [
            "reference",
            "title",
            "committee",
            "status",
            "addressed_to",
            "created",
            "approved",
            "sent",
            "recipients",
            "reply_due",
        ],
        [
            sent.reference,
            "Clearance plans",
            "CA5",
            "sent",
            "States picked by hand",
            timezone.localtime(sent.created_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(sent.approved_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(Letter.objects.get(pk=sent.pk).sent_at).strftime("%Y-%m-%d %H:%M"),
            "2",
            "2025-07-01",
        ],
    ]
    partial = staff.get(
        "/correspondence/letters/?q=japan",
        headers={"HX-Request": "true", "HX-Target": "letter-results"},
    )
    body = partial.content.decode()
    assert body.lstrip().startswith('<div id="letter-results"') and "Draft to Japan" in body
    assert (
        "No letter matches these filters."
        in staff.get("/correspondence/letters/?q=nothing").content.decode()
    )


def test_empty_pages_say_so(people):
    staff = people["staff"]
    assert "No letter yet." in staff.get("/correspondence/letters/").content.decode()
    assert "No reply is awaited." in staff.get("/correspondence/awaiting-reply/").content.decode()
    assert "No reminder rule yet." in staff.get("/correspondence/reminders/").content.decode()
    assert "Nothing is planned." in staff.get("/correspondence/upcoming/").content.decode()
    assert "The outbox is empty" in staff.get("/correspondence/outbox/").content.decode()


# --- awaiting replies, rules, upcoming sends, the outbox --------------------------------------


def test_awaiting_reply_export_and_filters(letters, people):
    staff = people["staff"]
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    staff.get("/correspondence/awaiting-reply/?format=csv").streaming_content
                ).decode()
            )
        )
    )
    assert rows == [
        ["letter", "title", "committee", "iso3", "state", "sent_on", "reply_due", "days_waiting"],
        [
            letters["sent"].reference,
            "Clearance plans",
            "CA5",
            "NOR",
            "Norway",
            "2025-05-23",
            "2025-07-01",
            "10",
        ],
    ]
    assert staff.get("/correspondence/awaiting-reply/?overdue=on").context["rows"] == []
    Letter.objects.filter(pk=letters["sent"].pk).update(reply_due=date(2025, 6, 1))
    rows = staff.get("/correspondence/awaiting-reply/?overdue=on").context["rows"]
    assert [(r.state.iso3, days, late) for r, days, late in rows] == [("NOR", 10, True)]


def test_a_rule_is_saved_switched_and_kept_while_it_has_sends(people, states):
    staff = people["staff"]
    ContactFactory(state=states["NOR"], email="pm@nor.example")
    response = staff.post(
        "/correspondence/reminders/new/",
        {
            "name": "Annual report",
            "anchor": "article7_annual",
            "offsets": "-30, +1, x",
            "send_time": "09:00",
            "effective_from": "2025-06-02",
            "subject_en": "Report",
            "body_en": "Due {{ deadline }}.",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["offsets"] == ["“x” is not a whole number of days."]
    response = staff.post(
        "/correspondence/reminders/new/",
        {
            "name": "Annual report",
            "anchor": "article7_annual",
            "offsets": "-30, +1",
            "send_time": "09:00",
            "effective_from": "2025-06-02",
            "active": "on",
            "subject_en": "Report",
            "body_en": "Due {{ deadline }}.",
        },
    )
    rule = ReminderRule.objects.get(name="Annual report")
    assert response["Location"] == rule.get_absolute_url() and rule.offsets == [-30, 1]
    from reporting.services import sync_expected_reports

    sync_expected_reports([states["NOR"]], through_year=2025)
    planning.reconcile(rule)  # what the task published after commit does
    assert OutgoingMessage.objects.filter(rule=rule, status="planned").count() == 2
    staff.post(f"/correspondence/reminders/{rule.pk}/switch/", {"active": "0"})
    assert set(OutgoingMessage.objects.values_list("status", flat=True)) == {"skipped"}
    staff.post(f"/correspondence/reminders/{rule.pk}/switch/", {"active": "1"})
    assert set(OutgoingMessage.objects.values_list("status", flat=True)) == {"planned"}
    response = staff.post(f"/correspondence/reminders/{rule.pk}/delete/", follow=True)
    assert "cannot be deleted because other records refer to it (Outgoing messages: 2)" in (
        response.content.decode()
    )
    assert ReminderRule.objects.filter(pk=rule.pk).exists()
    counts = staff.get(rule.get_absolute_url()).context["counts"]
    assert [(status, count) for status, _label, count in counts if count] == [("planned", 2)]


def test_upcoming_sends_with_preview_and_export(people, states):
    ContactFactory(state=states["NOR"], name="Nora", email="pm@nor.example")
    from reporting.services import sync_expected_reports

    sync_expected_reports([states["NOR"]], through_year=2025)
    rule = make_rule(offsets=[-30])
    planning.reconcile(rule)
    message = OutgoingMessage.objects.get()
    staff = people["staff"]
    page = staff.get(f"/correspondence/upcoming/?rule={rule.pk}")
    assert list(page.context["page"].object_list) == [message]
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    staff.get("/correspondence/upcoming/?format=csv").streaming_content
                ).decode()
            )
        )
    )
    assert rows == [
        [
            "id",
            "planned_for",
            "rule",
            "iso3",
            "state",
            "contact",
            "to",
            "anchor_date",
            "offset_days",
        ],
        [
            str(message.pk),
            "2026-03-31 09:00",
            "Annual report",
            "NOR",
            "Norway",
            "Nora",
            "pm@nor.example",
            "2026-04-30",
            "-30",
        ],
    ]
    preview = staff.get(
        f"/correspondence/outbox/{message.pk}/preview/", headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in preview
    assert "Article 7 report of Norway due 30 April 2026" in preview
    message.refresh_from_db()
    assert message.body == ""  # a preview writes nothing


def test_the_outbox_shows_failures_and_retries_them(letters, people):
    failed = OutgoingMessage.objects.get(letter=letters["sent"], state__iso3="NOR")
    OutgoingMessage.objects.filter(pk=failed.pk).update(
        status="failed", attempts=1, last_error="550 5.1.1 Mailbox unavailable"
    )
    staff = people["staff"]
    page = staff.get("/correspondence/outbox/?status=failed")
    assert [m.pk for m in page.context["page"].object_list] == [failed.pk]
    html = page.content.decode()
    assert "550 5.1.1 Mailbox unavailable" in html and ">Retry<" in html
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    staff.get("/correspondence/outbox/?status=failed&format=csv").streaming_content
                ).decode()
            )
        )
    )
    assert rows[1][:4] == [str(failed.pk), "letter", "failed", "NOR"]
    assert rows[1][10:12] == ["1", "550 5.1.1 Mailbox unavailable"]
    row = staff.post(
        f"/correspondence/outbox/{failed.pk}/retry/", headers={"HX-Request": "true"}
    ).content.decode()
    assert row.lstrip().startswith(f'<tr id="message-{failed.pk}" data-status="planned"')
    assert "is queued again" in row
    failed.refresh_from_db()
    assert (failed.status, failed.note) == ("planned", "Retried by staff.")
    again = staff.post(
        f"/correspondence/outbox/{failed.pk}/retry/", {"next": "https://evil.example/"}
    )
    assert again["Location"] == "/correspondence/outbox/"
    assert OutgoingMessage.objects.filter(status="planned").count() == 2
    assert (
        "No e-mail matches these filters."
        in staff.get("/correspondence/outbox/?status=failed").content.decode()
    )


def test_list_pages_run_the_same_queries_for_many_rows(letters, people, states, staff_user):
    staff = people["staff"]
    urls = [
        "/correspondence/letters/",
        "/correspondence/awaiting-reply/",
        "/correspondence/outbox/",
        "/correspondence/upcoming/",
        "/correspondence/reminders/",
        f"/correspondence/letters/{letters['sent'].pk}/",
        f"/correspondence/letters/{letters['draft'].pk}/",
        "/states/NOR/",
    ]
    small = {url: len(queries_for(staff, url)) for url in urls}
    for iso3 in ("CHE", "KHM", "DZA", "TUR", "TKM", "CIV", "THA", "PER", "NLD"):
        ContactFactory(state=states[iso3], email=f"pm@{iso3.lower()}.example")
        ContactFactory(state=states[iso3], kind="article7", email=f"a7@{iso3.lower()}.example")
    approver = UserFactory(username="approver", role="isu_staff")
    for index in range(3):
        letter = services.save_letter(
            Letter(
                title=f"More {index}", addressees="hand_picked", reply_due=date(2025, 7, 1), **TEXT
            ),
            list(states.values()),
            staff_user,
        )
        services.approve_letter(letter, approver)  # to more than five States: a second person
        services.send_letter(letter, staff_user)
    services.save_letter(letters["draft"], list(states.values()), staff_user)
    make_rule(name="Second")
    from reporting.services import sync_expected_reports

    sync_expected_reports(list(states.values()), through_year=2025)
    for rule in ReminderRule.objects.all():
        planning.reconcile(rule)
    assert OutgoingMessage.objects.count() > 60
    large = {url: len(queries_for(staff, url)) for url in urls}
    assert large == small


# --- the letter on letterhead, as PDF -----------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_each_copy_of_a_letter_is_a_pdf_on_letterhead_for_its_readers(letters, people):
    from documents.models import RenderJob
    from documents.tasks import render_job

    belgium = OutgoingMessage.objects.get(letter=letters["sent"], state__iso3="BEL")
    url = f"/correspondence/outbox/{belgium.pk}/pdf/"
    # The sending committee's members and staff; not another committee, observers or anyone
    # signed out.
    assert people["other"].post(url).status_code == 403
    assert people["observer"].post(url).status_code == 403
    assert people["anonymous"].post(url).status_code == 302
    assert not RenderJob.objects.exists()
    response = people["member"].post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    job = RenderJob.objects.get()
    assert job.target == belgium
    render_job(job.pk)  # what the worker runs
    job.refresh_from_db()
    assert (job.status, job.page_count) == ("done", 1)
    assert job.filename == f"{letters['sent'].reference.replace('/', '-')}-BEL.pdf"
    text = _pdf_text(job.output.read())
    # Belgium's contact reads French: the letter as it was sent to them.
    assert "Plans de Belgique" in text
    assert "Madame, Monsieur Contact BEL, réponse attendue le 1er juillet 2025." in text
    assert letters["sent"].reference in text
    assert "Genève" in text or "Geneva" in text
    assert "Page 1" in text
    assert people["member"].get(f"/documents/jobs/{job.pk}/file/").status_code == 200
    assert people["other"].get(f"/documents/jobs/{job.pk}/file/").status_code == 404
