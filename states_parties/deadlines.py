"""A State's deadlines and timeline: every dated obligation with the rule that produced it,
and everything dated in its record, as the detail page, the API and exports show them.

The dates come from ``rules`` through the State's stored and derived dates; this module only
says which apply, whether they were met, and how to name them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from . import rules

if TYPE_CHECKING:
    from .models import StateParty


@dataclass(frozen=True)
class TimelineEvent:
    on: date
    label: str
    future: bool


@dataclass(frozen=True)
class Deadline:
    """One dated obligation as the detail page and the export show it."""

    key: str
    label: str
    due: date | None
    rule: str
    met_on: date | None = None
    applies: bool = True
    #: False while the application does not yet record whether the obligation was met.
    tracked: bool = True
    #: A later deadline (an Article 5 extension) replaced this one.
    superseded: bool = False
    #: The day a withdrawal took effect and the State's obligations ended.
    ceased_on: date | None = None

    @property
    def state(self) -> str:
        """``not_applicable``, ``no_date``, ``met``, ``met_late``, ``superseded``, ``ceased``,
        ``untracked``, ``overdue`` or ``open``."""
        today = timezone.localdate()
        if not self.applies:
            return "not_applicable"
        if self.due is None:
            return "no_date"
        if self.met_on is not None:
            return "met_late" if self.met_on > self.due else "met"
        if self.superseded:
            return "superseded"
        if self.ceased_on is not None and self.ceased_on <= today:
            return "ceased"
        if not self.tracked:
            return "untracked"
        return "overdue" if self.due < today else "open"


def deadlines_of(state: StateParty, initial_report: date | bool | None = False) -> list[Deadline]:
    """Every dated obligation, each with the rule that produced it.

    ``initial_report`` is the day the initial Article 7 report arrived, ``None`` if it has
    not, or ``False`` when the caller does not know (it then shows as not recorded)."""
    extended = state.clearance_deadline != state.clearance_original_deadline
    ceased_on = state.withdrawal_effective
    return [
        Deadline(
            "initial_report",
            str(_("Article 7 initial transparency report")),
            state.initial_report_due,
            str(_("Entry into force + 180 days (Article 7.1)")),
            met_on=initial_report or None,
            tracked=initial_report is not False,
            ceased_on=ceased_on,
        ),
        Deadline(
            "stockpile_destruction",
            str(_("Article 4 destruction of stockpiled mines")),
            state.stockpile_destruction_deadline,
            str(_("Entry into force + 4 years, no extension (Article 4)")),
            met_on=state.stockpile_destroyed_on,
            applies=state.had_stockpiles is not False,
            tracked=state.had_stockpiles is True,
            ceased_on=ceased_on,
        ),
        Deadline(
            "clearance_original",
            str(_("Article 5 clearance of mined areas (original deadline)")),
            state.clearance_original_deadline,
            str(_("Entry into force + 10 years (Article 5.1)")),
            met_on=state.clearance_completed_on,
            applies=state.has_mined_areas is not False,
            tracked=state.has_mined_areas is True,
            superseded=extended,
            ceased_on=ceased_on,
        ),
        Deadline(
            "clearance_current",
            str(_("Article 5 clearance of mined areas (current deadline)")),
            state.clearance_deadline,
            str(
                _("Latest extension granted (Article 5.3-6)")
                if extended
                else _("No extension granted: the original deadline")
            ),
            met_on=state.clearance_completed_on,
            applies=state.has_mined_areas is not False,
            tracked=state.has_mined_areas is True,
            ceased_on=ceased_on,
        ),
    ]


def timeline_of(state: StateParty) -> list[TimelineEvent]:
    """Everything dated in the State's record, oldest first (extensions must be prefetched
    by the caller to keep this to the queries already made)."""
    today = timezone.localdate()
    events: list[tuple[date | None, str]] = [
        (state.signature_date, _("Signed the Convention")),
        (
            state.deposit_date,
            _("Deposited its instrument of %(instrument)s")
            % {"instrument": state.get_instrument_display().lower()},
        ),
        (state.entry_into_force, _("Entry into force for the State")),
        (state.initial_report_due, _("Initial Article 7 report due")),
    ]
    if state.had_stockpiles is not False:
        events.append((state.stockpile_destruction_deadline, _("Article 4 deadline")))
    events.append((state.stockpile_destroyed_on, _("Stockpile destruction completed")))
    if state.has_mined_areas is not False:
        events.append((state.clearance_original_deadline, _("Original Article 5 deadline")))
    for extension in state.clearance_extensions.all():
        events.append((extension.submitted_on, _("Article 5 extension requested")))
        if extension.decided_on:
            events.append(
                (
                    extension.decided_on,
                    _("Extension request: %(outcome)s; new deadline %(deadline)s")
                    % {
                        "outcome": extension.get_outcome_display().lower(),
                        # As every date on the page: the language's short format.
                        "deadline": date_format(extension.granted_until, "SHORT_DATE_FORMAT")
                        if extension.granted_until
                        else "—",
                    },
                )
            )
    events += [
        (state.clearance_completed_on, _("Declared completion of Article 5")),
        (state.withdrawal_deposit_date, _("Withdrawal instrument received")),
        (state.withdrawal_effective, _("Withdrawal takes effect")),
    ]
    return sorted(
        (TimelineEvent(on, str(label), on > today) for on, label in events if on),
        key=lambda event: event.on,
    )


def entry_into_force_rule(state: StateParty) -> str:
    """How the State's entry into force was arrived at."""
    if state.entry_into_force_override:
        return str(_("Set by staff: %(reason)s")) % {
            "reason": state.entry_into_force_override_reason
        }
    if state.entry_into_force == rules.CONVENTION_ENTRY_INTO_FORCE:
        return str(_("Deposited before the Convention entered into force (Article 17.1)"))
    return str(_("First day of the sixth month after the month of deposit (Article 17.2)"))


def withdrawal_rule(state: StateParty) -> str:
    """How the day its withdrawal takes effect was arrived at."""
    if state.withdrawal_suspended and state.withdrawal_effective is None:
        return str(_("Suspended while the State is engaged in an armed conflict (Article 20.3)"))
    if state.withdrawal_suspended:
        return str(
            _("On the end of the armed conflict, at least six months after deposit (Article 20.3)")
        )
    return str(_("Six months after the depositary received the instrument (Article 20.3)"))
