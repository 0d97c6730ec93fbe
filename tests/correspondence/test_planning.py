"""Planned sends: one row per rule, State, contact, anchor period and offset, kept in step
with the record (re-armed when a date moves, skipped when the obligation is met)."""

from datetime import date, time

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from correspondence import delivery, outbox_scan, planning
from correspondence.models import Anchor, Letter, LetterRecipient, OutgoingMessage, Reply
from correspondence.services import record_reply
from reporting import services as reporting_services
from reporting.models import Audience, Submission
from states_parties import services as states_services
from states_parties.models import Article5Extension, Contact
from tests.factories import ContactFactory, StatePartyFactory

from .conftest import at, make_rule

pytestmark = pytest.mark.django_db


def rows(rule, **filters):
    return {
        (
            m.period,
            m.offset_days,
            timezone.localtime(m.send_at).strftime("%Y-%m-%d %H:%M"),
            m.status,
        )
        for m in OutgoingMessage.objects.filter(rule=rule, **filters)
    }


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_a_new_rule_plans_only_what_falls_due_after_it_takes_effect(frozen, contact):
    frozen(at(2026, 2, 1, 9))
    rule = make_rule()
    counts = planning.reconcile(rule)
    assert counts.as_dict() == {"created": 10, "updated": 0}
    assert rows(rule) == {
        ("annual-2025", -60, "2026-03-01 09:00", "planned"),
        ("annual-2025", -30, "2026-03-31 09:00", "planned"),
        ("annual-2025", -7, "2026-04-23 09:00", "planned"),
        ("annual-2025", 1, "2026-05-01 09:00", "planned"),
        ("annual-2025", 30, "2026-05-30 09:00", "planned"),
        ("annual-2026", -60, "2027-03-01 09:00", "planned"),
        ("annual-2026", -30, "2027-03-31 09:00", "planned"),
        ("annual-2026", -7, "2027-04-23 09:00", "planned"),
        ("annual-2026", 1, "2027-05-01 09:00", "planned"),
        ("annual-2026", 30, "2027-05-30 09:00", "planned"),
    }
    message = OutgoingMessage.objects.get(rule=rule, period="annual-2025", offset_days=-60)
    assert (message.state, message.contact, message.anchor_date) == (
        contact.state,
        contact,
        date(2026, 4, 30),
    )
    # Idempotent: nothing changes on a second pass.
    assert planning.reconcile(rule).as_dict() == {"created": 0, "updated": 0}
    assert OutgoingMessage.objects.count() == 10


def test_creating_a_rule_never_mails_the_past(frozen, contact):
    """Sends whose time fell before the rule existed are not planned at all, even with an
    "effective from" in the past; older ones than the catch-up window become missed."""
    frozen(at(2026, 4, 10, 12))
    rule = make_rule(effective_from=date(2026, 1, 1), offsets=[-30, -7])
    planning.reconcile(rule)
    assert rows(rule) == {
        ("annual-2025", -7, "2026-04-23 09:00", "planned"),
        ("annual-2026", -30, "2027-03-31 09:00", "planned"),
        ("annual-2026", -7, "2027-04-23 09:00", "planned"),
    }
    assert outbox_scan.scan()["enqueued"] == 0


def test_the_catch_up_window_turns_long_late_sends_into_missed(frozen, contact, settings):
    settings.REMINDER_CATCH_UP_HOURS = 24
    frozen(at(2026, 2, 1, 9))
    rule = make_rule(offsets=[-60])
    planning.reconcile(rule)
    # The workers were down from before 1 March until 3 March.
    frozen(at(2026, 3, 3, 9))
    counts = outbox_scan.scan()
    assert counts["missed"] == 1 and counts["enqueued"] == 0
    missed = OutgoingMessage.objects.get(rule=rule, period="annual-2025")
    assert missed.status == "missed"
    assert missed.note == "Its time had passed by more than the catch-up window."
    # Within the window it would have gone, late.
    frozen(at(2027, 3, 1, 20))
    assert outbox_scan.scan()["enqueued"] == 1


def test_recording_the_report_skips_the_rest_and_deleting_it_re_arms(frozen, contact):
    frozen(at(2026, 2, 1, 9))
    rule = make_rule()
    planning.reconcile(rule)
    frozen(at(2026, 4, 1, 9))
    for message in OutgoingMessage.objects.due(timezone.now()).filter(rule=rule):
        assert delivery.deliver(message.pk).result == "sent"
    submission = reporting_services.save_submission(
        Submission(state=contact.state, year=2025, received_on=date(2026, 4, 1))
    )
    assert rows(rule, period="annual-2025") == {
        ("annual-2025", -60, "2026-03-01 09:00", "sent"),
        ("annual-2025", -30, "2026-03-31 09:00", "sent"),
        ("annual-2025", -7, "2026-04-23 09:00", "skipped"),
        ("annual-2025", 1, "2026-05-01 09:00", "skipped"),
        ("annual-2025", 30, "2026-05-30 09:00", "skipped"),
    }
    assert set(
        OutgoingMessage.objects.filter(rule=rule, period="annual-2025", status="skipped")
        .values_list("note", flat=True)
        .distinct()
    ) == {"The obligation was met."}
    # The next year's reminders are untouched.
    assert (
        OutgoingMessage.objects.filter(rule=rule, period="annual-2026", status="planned").count()
        == 5
    )
    reporting_services.delete_submission(submission)
    assert rows(rule, period="annual-2025", status="planned") == {
        ("annual-2025", -7, "2026-04-23 09:00", "planned"),
        ("annual-2025", 1, "2026-05-01 09:00", "planned"),
        ("annual-2025", 30, "2026-05-30 09:00", "planned"),
    }


def test_moving_an_anchor_date_re_arms_the_reminders(frozen, contact):
    """Entry into force is corrected from 1 July 2019 to 1 October 2025: the initial report is
    due on 30 March 2026, not 28 December 2019, and its reminders, missed or not planned
    before, come back at the new dates."""
    frozen(at(2026, 2, 1, 9))
    rule = make_rule(
        name="Initial report", anchor=Anchor.ARTICLE7_INITIAL, offsets=[-30, 1], **_plain()
    )
    state = contact.state
    planning.reconcile(rule)
    assert rows(rule) == set()  # the initial report fell due in 2019, before the rule
    state.entry_into_force_override = date(2025, 10, 1)
    state.entry_into_force_override_reason = "Depositary notification corrected"
    states_services.save_state_party(state)
    assert rows(rule) == {
        ("initial-2025", -30, "2026-02-28 09:00", "planned"),
        ("initial-2025", 1, "2026-03-31 09:00", "planned"),
    }
    # Corrected again: the same rows follow the date (one per period and offset, no more).
    state.entry_into_force_override = date(2025, 11, 1)
    states_services.save_state_party(state)
    assert rows(rule) == {
        ("initial-2025", -30, "2026-03-31 09:00", "planned"),
        ("initial-2025", 1, "2026-05-01 09:00", "planned"),
    }
    assert {m.anchor_date for m in OutgoingMessage.objects.filter(rule=rule)} == {date(2026, 4, 30)}


def test_an_extension_granted_starts_a_new_round_for_the_new_deadline(frozen, contact):
    frozen(at(2029, 6, 20, 9))
    state = contact.state
    rule = make_rule(
        name="Article 5 deadline", anchor=Anchor.ARTICLE5_DEADLINE, offsets=[-7, 1], **_plain()
    )
    planning.reconcile(rule)
    assert rows(rule) == {
        ("article5-original", -7, "2029-06-24 09:00", "planned"),
        ("article5-original", 1, "2029-07-02 09:00", "planned"),
    }
    frozen(at(2029, 6, 25, 9))
    (sent,) = OutgoingMessage.objects.due(timezone.now())
    assert delivery.deliver(sent.pk).result == "sent"
    extension = states_services.save_extension(
        Article5Extension(
            state=state,
            submitted_on=date(2028, 3, 30),
            requested_until=date(2032, 7, 1),
            decision_meeting="26MSP",
            decided_on=date(2028, 11, 30),
            outcome="granted",
            granted_until=date(2032, 7, 1),
        )
    )
    assert rows(rule) == {
        ("article5-original", -7, "2029-06-24 09:00", "sent"),
        ("article5-original", 1, "2029-07-02 09:00", "skipped"),
        (f"article5-extension-{extension.pk}", -7, "2032-06-24 09:00", "planned"),
        (f"article5-extension-{extension.pk}", 1, "2032-07-02 09:00", "planned"),
    }
    # Declaring completion ends the obligation: what remains is skipped.
    state.clearance_completed_on = date(2029, 6, 25)
    states_services.save_state_party(state)
    assert {status for _p, _o, _w, status in rows(rule)} == {"sent", "skipped"}


def test_extension_request_reminders_stop_when_a_request_arrives(frozen, contact):
    """The anchor's dates come from the extension process (registered by ``extensions``): the
    request is expected nine months before the Meeting that will decide it."""
    from committees.models import Meeting
    from extensions import services as extension_services
    from extensions.models import ExtensionRequest, RequestVersion

    frozen(at(2027, 8, 1, 9))
    state = contact.state
    Meeting.objects.create(
        kind="msp", number=27, start_date=date(2027, 11, 29), end_date=date(2027, 12, 3)
    )
    deciding = Meeting.objects.create(
        kind="msp", number=28, start_date=date(2028, 11, 27), end_date=date(2028, 12, 1)
    )
    rule = make_rule(
        name="Extension request",
        anchor=Anchor.ARTICLE5_EXTENSION_REQUEST,
        offsets=[-30, 0],
        **_plain(),
    )
    planning.reconcile(rule)
    # Deadline 1 July 2029: the 28th Meeting decides; the request is expected by 27 Feb 2028.
    period = f"extension-request-{deciding.pk}"
    assert rows(rule) == {
        (period, -30, "2028-01-28 09:00", "planned"),
        (period, 0, "2028-02-27 09:00", "planned"),
    }
    extension_services.receive_request(
        ExtensionRequest(
            state=state,
            meeting=deciding,
            received_on=date(2027, 8, 1),
            requested_until=date(2032, 7, 1),
        ),
        RequestVersion(received_on=date(2027, 8, 1)),
    )
    assert {status for _p, _o, _w, status in rows(rule)} == {"skipped"}


def test_audience_contacts_and_switching_off(frozen, contact):
    frozen(at(2026, 2, 1, 9))
    state = contact.state
    other = StatePartyFactory(iso3="BEL", name="Belgium", deposit_date=date(2019, 1, 10))
    reporting_services.sync_expected_reports([other], through_year=2026)
    article7 = ContactFactory(state=other, kind=Contact.Kind.ARTICLE7, email="a7@belgium.example")
    ContactFactory(state=other, kind=Contact.Kind.PERMANENT_MISSION, email="pm@belgium.example")
    ContactFactory(
        state=other, kind=Contact.Kind.ARTICLE7, email="old@belgium.example", active=False
    )
    picked = Audience.objects.create(name="Belgium only", query=Audience.Query.HAND_PICKED)
    picked.states.set([other])
    rule = make_rule(offsets=[-60], audience=picked, contact_kinds=[Contact.Kind.ARTICLE7])
    planning.reconcile(rule)
    assert set(OutgoingMessage.objects.filter(rule=rule).values_list("contact", "period")) == {
        (article7.pk, "annual-2025"),
        (article7.pk, "annual-2026"),
    }
    assert not OutgoingMessage.objects.filter(state=state).exists()
    # Belgium leaves the audience: its planned sends are skipped, with the reason.
    picked.states.set([state])
    planning.reconcile(rule)
    # Ana is a Permanent Mission contact: not addressed.
    assert set(OutgoingMessage.objects.filter(rule=rule).values_list("state", "status")) == {
        (other.pk, "skipped")
    }
    rule.contact_kinds = []
    rule.save()
    planning.reconcile(rule)
    assert OutgoingMessage.objects.filter(rule=rule, contact=contact, status="planned").count() == 2
    rule.active = False
    rule.save()
    planning.reconcile(rule)
    assert set(
        OutgoingMessage.objects.filter(rule=rule, contact=contact).values_list("status", "note")
    ) == {("skipped", "The rule is switched off.")}


def test_a_second_row_for_the_same_send_is_impossible(frozen, contact):
    frozen(at(2026, 2, 1, 9))
    rule = make_rule(offsets=[-60])
    planning.reconcile(rule)
    original = OutgoingMessage.objects.filter(rule=rule).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        OutgoingMessage.objects.create(
            kind="reminder",
            rule=rule,
            state=original.state,
            contact=original.contact,
            period=original.period,
            offset_days=original.offset_days,
            send_at=original.send_at,
            next_attempt_at=original.send_at,
        )
    planning.reconcile(rule)
    assert OutgoingMessage.objects.filter(rule=rule).count() == 2


def test_a_reply_stops_the_reminders_about_a_letter(frozen, contact, staff_user):
    frozen(at(2026, 2, 1, 9))
    state = contact.state
    other = StatePartyFactory(iso3="BEL", name="Belgium")
    ContactFactory(state=other, email="pm@belgium.example")
    letter = Letter.objects.create(
        title="Article 9",
        addressees="hand_picked",
        subject_en="Article 9",
        body_en="Please reply by {{ reply_due }}.",
        reply_due=date(2026, 3, 1),
        status="sent",
        sent_at=timezone.now(),
    )
    for recipient in (state, other):
        LetterRecipient.objects.create(letter=letter, state=recipient)
    rule = make_rule(
        name="Unanswered",
        anchor=Anchor.LETTER_REPLY,
        letter=letter,
        offsets=[-3, 7],
        **_plain(),
    )
    planning.reconcile(rule)
    assert OutgoingMessage.objects.filter(rule=rule, status="planned").count() == 4
    record_reply(
        Reply(
            recipient=LetterRecipient.objects.get(letter=letter, state=state),
            received_on=date(2026, 2, 1),
            summary="Law adopted.",
        ),
        staff_user,
    )
    assert set(OutgoingMessage.objects.filter(rule=rule).values_list("state", "status")) == {
        (state.pk, "skipped"),
        (other.pk, "planned"),
    }


def test_end_of_a_committee_term(frozen, seat, states):
    frozen(at(2026, 1, 10, 9))
    term = seat("CA5", "DEU", "5RC", "23MSP")
    germany = ContactFactory(state=states["DEU"], email="pm@germany.example")
    rule = make_rule(
        name="Term ends",
        anchor=Anchor.TERM_END,
        committee=term.committee,
        offsets=[-30],
        send_time=time(10, 30),
        **_plain(),
    )
    planning.reconcile(rule)
    # The 23rd Meeting closes on 4 December 2026.
    assert rows(rule) == {(f"term-{term.pk}", -30, "2026-11-04 10:30", "planned")}
    assert OutgoingMessage.objects.get(rule=rule).contact == germany


def _plain() -> dict:
    return {
        "subject_en": "Reminder for {{ state }}",
        "body_en": "Deadline: {{ deadline }}.",
        "subject_fr": "",
        "body_fr": "",
    }
