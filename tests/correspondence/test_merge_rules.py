"""No blank merge field, ever, and a safe template language for every staff text.

Every merge field against every kind of audience a letter can address: the field is refused
when the text is saved (the letter cannot fill it), or it resolves for every recipient and the
letter is approved, or approval is refused naming the field and the recipients. Every tag or
filter outside the language is refused by name in the form, the import and the API."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from committees.models import Committee
from correspondence import delivery, merge, planning, services
from correspondence.imports import ReminderRuleImporter
from correspondence.models import (
    Anchor,
    Letter,
    LetterRecipient,
    OutgoingMessage,
    ReminderRule,
    Reply,
)
from reporting import services as reporting_services
from reporting.models import Article9Record, Audience, Submission
from states_parties.models import Contact
from tests.factories import ContactFactory, StatePartyFactory, UserFactory

from .conftest import make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(frozen, standing_committees):
    """On 2 February 2026: Angola (in force 2019, mined areas, no report ever); Belgium (no
    obligation left, every report in, legislation adopted); Sri Lanka (mined areas, deadline
    1 May 2026, its latest report missing, Article 9 measures in preparation); Peru (mined
    areas, every report in, legislation adopted); Norway (every report in, no Article 9
    statement). One English-speaking contact each."""
    frozen(datetime(2026, 2, 2, 9, tzinfo=UTC))
    states = {
        "AGO": StatePartyFactory(
            iso3="AGO",
            name="Angola",
            signature_date=None,
            instrument="accession",
            deposit_date=date(2019, 1, 10),
            has_mined_areas=True,
        ),
        "BEL": StatePartyFactory(
            iso3="BEL", name="Belgium", has_mined_areas=False, had_stockpiles=False
        ),
        "LKA": StatePartyFactory(
            iso3="LKA",
            name="Sri Lanka",
            signature_date=None,
            instrument="accession",
            deposit_date=date(2015, 11, 10),
            has_mined_areas=True,
        ),
        "PER": StatePartyFactory(iso3="PER", name="Peru", has_mined_areas=True),
        "NOR": StatePartyFactory(iso3="NOR", name="Norway", has_mined_areas=False),
    }
    reporting_services.sync_expected_reports(list(states.values()), through_year=2025)
    for iso3, state in states.items():
        ContactFactory(state=state, email=f"pm@{iso3.lower()}.example")
        if iso3 == "AGO":
            continue
        reports = list(state.expected_reports.filter(due_date__lt=date(2026, 2, 2)))
        latest = max(report.due_date for report in reports)
        for report in reports:
            if iso3 == "LKA" and report.due_date == latest:
                continue  # the latest report due (30 April 2025) is missing
            reporting_services.save_submission(
                Submission(
                    state=state, kind=report.kind, year=report.year, received_on=report.due_date
                )
            )
    for iso3, status in (
        ("BEL", "legislation_adopted"),
        ("PER", "legislation_adopted"),
        ("LKA", "in_preparation"),
    ):
        reporting_services.save_article9_record(
            Article9Record(state=states[iso3], as_of=date(2024, 5, 1), status=status)
        )
    return states


def _audience(query: str, states=()) -> Audience:
    return reporting_services.save_audience(Audience(name=f"Audience {query}", query=query), states)


def _addressed(kind: str, world, staff):
    """A letter's addressees of each kind: (fields of the letter, States picked)."""
    if kind == "non_repliers":
        earlier = services.save_letter(
            Letter(
                title="Earlier",
                addressees="hand_picked",
                reply_due=date(2026, 3, 1),
                subject_en="Request to {{ state }}",
                body_en="{{ salutation }}\n\nPlease reply.",
            ),
            [world["BEL"], world["AGO"]],
            staff,
        )
        services.approve_letter(earlier, staff)
        services.send_letter(earlier, staff)
        services.record_reply(
            Reply(
                recipient=LetterRecipient.objects.get(letter=earlier, state=world["BEL"]),
                received_on=date(2026, 2, 2),
                summary="Replied.",
            ),
            staff,
        )
        return {"addressees": "non_repliers", "follow_up_of": earlier}, []
    if kind == "hand_picked_letter":
        return {"addressees": "hand_picked"}, [world["NOR"], world["PER"]]
    if kind == "hand_picked":
        return {"audience": _audience(kind, [world["BEL"], world["AGO"]])}, []
    return {"audience": _audience(kind)}, []


AUDIENCE_KINDS = [
    "all_bound",
    "overdue",
    "missing_with_obligations",
    "article9_outstanding",
    "clearance_deadline_within",
    "hand_picked",
    "hand_picked_letter",
    "non_repliers",
]

#: Who each kind of addressee reaches in ``world``.
MEMBERS = {
    "all_bound": ["Angola", "Belgium", "Norway", "Peru", "Sri Lanka"],
    "overdue": ["Angola", "Sri Lanka"],
    "missing_with_obligations": ["Angola", "Sri Lanka"],
    "article9_outstanding": ["Angola", "Norway", "Sri Lanka"],
    "clearance_deadline_within": ["Sri Lanka"],
    "hand_picked": ["Angola", "Belgium"],
    "hand_picked_letter": ["Norway", "Peru"],
    "non_repliers": ["Angola"],
}

#: A letter cannot fill these whoever it addresses: refused when the text is saved.
NEVER_IN_A_LETTER = {"deadline", "report_year", "letter_subject"}
#: Only where every member (or every State picked) may have an Article 5 deadline.
ARTICLE5_OFFERED = {
    "clearance_deadline_within",
    "hand_picked",
    "hand_picked_letter",
    "non_repliers",
}
#: (kind, field): the members it has no value for (every other pair resolves for everyone).
BLANK = {
    ("all_bound", "years_missing"): ["Belgium", "Norway", "Peru"],
    ("article9_outstanding", "years_missing"): ["Norway"],
    ("hand_picked", "years_missing"): ["Belgium"],
    ("hand_picked_letter", "years_missing"): ["Norway", "Peru"],
    ("hand_picked", "article5_deadline"): ["Belgium"],
    ("hand_picked_letter", "article5_deadline"): ["Norway"],
}


@pytest.mark.parametrize("kind", AUDIENCE_KINDS)
def test_every_merge_field_against_every_audience_kind(world, kind):
    author = UserFactory(username="author", role="isu_staff")
    approver = UserFactory(username="approver", role="isu_staff")
    fields, picked = _addressed(kind, world, author)
    outcomes = {}
    for field in merge.MERGE_FIELDS:
        letter = Letter(
            title=f"{field} to {kind}",
            committee=Committee.objects.get(code="CCC") if field == "committee" else None,
            reply_due=date(2026, 3, 15),
            subject_en="A letter to {{ state }}",
            body_en=f"{{{{ salutation }}}}\n\nThe value: {{{{ {field} }}}}.",
            **{"addressees": "audience", **fields},
        )
        try:
            letter.clean()
        except ValidationError as refused:
            assert refused.message_dict["body_en"] == [
                f"“{{{{ {field} }}}}” has no value in this kind of letter or reminder for its "
                f"audience; use one of: {', '.join(letter.offered_fields())}."
            ]
            outcomes[field] = "refused on save"
            continue
        letter = services.save_letter(letter, picked, author)
        assert [p.state.name for p in services.preview_recipients(letter)] == MEMBERS[kind]
        try:
            services.approve_letter(letter, approver)
        except ValidationError as refused:
            assert Letter.objects.get(pk=letter.pk).status == "draft"
            outcomes[field] = refused.messages
        else:
            assert Letter.objects.get(pk=letter.pk).status == "approved"
            outcomes[field] = "approved"
    expected = {}
    for field in merge.MERGE_FIELDS:
        blank = BLANK.get((kind, field))
        if field in NEVER_IN_A_LETTER or (
            field == "article5_deadline" and kind not in ARTICLE5_OFFERED
        ):
            expected[field] = "refused on save"
        elif blank:
            plural = "s" if len(blank) > 1 else ""
            expected[field] = [
                f"“{{{{ {field} }}}}” has no value for {len(blank)} recipient{plural}: "
                f"{', '.join(blank)}."
            ]
        else:
            expected[field] = "approved"
    assert outcomes == expected


def test_a_field_guarded_by_if_may_be_empty(world):
    staff = UserFactory(username="author", role="isu_staff")
    letter = services.save_letter(
        Letter(
            title="Guarded",
            audience=_audience("all_bound"),
            subject_en="Reports of {{ state }}",
            body_en="{{ salutation }}"
            "{% if years_missing %} Missing: {{ years_missing }}.{% endif %}"
            " {{ years_missing|default:'None missing.' }}",
        ),
        [],
        staff,
    )
    assert services.letter_problems(letter) == []


def test_the_refusal_names_the_first_ten_recipients_and_the_count(frozen):
    frozen(datetime(2026, 2, 2, 9, tzinfo=UTC))
    names = [
        ("AUT", "Austria"), ("BEL", "Belgium"), ("CAN", "Canada"), ("DNK", "Denmark"),
        ("EST", "Estonia"), ("FIN", "Finland"), ("GRC", "Greece"), ("HUN", "Hungary"),
        ("ISL", "Iceland"), ("JPN", "Japan"), ("KEN", "Kenya"), ("LUX", "Luxembourg"),
    ]  # fmt: skip
    states = [
        StatePartyFactory(iso3=iso3, name=name, has_mined_areas=False) for iso3, name in names
    ]
    for state in states:
        ContactFactory(state=state)
    author = UserFactory(username="author", role="isu_staff")
    letter = services.save_letter(
        Letter(
            title="Deadlines",
            addressees="hand_picked",
            subject_en="Deadline of {{ state }}",
            body_en="Your Article 5 deadline: {{ article5_deadline }}.",
        ),
        states,
        author,
    )
    with pytest.raises(ValidationError) as refused:
        services.approve_letter(letter, UserFactory(username="second", role="isu_staff"))
    assert refused.value.messages == [
        "“{{ article5_deadline }}” has no value for 12 recipients: Austria, Belgium, Canada, "
        "Denmark, Estonia, Finland, Greece, Hungary, Iceland, Japan and 2 more."
    ]


# --- reminders ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("anchor", "offered"),
    [
        (
            Anchor.ARTICLE7_ANNUAL,
            "state of_state salutation contact_name date deadline report_year years_missing "
            "initial_report_due",
        ),
        (
            Anchor.ARTICLE7_INITIAL,
            "state of_state salutation contact_name date deadline years_missing initial_report_due",
        ),
        (
            Anchor.ARTICLE5_DEADLINE,
            "state of_state salutation contact_name date deadline years_missing "
            "initial_report_due article5_deadline",
        ),
        (
            Anchor.LETTER_REPLY,
            "state of_state salutation contact_name date deadline years_missing "
            "initial_report_due reply_due letter_reference letter_subject",
        ),
        (
            Anchor.TERM_END,
            "state of_state salutation contact_name date deadline years_missing initial_report_due",
        ),
    ],
)
def test_each_reminder_kind_offers_the_fields_its_anchor_fills(anchor, offered):
    offered_fields = merge.offered_fields(kind="reminder", anchor=anchor)
    assert sorted(offered_fields) == sorted(offered.split())
    for field in merge.MERGE_FIELDS:
        problems = merge.check(f"{{{{ {field} }}}}", offered_fields)
        if field in offered_fields:
            assert problems == []
        elif field != "committee":
            assert problems == [
                f"“{{{{ {field} }}}}” has no value in this kind of letter or reminder for its "
                f"audience; use one of: {', '.join(offered_fields)}."
            ]


def test_a_reminder_whose_field_is_empty_is_not_sent_and_fails_with_the_reason(
    frozen, contact, real_smtp
):
    """A reminder of the initial report that prints the years missing, for a State that has
    missed none: it does not go; the outbox shows it failed and why."""
    frozen(datetime(2026, 2, 1, 9, tzinfo=UTC))
    state = contact.state
    state.entry_into_force_override = date(2025, 10, 1)
    state.entry_into_force_override_reason = "Corrected"
    from states_parties import services as states_services

    states_services.save_state_party(state)
    rule = make_rule(
        name="Initial",
        anchor=Anchor.ARTICLE7_INITIAL,
        offsets=[-30],
        subject_en="Initial report of {{ state }}",
        body_en="Reports missing: {{ years_missing }}.",
        subject_fr="",
        body_fr="",
    )
    planning.reconcile(rule)
    message = OutgoingMessage.objects.get(rule=rule)
    frozen(datetime(2026, 2, 28, 8, 1, tzinfo=UTC))
    assert delivery.deliver(message.pk).result == "failed"
    message.refresh_from_db()
    assert (message.status, message.last_error) == (
        "failed",
        "Not sent: “{{ years_missing }}” has no value for this recipient.",
    )
    assert real_smtp.received == []


def test_a_spanish_reminder_of_a_letter_never_prints_an_english_subject(standing_committees):
    """ "Recordatorio: Article 9 measures of Chile": the rule is refused while the letter has
    no Spanish text."""
    letter = Letter(
        title="Article 9",
        addressees="hand_picked",
        reply_due=date(2099, 1, 1),
        subject_en="Article 9 measures of {{ state }}",
        body_en="{{ salutation }}",
    )
    letter.save()
    spanish = ReminderRule(
        name="Reply",
        anchor=Anchor.LETTER_REPLY,
        letter=letter,
        offsets=[1],
        subject_en="Reminder: {{ letter_subject }}",
        body_en="{{ salutation }}",
        subject_es="Recordatorio: {{ letter_subject }}",
        body_es="{{ salutation }}",
    )
    with pytest.raises(ValidationError) as refused:
        spanish.full_clean()
    assert refused.value.message_dict == {
        "subject_es": [
            "“{{ letter_subject }}” has no value in spanish: the letter has no text in spanish."
        ]
    }


# --- the template language ---------------------------------------------------------------------

FORBIDDEN_TAGS = [
    "{% debug %}",
    "{% include 'base.html' %}",
    "{% load static %}",
    "{% lorem 5000 p %}",
    "{% url 'home' %}",
    "{% ssi '/etc/passwd' %}",
    "{% templatetag openblock %}",
    "{% now 'Y' %}",
    "{% for x in state %}{% endfor %}",
    "{% with x=state %}{% endwith %}",
    "{% cycle 'a' 'b' %}",
    "{% firstof state %}",
    "{% filter upper %}x{% endfilter %}",
    "{% widthratio 1 2 3 %}",
    "{% extends 'base.html' %}",
    "{% block x %}{% endblock %}",
    "{% csrf_token %}",
    "{% verbatim %}x{% endverbatim %}",
    "{% spaceless %}x{% endspaceless %}",
    "{% autoescape off %}x{% endautoescape %}",
    "{% regroup state by x as y %}",
]
FORBIDDEN_FILTERS = ["date:'Y'", "safe", "slice:'1'", "linebreaks", "pprint", "stringformat:'s'"]


def _name(tag: str) -> str:
    return tag.split()[1]


def _refusal(text: str) -> str:
    if text.startswith("{% "):
        return (
            f"The tag “{_name(text)}” is not allowed in a merge text; use only: if, elif, "
            "else, comment."
        )
    name = text.split("|", 1)[1].split(":", 1)[0].rstrip(" }")
    return (
        f"The filter “{name}” is not allowed in a merge text; use only: capfirst, default, "
        "lower, title, upper."
    )


FORBIDDEN = FORBIDDEN_TAGS + [f"{{{{ state|{name} }}}}" for name in FORBIDDEN_FILTERS]


@pytest.mark.parametrize("text", FORBIDDEN)
def test_a_forbidden_tag_or_filter_is_refused_by_name_in_the_form(text, staff_client):
    response = staff_client.post(
        "/correspondence/letters/new/",
        {
            "title": "Forbidden",
            "addressees": "hand_picked",
            "states": [StatePartyFactory(iso3="CHL", name="Chile").pk],
            "subject_en": "About {{ state }}",
            "body_en": f"{{{{ salutation }}}} {text}",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["body_en"] == [_refusal(text)]
    assert not Letter.objects.exists()


@pytest.mark.parametrize("text", FORBIDDEN)
def test_a_forbidden_tag_or_filter_is_refused_by_name_in_the_import(text):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "anchor", "days_before", "subject_en", "body_en"])
    writer.writerow(["Annual", "article7_annual", "30", "Report of {{ state }}", f"x {text}"])
    plan = ReminderRuleImporter().read(out.getvalue())
    assert [(issue.row, issue.column, issue.message) for issue in plan.issues] == [
        (2, "body_en", _refusal(text))
    ]


@pytest.mark.parametrize("text", FORBIDDEN)
def test_a_forbidden_tag_or_filter_is_refused_by_name_in_the_api(text):
    from tests.api.conftest import token_client

    api_staff = token_client(UserFactory(username="api-staff", role="isu_staff"))
    StatePartyFactory(iso3="CHL", name="Chile")
    response = api_staff.post(
        "/api/letters/",
        {
            "title": "Forbidden",
            "addressees": "hand_picked",
            "states": ["CHL"],
            "subject_en": "About {{ state }}",
            "body_en": f"{{{{ salutation }}}} {text}",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["body_en"] == [_refusal(text)]
    assert not Letter.objects.exists()


def test_texts_and_what_they_render_to_are_capped_in_size():
    long_text = "x" * (merge.MAX_TEXT_CHARS + 1)
    assert merge.check(long_text) == [
        "The text is 50,001 characters long; at most 50,000 are accepted."
    ]
    with pytest.raises(merge.TooLong) as too_long:
        merge.render("{{ state }}{{ state }}", {"state": "y" * 30_000})
    assert str(too_long.value) == ("the text would be 60,000 characters long; at most 50,000")
    with pytest.raises(merge.TooLong):
        merge.render_subject("{{ state }}", {"state": "z" * 301})


def test_the_import_creates_and_updates_rules_by_name(standing_committees):
    text = (
        "name,anchor,days_before,days_after,committee,contact_kinds,subject_en,body_en,"
        "subject_es,body_es\n"
        "Annual report,article7_annual,60;30,1,CCC,permanent_mission;article7,"
        "Report {{ of_state }},{{ salutation }} {{ report_year }},"
        "Informe {{ of_state }},{{ salutation }} {{ report_year }}\n"
    )
    importer = ReminderRuleImporter()
    assert importer.run(text) == {"create": 1, "update": 0, "unchanged": 0}
    rule = ReminderRule.objects.get()
    assert (rule.offsets, rule.committee.code, rule.contact_kinds, rule.languages) == (
        [-60, -30, 1],
        "CCC",
        [Contact.Kind.PERMANENT_MISSION, Contact.Kind.ARTICLE7],
        ["en", "es"],
    )
    assert ReminderRuleImporter().run(text) == {"create": 0, "update": 0, "unchanged": 1}
    wrong = text.replace("article7_annual", "article7_initial")
    plan = ReminderRuleImporter().read(wrong)
    assert [(issue.row, issue.column) for issue in plan.issues] == [
        (2, "body_en"),
        (2, "body_es"),
    ]
