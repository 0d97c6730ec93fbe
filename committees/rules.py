"""Who may sit on a committee when, and hold which office: the validation of meetings, seat
terms and offices, read from the formal calendar (``calendar.FormalCalendar``) and the other
terms.

``Meeting.clean``, ``SeatTerm.clean``, ``SeatTerm.validate_seat_count`` and ``Office.clean``
call these;
``services`` runs them under a lock on the committee row.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .calendar import FormalCalendar
from .models import SYMBOL_NUMBER, Meeting, Office, SeatTerm


class _Errors(dict[str, list[str]]):
    def add(self, field_name: str, message: str) -> None:
        self.setdefault(field_name, []).append(message)

    def raise_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


# --- meetings -----------------------------------------------------------------------------------


def validate_meeting(meeting: Meeting) -> None:
    """A formal meeting is numbered and belongs to no committee, and only a formal meeting has
    a number or a President; a committee's meeting names its committee; a symbol pattern has
    one ``{number}``."""
    errors: dict[str, str] = {}
    if meeting.start_date and meeting.end_date and meeting.end_date < meeting.start_date:
        errors["end_date"] = _("A meeting cannot close before it opens.")
    if meeting.is_formal:
        if not meeting.number:
            errors["number"] = _(
                "Meetings of the States Parties and Review Conferences are numbered."
            )
        if meeting.committee_id:
            errors["committee"] = _("A formal meeting belongs to no committee.")
    elif meeting.kind in Meeting.COMMITTEE_KINDS and not meeting.committee_id:
        errors["committee"] = _("Say which committee held this meeting.")
    if meeting.number and not meeting.is_formal:
        errors["number"] = _("Only formal meetings are numbered.")
    if (meeting.president_state_id or meeting.president_name) and not meeting.is_formal:
        errors["president_state"] = _("Only formal meetings have a President.")
    pattern = meeting.document_symbol_pattern
    if pattern and (pattern.count(SYMBOL_NUMBER) != 1 or "{" in pattern.replace(SYMBOL_NUMBER, "")):
        errors["document_symbol_pattern"] = _(
            "Write {number} once where the document's number goes, and no other braces: "
            "APLC/MSP.22/2025/WP.{number}."
        )
    if errors:
        raise ValidationError(errors)


# --- seat terms ---------------------------------------------------------------------------------


def validate_term(term: SeatTerm, calendar: FormalCalendar | None = None) -> None:
    """A term runs between formal meetings, exactly ``term_length`` of them apart, and never
    overlaps another term of the same State on the same committee."""
    if not (term.committee_id and term.state_id and term.start_meeting_id and term.end_meeting_id):
        return
    errors = _Errors()
    _check_formal_meetings(term, errors)
    errors.raise_any()
    _check_term_length(term, calendar or FormalCalendar(), errors)
    errors.raise_any()
    _check_overlap(term, errors)
    errors.raise_any()


def _check_formal_meetings(term: SeatTerm, errors: _Errors) -> None:
    for name in ("start_meeting", "end_meeting"):
        if not getattr(term, name).is_formal:
            errors.add(
                name,
                _("Terms start and end at a Meeting of the States Parties or a Review Conference."),
            )


def _check_term_length(term: SeatTerm, calendar: FormalCalendar, errors: _Errors) -> None:
    length = term.committee.term_length
    expected = calendar.later(term.start_meeting, length)
    if term.end_meeting.end_date <= term.start_meeting.end_date:
        errors.add("end_meeting", _("A term ends after it starts."))
    elif expected is None:
        errors.add(
            "end_meeting",
            _(
                "A term on this committee lasts %(length)s formal meetings; record the "
                "meeting %(length)s after %(start)s first."
            )
            % {"length": length, "start": term.start_meeting},
        )
    elif expected.pk != term.end_meeting_id:
        errors.add(
            "end_meeting",
            _(
                "A term on this committee lasts %(length)s formal meetings: from the close "
                "of %(start)s it ends at the close of %(expected)s."
            )
            % {"length": length, "start": term.start_meeting, "expected": expected},
        )


def _check_overlap(term: SeatTerm, errors: _Errors) -> None:
    overlapping = (
        SeatTerm.objects.filter(committee=term.committee, state=term.state)
        .exclude(pk=term.pk)
        .filter(
            start_meeting__end_date__lt=term.end_meeting.end_date,
            end_meeting__end_date__gt=term.start_meeting.end_date,
        )
        .select_related("start_meeting", "end_meeting")
        .first()
    )
    if overlapping:
        errors.add(
            "state",
            _(
                "%(state)s already sits on this committee from the close of %(start)s to "
                "the close of %(end)s; terms of one State on one committee cannot overlap."
            )
            % {
                "state": term.state,
                "start": overlapping.start_meeting,
                "end": overlapping.end_meeting,
            },
        )


def validate_seat_count(term: SeatTerm, calendar: FormalCalendar | None = None) -> None:
    """At most ``seats`` members on any day of the term (checked at each year's close)."""
    calendar = calendar or FormalCalendar()
    for year in term.years:
        bounds = calendar.year_bounds(year)
        day = bounds[1] if bounds else term.end_date
        others = (
            SeatTerm.objects.filter(committee=term.committee_id)
            .exclude(pk=term.pk)
            .serving_on(day)
            .count()
        )
        if others >= term.committee.seats:
            raise ValidationError(
                {
                    "state": _("%(committee)s already has its %(seats)s members in %(year)s.")
                    % {"committee": term.committee, "seats": term.committee.seats, "year": year}
                }
            )


# --- offices ------------------------------------------------------------------------------------


def validate_office(office: Office) -> None:
    """An office is held in a year of the holder's term; the Chair in its last year, and not
    on a committee the President chairs; one holder of each office per committee and year."""
    if not office.term_id or not office.year or not office.kind:
        return
    term = office.term
    if office.year not in term.years:
        raise ValidationError(
            {
                "year": _("%(state)s serves in %(years)s only.")
                % {"state": term.state, "years": ", ".join(str(y) for y in term.years)}
            }
        )
    if office.kind == Office.Kind.CHAIR:
        _check_chair(office, term)
    _check_one_holder(office, term)


def _check_chair(office: Office, term: SeatTerm) -> None:
    committee = term.committee
    if committee.chaired_by_president:
        raise ValidationError(
            {
                "kind": _("%(committee)s is chaired by the President of the Convention.")
                % {"committee": committee}
            }
        )
    if office.year != term.years[-1]:
        raise ValidationError(
            {
                "year": _(
                    "The Chair is chosen from the members in the second year of "
                    "their term; %(state)s is in its second year in %(year)s."
                )
                % {"state": term.state, "year": term.years[-1]}
            }
        )


def _check_one_holder(office: Office, term: SeatTerm) -> None:
    committee = term.committee
    holder = (
        Office.objects.filter(term__committee=committee, kind=office.kind, year=office.year)
        .exclude(pk=office.pk)
        .select_related("term__state")
        .first()
    )
    if holder:
        raise ValidationError(
            {
                "kind": _("%(office)s of %(committee)s in %(year)s is already %(state)s.")
                % {
                    "office": office.get_kind_display(),
                    "committee": committee,
                    "year": office.year,
                    "state": holder.term.state,
                }
            }
        )
