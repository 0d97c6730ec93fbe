from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from states_parties import services
from states_parties.deadlines import Deadline
from states_parties.models import (
    Article5Extension,
    Instrument,
    OpenObligation,
    RetainedMines,
    StateParty,
)
from states_parties.rules import Status
from tests.factories import StatePartyFactory
from tests.utils import examples

pytestmark = pytest.mark.django_db


def errors_of(state: StateParty) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        state.full_clean()
    return caught.value.message_dict


def valid_state(**fields) -> StateParty:
    values = {
        "iso3": "KHM",
        "name": "Cambodia",
        "signature_date": date(1997, 12, 3),
        "instrument": Instrument.RATIFICATION,
        "deposit_date": date(1999, 7, 28),
    }
    values.update(fields)
    return StateParty(**values)


def test_a_valid_state_passes_and_gets_its_dates_on_save():
    state = valid_state()
    state.full_clean()
    services.save_state_party(state)
    state.refresh_from_db()
    assert state.entry_into_force == date(2000, 1, 1)
    assert state.initial_report_due == date(2000, 6, 29)
    assert state.stockpile_destruction_deadline == date(2004, 1, 1)
    assert state.clearance_original_deadline == date(2010, 1, 1)
    assert state.status is Status.STATE_PARTY
    assert state.country.name == "Cambodia"


def test_dates_are_recomputed_when_the_deposit_changes():
    state = services.save_state_party(valid_state())
    state.deposit_date = date(2001, 12, 5)
    services.save_state_party(state)
    state.refresh_from_db()
    assert state.entry_into_force == date(2002, 6, 1)


def test_override_wins_and_needs_a_reason():
    state = valid_state(entry_into_force_override=date(2000, 2, 1))
    assert errors_of(state) == {
        "entry_into_force_override_reason": ["Record why the date differs."]
    }
    state.entry_into_force_override_reason = "Depositary notification C.N.123.2000"
    state.full_clean()
    services.save_state_party(state)
    assert state.entry_into_force == date(2000, 2, 1)
    assert state.entry_into_force_rule() == "Set by staff: Depositary notification C.N.123.2000"


def test_reason_without_override_is_refused():
    state = valid_state(entry_into_force_override_reason="because")
    assert errors_of(state) == {
        "entry_into_force_override_reason": [
            "Give a reason only when overriding the date of entry into force."
        ]
    }


def test_signature_outside_the_signature_period():
    assert errors_of(valid_state(signature_date=date(1999, 3, 1))) == {
        "signature_date": [
            "The Convention was open for signature from 3 December 1997 to 28 February 1999 "
            "(Article 15)."
        ]
    }


def test_deposit_before_signature_and_before_the_convention():
    assert errors_of(valid_state(deposit_date=date(1997, 12, 1))) == {
        "deposit_date": [
            "No instrument could be deposited before 3 December 1997.",
            "The deposit cannot precede the signature.",
        ]
    }


def test_ratification_needs_a_signature_and_accession_none():
    assert errors_of(valid_state(signature_date=None)) == {
        "signature_date": [
            "Only a signatory ratifies; enter the signature date or choose accession."
        ]
    }
    assert errors_of(valid_state(instrument=Instrument.ACCESSION)) == {
        "instrument": ["A signatory ratifies; accession is for States that did not sign."]
    }


def test_instrument_and_deposit_go_together():
    assert errors_of(valid_state(instrument="")) == {
        "instrument": ["Say which instrument was deposited."]
    }
    assert errors_of(valid_state(deposit_date=None)) == {
        "deposit_date": ["Enter the date the instrument was deposited."]
    }


def test_future_dates_are_refused():
    tomorrow = timezone.localdate().replace(year=timezone.localdate().year + 1)
    assert errors_of(valid_state(withdrawal_deposit_date=tomorrow)) == {
        "withdrawal_deposit_date": ["This date is in the future."]
    }


def test_withdrawal_rules():
    assert errors_of(valid_state(withdrawal_deposit_date=date(1999, 1, 1))) == {
        "withdrawal_deposit_date": ["The withdrawal must come after the deposit of the instrument."]
    }
    assert errors_of(valid_state(withdrawal_suspended=True)) == {
        "withdrawal_suspended": ["There is no withdrawal to suspend."]
    }
    assert errors_of(
        valid_state(
            withdrawal_deposit_date=date(2025, 6, 29), armed_conflict_ended_on=date(2026, 1, 1)
        )
    ) == {
        "armed_conflict_ended_on": [
            "Record the end of an armed conflict only for a suspended withdrawal."
        ]
    }


def test_completion_dates_need_the_obligation():
    assert errors_of(valid_state(stockpile_destroyed_on=date(2003, 1, 1))) == {
        "stockpile_destroyed_on": [
            "A completion date needs “had stockpiled anti-personnel mines” set to yes."
        ]
    }
    assert errors_of(valid_state(clearance_completed_on=date(2009, 1, 1))) == {
        "clearance_completed_on": [
            "A declaration of completion needs “has reported mined areas” set to yes."
        ]
    }


def test_unknown_iso_code():
    assert errors_of(valid_state(iso3="XKX")) == {
        "iso3": ["“XKX” is not an ISO 3166 alpha-3 country code."]
    }


def test_suspended_withdrawal_takes_effect_when_the_conflict_ends():
    state = services.save_state_party(
        valid_state(
            iso3="UKR",
            name="Ukraine",
            signature_date=date(1999, 2, 24),
            deposit_date=date(2005, 12, 27),
            withdrawal_deposit_date=date(2025, 6, 29),
            withdrawal_suspended=True,
        )
    )
    assert state.withdrawal_effective is None
    assert state.status is Status.WITHDRAWAL_PENDING
    state.armed_conflict_ended_on = date(2026, 3, 4)
    state.full_clean()
    services.save_state_party(state)
    state = StateParty.objects.get(pk=state.pk)
    assert state.withdrawal_effective == date(2026, 3, 4)
    assert state.status_on(date(2026, 3, 3)) is Status.WITHDRAWAL_PENDING
    assert state.status_on(date(2026, 3, 4)) is Status.WITHDRAWN


def test_a_withdrawn_state_keeps_its_history():
    state = services.save_state_party(
        valid_state(
            iso3="POL",
            name="Poland",
            signature_date=date(1997, 12, 4),
            deposit_date=date(2012, 12, 27),
            had_stockpiles=True,
            stockpile_destroyed_on=date(2016, 6, 1),
            withdrawal_deposit_date=date(2025, 8, 20),
        )
    )
    services.save_retained_mines(RetainedMines(state=state, year=2024, quantity=1000))
    state = StateParty.objects.get(pk=state.pk)
    assert state.withdrawal_effective == date(2026, 2, 20)
    assert state.status_on(date(2026, 11, 22)) is Status.WITHDRAWN
    assert state.entry_into_force == date(2013, 6, 1)
    assert [event.label for event in state.timeline()][:4] == [
        "Signed the Convention",
        "Deposited its instrument of ratification",
        "Entry into force for the State",
        "Initial Article 7 report due",
    ]
    assert state.history.count() == 1
    assert state.retained_mines.get().quantity == 1000


# --- deadlines -------------------------------------------------------------------------------


def deadline(state: StateParty, key: str) -> Deadline:
    return next(item for item in state.deadlines() if item.key == key)


def test_article5_current_deadline_follows_the_latest_granted_extension():
    state = services.save_state_party(valid_state(has_mined_areas=True))
    assert state.clearance_deadline == date(2010, 1, 1)
    services.save_extension(
        Article5Extension(
            state=state,
            submitted_on=date(2009, 3, 31),
            requested_until=date(2020, 1, 1),
            decision_meeting="9MSP",
            decided_on=date(2009, 11, 27),
            outcome=Article5Extension.Outcome.GRANTED,
            granted_until=date(2020, 1, 1),
        )
    )
    services.save_extension(
        Article5Extension(
            state=state,
            submitted_on=date(2019, 3, 31),
            requested_until=date(2025, 12, 31),
            outcome=Article5Extension.Outcome.REFUSED,
            decided_on=date(2019, 11, 29),
        )
    )
    state = StateParty.objects.get(pk=state.pk)
    assert state.clearance_deadline == date(2020, 1, 1)
    assert deadline(state, "clearance_original").state == "superseded"
    assert deadline(state, "clearance_current").state == "overdue"
    assert StateParty.objects.filter(clearance_deadline=date(2020, 1, 1)).get() == state


def test_extension_validation_messages():
    state = services.save_state_party(valid_state(has_mined_areas=True))
    extension = Article5Extension(
        state=state,
        submitted_on=date(2009, 3, 31),
        requested_until=date(2009, 1, 1),
        outcome=Article5Extension.Outcome.GRANTED,
        granted_until=date(2009, 6, 1),
    )
    with pytest.raises(ValidationError) as caught:
        extension.full_clean()
    assert caught.value.message_dict == {
        "requested_until": ["The deadline requested must be after the request."],
        "decided_on": ["Enter the date of the decision."],
        "granted_until": [
            "The new deadline must be later than the original deadline (2010-01-01)."
        ],
    }


def test_deadline_states():
    state = services.save_state_party(
        valid_state(had_stockpiles=True, stockpile_destroyed_on=date(2004, 6, 1))
    )
    assert deadline(state, "stockpile_destruction").state == "met_late"
    # Nobody has said yet whether the State has mined areas: the deadline shows, unjudged.
    assert deadline(state, "clearance_original").state == "untracked"
    assert deadline(state, "initial_report").state == "untracked"
    state.has_mined_areas = False
    assert deadline(state, "clearance_current").state == "not_applicable"


# --- queries ---------------------------------------------------------------------------------


def test_open_obligation_filters_return_exact_sets():
    retains = StatePartyFactory(iso3="BRA", name="Brazil")
    RetainedMines.objects.create(state=retains, year=2023, quantity=0)
    RetainedMines.objects.create(state=retains, year=2024, quantity=320)
    stopped = StatePartyFactory(iso3="DNK", name="Denmark")
    RetainedMines.objects.create(state=stopped, year=2023, quantity=100)
    RetainedMines.objects.create(state=stopped, year=2024, quantity=0)
    stockpile = StatePartyFactory(iso3="GRC", name="Greece", had_stockpiles=True)
    StatePartyFactory(
        iso3="FRA", name="France", had_stockpiles=True, stockpile_destroyed_on=date(1999, 12, 1)
    )
    mined = StatePartyFactory(iso3="AGO", name="Angola", has_mined_areas=True)
    StatePartyFactory(
        iso3="MOZ",
        name="Mozambique",
        has_mined_areas=True,
        clearance_completed_on=date(2015, 9, 17),
    )

    def codes(obligations):
        return set(
            StateParty.objects.with_open_obligations(obligations).values_list("iso3", flat=True)
        )

    assert codes([OpenObligation.ARTICLE_3]) == {"BRA"}
    assert codes([OpenObligation.ARTICLE_4]) == {"GRC"}
    assert codes([OpenObligation.ARTICLE_5]) == {"AGO"}
    assert codes([OpenObligation.ARTICLE_4, OpenObligation.ARTICLE_5]) == {"GRC", "AGO"}
    assert {retains.pk, stockpile.pk, mined.pk} == set(
        StateParty.objects.with_open_obligations(list(OpenObligation.values)).values_list(
            "pk", flat=True
        )
    )


def test_bound_on_excludes_withdrawn_and_not_yet_in_force():
    StatePartyFactory(iso3="JPN", name="Japan", deposit_date=date(1998, 9, 30))
    StatePartyFactory(
        iso3="TON",
        name="Tonga",
        signature_date=None,
        instrument="accession",
        deposit_date=date(2025, 6, 25),
    )
    StatePartyFactory(
        iso3="EST",
        name="Estonia",
        signature_date=None,
        instrument="accession",
        deposit_date=date(2004, 5, 12),
        withdrawal_deposit_date=date(2025, 6, 27),
    )
    bound = StateParty.objects.bound_on

    assert set(bound(date(2025, 11, 30)).values_list("iso3", flat=True)) == {"JPN", "EST"}
    assert set(bound(date(2025, 12, 1)).values_list("iso3", flat=True)) == {"JPN", "EST", "TON"}
    assert set(bound(date(2025, 12, 27)).values_list("iso3", flat=True)) == {"JPN", "TON"}


class StatusInDatabaseMatchesPython(HypothesisTestCase):
    """The list filters on a SQL expression; the detail page uses Python. They must agree."""

    @settings(max_examples=examples(40), deadline=None)
    @given(
        signature=st.none() | st.dates(date(1997, 12, 3), date(1999, 2, 28)),
        deposit=st.none() | st.dates(date(1997, 12, 3), date(2026, 1, 1)),
        withdrawal_after=st.none() | st.integers(1, 6000),
        suspended=st.booleans(),
        on=st.dates(date(1997, 1, 1), date(2045, 12, 31)),
    )
    def test_status(self, signature, deposit, withdrawal_after, suspended, on):
        from datetime import timedelta

        withdrawal = (
            deposit + timedelta(days=withdrawal_after) if deposit and withdrawal_after else None
        )
        state = StateParty(
            iso3="CHE",
            name="Switzerland",
            signature_date=signature,
            instrument="ratification" if deposit else "",
            deposit_date=deposit,
            withdrawal_deposit_date=withdrawal,
            withdrawal_suspended=bool(withdrawal) and suspended,
        )
        state.save()
        annotated = StateParty.objects.with_status(on).get(pk=state.pk)
        assert annotated.status_code == state.status_on(on).value
        state.delete()
