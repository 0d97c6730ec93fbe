"""The view kit (``common.views``): one delete for every kind of record, which deletes or says
what refers to the record; form pages that answer 400 with their errors; list pages' htmx
partial."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.db import models
from django.urls import reverse

from activities.models import Activity, Priority
from committees.models import Meeting, Office, SeatTerm
from correspondence.models import Letter, ReminderRule
from reporting.models import Audience, Submission
from states_parties.models import StateParty
from tests.factories import (
    ActivityFactory,
    AudienceFactory,
    ContactFactory,
    DocumentParagraphFactory,
    LetterFactory,
    MeetingFactory,
    OfficeFactory,
    OutgoingMessageFactory,
    PriorityFactory,
    ReminderRuleFactory,
    RepresentativeFactory,
    SeatTermFactory,
    SentLetterFactory,
    StatePartyFactory,
    SubmissionFactory,
)


@dataclass(frozen=True)
class Kind:
    """A kind of record with a delete button: how to make one, its delete URL, where a
    success and a refusal lead."""

    model: type[models.Model]
    make: Callable[[], models.Model]
    url: Callable[[models.Model], str]
    done: Callable[[models.Model], str]
    refused: Callable[[models.Model], str]


KINDS = {
    "activity": Kind(
        Activity,
        ActivityFactory,
        lambda r: reverse("activities:activity_delete", args=[r.pk]),
        lambda r: reverse("activities:activity_list"),
        lambda r: r.get_absolute_url(),
    ),
    "priority": Kind(
        Priority,
        PriorityFactory,
        lambda r: reverse("activities:priority_delete", args=[r.pk]),
        lambda r: reverse("activities:priority_list"),
        lambda r: reverse("activities:priority_list"),
    ),
    "seat term": Kind(
        SeatTerm,
        SeatTermFactory,
        lambda r: reverse("committees:term_delete", args=[r.pk]),
        lambda r: r.committee.get_absolute_url(),
        lambda r: reverse("committees:term_edit", args=[r.pk]),
    ),
    "office": Kind(
        Office,
        OfficeFactory,
        lambda r: reverse("committees:office_delete", args=[r.pk]),
        lambda r: reverse("committees:term_edit", args=[r.term_id]),
        lambda r: reverse("committees:term_edit", args=[r.term_id]),
    ),
    "meeting": Kind(
        Meeting,
        MeetingFactory,
        lambda r: reverse("committees:meeting_delete", args=[r.pk]),
        lambda r: reverse("committees:meeting_list"),
        lambda r: r.get_absolute_url(),
    ),
    "letter": Kind(
        Letter,
        LetterFactory,
        lambda r: reverse("correspondence:letter_delete", args=[r.pk]),
        lambda r: reverse("correspondence:letters"),
        lambda r: r.get_absolute_url(),
    ),
    "reminder rule": Kind(
        ReminderRule,
        ReminderRuleFactory,
        lambda r: reverse("correspondence:rule_delete", args=[r.pk]),
        lambda r: reverse("correspondence:rules"),
        lambda r: r.get_absolute_url(),
    ),
    "submission": Kind(
        Submission,
        SubmissionFactory,
        lambda r: reverse("reporting:submission_delete", args=[r.pk]),
        lambda r: r.state.get_absolute_url(),
        lambda r: r.state.get_absolute_url(),
    ),
    "audience": Kind(
        Audience,
        AudienceFactory,
        lambda r: reverse("reporting:audience_delete", args=[r.pk]),
        lambda r: reverse("reporting:audiences"),
        lambda r: reverse("reporting:audience", args=[r.pk]),
    ),
    "State Party": Kind(
        StateParty,
        StatePartyFactory,
        lambda r: reverse("states_parties:delete", args=[r.iso3]),
        lambda r: reverse("states_parties:list"),
        lambda r: r.get_absolute_url(),
    ),
}

#: For each kind others can refer to: a record of another kind that refers to it, and the
#: listing the refusal shows.
REFERENCES = {
    "activity": (lambda r: DocumentParagraphFactory(activity=r), "Document paragraphs: 1"),
    "priority": (lambda r: DocumentParagraphFactory(priority=r), "Document paragraphs: 1"),
    "seat term": (lambda r: RepresentativeFactory(term=r), "Representatives: 1"),
    "meeting": (lambda r: ActivityFactory(meeting=r), "Activities: 1"),
    "letter": (lambda r: LetterFactory(follow_up_of=r), "Letters: 1"),
    "reminder rule": (lambda r: OutgoingMessageFactory(rule=r), "Outgoing messages: 1"),
    "audience": (lambda r: ReminderRuleFactory(audience=r), "Reminder rules: 1"),
    "State Party": (lambda r: ContactFactory(state=r), "Contacts: 1"),
}

#: What a refusal adds, for the kinds that offer something else to do.
HINTS = {"reminder rule": " Switch it off instead."}


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_every_kind_others_can_refer_to_has_its_refusal_tested():
    referenced = {
        name
        for name, kind in KINDS.items()
        if any(
            relation.on_delete in (models.PROTECT, models.RESTRICT)
            for relation in kind.model._meta.related_objects
            if not relation.related_model.__name__.startswith("Historical")
        )
    }
    assert referenced == set(REFERENCES)


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_a_record_in_use_is_kept_and_the_refusal_says_what_refers_to_it(staff_client, name):
    kind = KINDS[name]
    record = kind.make()
    refer, listing = REFERENCES[name]
    refer(record)
    response = staff_client.post(kind.url(record))
    assert response.status_code == 302
    assert response["Location"] == kind.refused(record)
    assert _messages(response) == [
        f"“{record}” cannot be deleted because other records refer to it ({listing})."
        + HINTS.get(name, "")
    ]
    assert kind.model.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_record_nothing_refers_to_is_deleted(staff_client, name):
    kind = KINDS[name]
    record = kind.make()
    label, done = str(record), kind.done(record)
    response = staff_client.post(kind.url(record))
    assert response.status_code == 302
    assert response["Location"] == done
    assert _messages(response) == [f"“{label}” was deleted."]
    assert not kind.model.objects.filter(pk=record.pk).exists()


def test_a_sent_letter_is_kept_and_the_refusal_says_why(staff_client):
    letter = SentLetterFactory()
    response = staff_client.post(reverse("correspondence:letter_delete", args=[letter.pk]))
    assert response["Location"] == letter.get_absolute_url()
    assert _messages(response) == ["A letter that was sent is part of the record and is kept."]
    assert Letter.objects.filter(pk=letter.pk).exists()


@pytest.mark.parametrize("name", sorted(KINDS))
def test_only_staff_delete(committee_client, client, name):
    kind = KINDS[name]
    record = kind.make()
    assert committee_client.post(kind.url(record)).status_code == 403
    assert client.post(kind.url(record)).status_code == 302  # to the login page
    assert kind.model.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("/states/new/", {"iso3": "KHM"}, "name"),
        ("/activities/new/", {"kind": "meeting"}, "committee"),
        ("/meetings/new/", {"kind": "intersessional"}, "start_date"),
        ("/reporting/audiences/new/", {"description": "Some States."}, "name"),
        ("/documents/new/", {"period": "2025-2026"}, "committee"),
    ],
)
def test_a_form_sent_with_errors_answers_400_and_shows_them(staff_client, url, data, field):
    response = staff_client.post(url, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode()


def test_an_empty_form_answers_200(staff_client):
    response = staff_client.get("/states/new/")
    assert response.status_code == 200
    assert not response.context["form"].errors


def test_htmx_asking_for_the_results_gets_only_them(staff_client):
    StatePartyFactory(name="Kenya")
    headers = {"HX-Request": "true", "HX-Target": "state-results"}
    partial = staff_client.get("/states/?q=ken", headers=headers).content.decode()
    assert partial.lstrip().startswith('<div id="state-results"')
    assert "Kenya" in partial
    assert "<html" not in partial
    whole = staff_client.get("/states/?q=ken").content.decode()
    assert "<html" in whole
