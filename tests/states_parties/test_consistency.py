"""A State's record rules (``StateParty.clean``) as pure functions: no database."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from states_parties import consistency
from states_parties.consistency import PAST_DATES, StateRecord, record_errors
from states_parties.models import Instrument, StateParty

TODAY = date(2026, 5, 1)
CAMBODIA = StateRecord(
    signature_date=date(1997, 12, 3),
    instrument="ratification",
    deposit_date=date(1999, 7, 28),
    had_stockpiles=True,
    stockpile_destroyed_on=date(2000, 4, 1),
    has_mined_areas=True,
)


def test_a_consistent_record_has_no_errors():
    assert record_errors(CAMBODIA, TODAY) == {}
    assert record_errors(StateRecord(), TODAY) == {}


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"signature_date": date(1999, 3, 1)},
            {
                "signature_date": [
                    "The Convention was open for signature from 3 December 1997 to 28 February "
                    "1999 (Article 15)."
                ]
            },
        ),
        (
            {"signature_date": None},
            {
                "signature_date": [
                    "Only a signatory ratifies; enter the signature date or choose accession."
                ]
            },
        ),
        (
            {"instrument": "accession"},
            {"instrument": ["A signatory ratifies; accession is for States that did not sign."]},
        ),
        ({"instrument": ""}, {"instrument": ["Say which instrument was deposited."]}),
        (
            {"deposit_date": date(1997, 12, 2), "signature_date": date(1997, 12, 3)},
            {
                "deposit_date": [
                    "No instrument could be deposited before 3 December 1997.",
                    "The deposit cannot precede the signature.",
                ]
            },
        ),
        (
            {"deposit_date": None},
            {"deposit_date": ["Enter the date the instrument was deposited."]},
        ),
        (
            {"entry_into_force_override": date(2000, 1, 1)},
            {"entry_into_force_override_reason": ["Record why the date differs."]},
        ),
        (
            {
                "entry_into_force_override": date(1999, 1, 1),
                "entry_into_force_override_reason": "C.N.1.1999",
            },
            {"entry_into_force_override": ["Entry into force cannot precede the deposit."]},
        ),
        (
            {"entry_into_force_override_reason": "because"},
            {
                "entry_into_force_override_reason": [
                    "Give a reason only when overriding the date of entry into force."
                ]
            },
        ),
        (
            {"withdrawal_deposit_date": date(1999, 7, 28)},
            {
                "withdrawal_deposit_date": [
                    "The withdrawal must come after the deposit of the instrument."
                ]
            },
        ),
        (
            {"withdrawal_suspended": True},
            {"withdrawal_suspended": ["There is no withdrawal to suspend."]},
        ),
        (
            {"armed_conflict_ended_on": date(2020, 1, 1)},
            {
                "armed_conflict_ended_on": [
                    "Record the end of an armed conflict only for a suspended withdrawal."
                ]
            },
        ),
        (
            {
                "withdrawal_deposit_date": date(2025, 6, 29),
                "withdrawal_suspended": True,
                "armed_conflict_ended_on": date(2025, 6, 1),
            },
            {
                "armed_conflict_ended_on": [
                    "The conflict cannot end before the withdrawal was deposited."
                ]
            },
        ),
        (
            {"had_stockpiles": None},
            {
                "stockpile_destroyed_on": [
                    "A completion date needs “had stockpiled anti-personnel mines” set to yes."
                ]
            },
        ),
        (
            {"has_mined_areas": False, "clearance_completed_on": date(2020, 1, 1)},
            {
                "clearance_completed_on": [
                    "A declaration of completion needs “has reported mined areas” set to yes."
                ]
            },
        ),
    ],
)
def test_each_rule_names_its_field(changes, errors):
    assert {
        field: [str(message) for message in messages]
        for field, messages in record_errors(replace(CAMBODIA, **changes), TODAY).items()
    } == errors


def test_a_withdrawal_needs_a_deposit():
    record = StateRecord(withdrawal_deposit_date=date(2020, 1, 1))
    assert record_errors(record, TODAY) == {
        "withdrawal_deposit_date": ["Only a State that deposited an instrument can withdraw."]
    }


def test_the_record_is_read_from_a_state_and_instruments_are_the_models():
    state = StateParty(iso3="KHM", name="Cambodia", **vars(CAMBODIA))
    assert StateRecord.of(state) == CAMBODIA
    assert {consistency.RATIFICATION, consistency.ACCESSION} < set(Instrument.values)


signatures = st.dates(min_value=date(1997, 12, 3), max_value=date(1999, 2, 28))


@given(
    signed=st.one_of(st.none(), signatures),
    deposit_after=st.integers(min_value=0, max_value=9000),
    withdrawal_after=st.one_of(st.none(), st.integers(min_value=1, max_value=4000)),
    suspended=st.booleans(),
)
def test_records_built_by_the_rules_are_consistent(
    signed, deposit_after, withdrawal_after, suspended
):
    """A signatory that ratified, or a State that acceded, on any day since, withdrawing
    after its deposit or not: never an error while every date is past."""
    deposit = (signed or date(1997, 12, 3)) + timedelta(days=deposit_after)
    withdrawal = deposit + timedelta(days=withdrawal_after) if withdrawal_after else None
    record = StateRecord(
        signature_date=signed,
        instrument="ratification" if signed else "accession",
        deposit_date=deposit,
        withdrawal_deposit_date=withdrawal,
        withdrawal_suspended=bool(withdrawal) and suspended,
    )
    today = max(deposit, withdrawal or deposit)
    assert record_errors(record, today) == {}


@given(
    field=st.sampled_from(PAST_DATES),
    days=st.integers(min_value=1, max_value=3650),
)
def test_a_date_after_today_is_refused_on_its_own_field(field, days):
    today = date(2030, 1, 1)
    record = replace(
        StateRecord(
            signature_date=date(1997, 12, 3),
            instrument="ratification",
            deposit_date=date(1999, 7, 28),
            withdrawal_deposit_date=date(2020, 1, 1),
            withdrawal_suspended=True,
            had_stockpiles=True,
            has_mined_areas=True,
        ),
        **{field: today + timedelta(days=days)},
    )
    errors = record_errors(record, today)
    assert "This date is in the future." in [str(m) for m in errors[field]]
    assert all(
        "This date is in the future." not in [str(m) for m in messages]
        for other, messages in errors.items()
        if other != field
    )
