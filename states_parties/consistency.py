"""What a State's record must satisfy before it is saved: its dates possible under the
Convention and consistent with each other and with what was deposited.

Pure functions of the entered values (no database), so that they are tested exhaustively;
``StateParty.clean`` raises what ``record_errors`` finds.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from . import rules

#: The instruments (``models.Instrument`` values, repeated here to keep this module pure).
RATIFICATION = "ratification"
ACCESSION = "accession"

#: Dates that record something that happened, so none can be in the future.
PAST_DATES = (
    "signature_date",
    "deposit_date",
    "withdrawal_deposit_date",
    "armed_conflict_ended_on",
    "stockpile_destroyed_on",
    "clearance_completed_on",
)

Errors = dict[str, list[str]]


@dataclass(frozen=True)
class StateRecord:
    """The entered values of a State's record that its rules read."""

    signature_date: date | None = None
    instrument: str = ""
    deposit_date: date | None = None
    entry_into_force_override: date | None = None
    entry_into_force_override_reason: str = ""
    withdrawal_deposit_date: date | None = None
    withdrawal_suspended: bool = False
    armed_conflict_ended_on: date | None = None
    had_stockpiles: bool | None = None
    stockpile_destroyed_on: date | None = None
    has_mined_areas: bool | None = None
    clearance_completed_on: date | None = None

    @classmethod
    def of(cls, state: Any) -> StateRecord:
        """The values of a ``StateParty`` (or anything with these attributes)."""
        return cls(**{item.name: getattr(state, item.name) for item in fields(cls)})


def record_errors(record: StateRecord, today: date) -> Errors:
    """Every problem found, by field (empty when the record is consistent), as of ``today``."""
    errors: Errors = {}
    for check in (
        _signature,
        _dates_in_the_past,
        _deposit,
        _entry_into_force_override,
        _withdrawal,
        _armed_conflict,
        _completions,
    ):
        for field, message in check(record, today):
            errors.setdefault(field, []).append(message)
    return errors


Found = list[tuple[str, str]]


def _signature(record: StateRecord, today: date) -> Found:
    signed = record.signature_date
    if signed and not (rules.SIGNATURE_OPENED <= signed <= rules.SIGNATURE_CLOSED):
        message = _(
            "The Convention was open for signature from 3 December 1997 to 28 February "
            "1999 (Article 15)."
        )
        return [("signature_date", message)]
    return []


def _dates_in_the_past(record: StateRecord, today: date) -> Found:
    return [
        (field, _("This date is in the future."))
        for field in PAST_DATES
        if (value := getattr(record, field)) and value > today
    ]


def _deposit(record: StateRecord, today: date) -> Found:
    deposit, signed = record.deposit_date, record.signature_date
    if not deposit:
        if record.instrument:
            return [("deposit_date", _("Enter the date the instrument was deposited."))]
        return []
    found: Found = []
    if deposit < rules.SIGNATURE_OPENED:
        found.append(
            ("deposit_date", _("No instrument could be deposited before 3 December 1997."))
        )
    if not record.instrument:
        found.append(("instrument", _("Say which instrument was deposited.")))
    elif record.instrument == RATIFICATION and not signed:
        found.append(
            (
                "signature_date",
                _("Only a signatory ratifies; enter the signature date or choose accession."),
            )
        )
    elif record.instrument == ACCESSION and signed:
        found.append(
            ("instrument", _("A signatory ratifies; accession is for States that did not sign."))
        )
    if signed and deposit < signed:
        found.append(("deposit_date", _("The deposit cannot precede the signature.")))
    return found


def _entry_into_force_override(record: StateRecord, today: date) -> Found:
    override, reason = record.entry_into_force_override, record.entry_into_force_override_reason
    if not override:
        if reason.strip():
            message = _("Give a reason only when overriding the date of entry into force.")
            return [("entry_into_force_override_reason", message)]
        return []
    found: Found = []
    if not reason.strip():
        found.append(("entry_into_force_override_reason", _("Record why the date differs.")))
    if not record.deposit_date:
        found.append(("entry_into_force_override", _("There is no deposit to take effect.")))
    elif override < record.deposit_date:
        found.append(
            ("entry_into_force_override", _("Entry into force cannot precede the deposit."))
        )
    return found


def _withdrawal(record: StateRecord, today: date) -> Found:
    withdrawn = record.withdrawal_deposit_date
    if not withdrawn:
        if record.withdrawal_suspended:
            return [("withdrawal_suspended", _("There is no withdrawal to suspend."))]
        return []
    if not record.deposit_date:
        message = _("Only a State that deposited an instrument can withdraw.")
        return [("withdrawal_deposit_date", message)]
    if withdrawn <= record.deposit_date:
        message = _("The withdrawal must come after the deposit of the instrument.")
        return [("withdrawal_deposit_date", message)]
    return []


def _armed_conflict(record: StateRecord, today: date) -> Found:
    ended = record.armed_conflict_ended_on
    if not ended:
        return []
    if not record.withdrawal_suspended:
        message = _("Record the end of an armed conflict only for a suspended withdrawal.")
        return [("armed_conflict_ended_on", message)]
    if record.withdrawal_deposit_date and ended < record.withdrawal_deposit_date:
        message = _("The conflict cannot end before the withdrawal was deposited.")
        return [("armed_conflict_ended_on", message)]
    return []


def _completions(record: StateRecord, today: date) -> Found:
    found: Found = []
    if record.stockpile_destroyed_on and record.had_stockpiles is not True:
        message = _("A completion date needs “had stockpiled anti-personnel mines” set to yes.")
        found.append(("stockpile_destroyed_on", message))
    if record.clearance_completed_on and record.has_mined_areas is not True:
        message = _("A declaration of completion needs “has reported mined areas” set to yes.")
        found.append(("clearance_completed_on", message))
    return found
