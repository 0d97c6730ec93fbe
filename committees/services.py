"""Writes to meetings, committees and their composition.

Composition rules (no overlapping terms, seat count, Chair eligibility, one holder per office
and year) are checked here under a lock on the committee row, so that two staff members
adding members at once cannot both take the last seat.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.services import delete_unreferenced
from states_parties.models import StateParty

from .calendar import FormalCalendar
from .models import (
    Committee,
    MandateItem,
    Meeting,
    MemberKind,
    Office,
    Representative,
    SeatTerm,
)


@transaction.atomic
def save_meeting(meeting: Meeting, states: Iterable[StateParty] | None = None) -> Meeting:
    meeting.save()
    if states is not None:
        meeting.states.set(states)
    return meeting


def delete_meeting(meeting: Meeting) -> None:
    delete_unreferenced(meeting)


@transaction.atomic
def save_committee(committee: Committee, mandate: list[str] | None = None) -> Committee:
    """Save a committee and, if given, replace its ordered mandate with these items."""
    committee.save()
    if mandate is not None:
        committee.mandate_items.all().delete()
        MandateItem.objects.bulk_create(
            MandateItem(committee=committee, position=position, text=text)
            for position, text in enumerate(mandate, start=1)
        )
    return committee


def _lock(committee: Committee) -> Committee:
    return Committee.objects.select_for_update().get(pk=committee.pk)


@transaction.atomic
def save_term(
    term: SeatTerm,
    kinds: Iterable[MemberKind] | None = None,
    calendar: FormalCalendar | None = None,
) -> SeatTerm:
    """Give a State a seat; refused with a clear message if it overlaps another term of the
    same State or the committee has no free seat."""
    _lock(term.committee)
    calendar = calendar or FormalCalendar()
    term.clean_fields()
    term.clean(calendar)
    term.validate_constraints()
    term.validate_seat_count(calendar)
    term.save()
    if kinds is not None:
        term.kinds.set(kinds)
    return term


@transaction.atomic
def update_term_kinds(term: SeatTerm, kinds: Iterable[MemberKind]) -> SeatTerm:
    term.kinds.set(kinds)
    return term


def delete_term(term: SeatTerm) -> None:
    delete_unreferenced(term)


@transaction.atomic
def set_office(term: SeatTerm, kind: str, year: int) -> Office:
    _lock(term.committee)
    office = Office(term=term, kind=kind, year=year)
    office.full_clean()
    office.save()
    return office


def remove_office(office: Office) -> None:
    delete_unreferenced(office)


@transaction.atomic
def save_representative(representative: Representative) -> Representative:
    representative.save()
    return representative


@transaction.atomic
def record_changeover(
    committee: Committee,
    meeting: Meeting,
    new_states: Iterable[StateParty],
    chair: StateParty | None,
    gender_focal_point: StateParty | None,
) -> list[SeatTerm]:
    """At the close of ``meeting``: seat the new members for a full term and name next year's
    Chair and gender focal point. All or nothing; every rule applies as for a single change."""
    calendar = FormalCalendar()
    end = calendar.later(meeting, committee.term_length)
    if end is None:
        raise ValidationError(
            _(
                "Record the formal meeting %(length)s meetings after %(meeting)s first: new "
                "terms end at its close."
            )
            % {"length": committee.term_length, "meeting": meeting}
        )
    next_year = meeting.end_date.year + 1
    created = [
        save_term(
            SeatTerm(committee=committee, state=state, start_meeting=meeting, end_meeting=end),
            calendar=calendar,
        )
        for state in new_states
    ]
    serving_next_year = {
        term.state_id: term
        for term in SeatTerm.objects.filter(committee=committee).select_related(
            "start_meeting", "end_meeting", "state"
        )
        if next_year in term.years
    }
    for office_kind, state in (
        (Office.Kind.CHAIR, chair),
        (Office.Kind.GENDER_FOCAL_POINT, gender_focal_point),
    ):
        if state is None:
            continue
        term = serving_next_year.get(state.pk)
        if term is None:
            raise ValidationError(
                _("%(state)s does not sit on %(committee)s in %(year)s.")
                % {"state": state, "committee": committee, "year": next_year}
            )
        set_office(term, office_kind, next_year)
    return created
