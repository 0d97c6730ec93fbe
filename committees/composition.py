"""Who sat on a committee on a given day, and the member line documents print.

Everything here runs a fixed number of queries however many committees, terms or years.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from common.collation import sorted_by_text
from states_parties.models import StateParty

from .calendar import FormalCalendar
from .models import Committee, Office, Representative, SeatTerm


@dataclass
class Member:
    state: StateParty
    term: SeatTerm | None
    is_chair: bool = False
    is_gender_focal_point: bool = False
    year_of_term: int | None = None  # 1 or 2 (None for a President as Chair)
    representatives: list[Representative] = field(default_factory=list)

    @property
    def line_name(self) -> str:
        """The State's name in the active language, "(Chair)" after the chair."""
        name = self.state.display_name
        return f"{name} ({_('Chair')})" if self.is_chair else name


@dataclass
class Composition:
    committee: Committee
    on: date
    year: int | None
    members: list[Member] = field(default_factory=list)
    vacancies: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def line(self) -> str:
        """As documents print it, in the active language and its alphabetical order:
        ``(Belgium, Germany, Japan (Chair), Peru)``, ``(Allemagne, Belgique, Japon (Président),
        Pérou)``."""
        return member_line_of(self.members)

    @property
    def vacancy_range(self) -> range:
        return range(self.vacancies)

    @property
    def chair(self) -> Member | None:
        return next((member for member in self.members if member.is_chair), None)


def member_line_of(members: list[Member]) -> str:
    """The members' names in the active language, sorted by that language's collation."""
    ordered = sorted_by_text(members, lambda member: member.state.display_name)
    return "(" + ", ".join(member.line_name for member in ordered) + ")"


def compositions_on(
    on: date,
    committees: Iterable[Committee] | None = None,
    calendar: FormalCalendar | None = None,
    *,
    warnings: bool = True,
) -> list[Composition]:
    """Each committee's members on ``on``, with offices, vacancies and (unless ``warnings`` is
    false: the public website shows none, and saves the queries they need) warnings."""
    calendar = calendar or FormalCalendar()
    committees = list(
        committees
        if committees is not None
        else Committee.objects.prefetch_related("requirements__member_kind")
    )
    year = calendar.committee_year(on)
    terms = (
        SeatTerm.objects.filter(committee__in=committees)
        .serving_on(on)
        .select_related("state", "start_meeting", "end_meeting")
        .prefetch_related(Prefetch("offices", queryset=Office.objects.filter(year=year)))
    )
    if warnings:
        terms = terms.prefetch_related("kinds")
    by_committee: dict[int, list[SeatTerm]] = defaultdict(list)
    for term in terms:
        by_committee[term.committee_id].append(term)
    presidency = calendar.presidency_on(on)
    return [
        _composition(committee, on, year, by_committee[committee.pk], presidency, warnings)
        for committee in committees
    ]


def composition_on(committee: Committee, on: date) -> Composition:
    return compositions_on(on, [committee])[0]


def member_line(committee: Committee, on: date) -> str:
    """``(Belgium, Germany, Japan (Chair), Peru)``: the one function every page and document
    uses to print a committee's members."""
    return composition_on(committee, on).line


def composition_history(committee: Committee, calendar: FormalCalendar | None = None):
    """One composition per committee year, as at the close of that year's formal meeting."""
    calendar = calendar or FormalCalendar()
    terms = list(
        SeatTerm.objects.filter(committee=committee)
        .select_related("state", "start_meeting", "end_meeting")
        .prefetch_related("kinds", "offices")
    )
    years = sorted({year for term in terms for year in term.years if year in calendar.by_year})
    history = []
    for year in years:
        closing = calendar.by_year[year].end_date
        serving = [term for term in terms if term.serves_on(closing)]
        presidency = calendar.presidency_on(closing)
        history.append(_composition(committee, closing, year, serving, presidency))
    return history


def _composition(committee, on, year, terms, presidency, warnings=True) -> Composition:
    members = []
    for term in terms:
        offices = [office.kind for office in term.offices.all() if office.year == year]
        members.append(
            Member(
                state=term.state,
                term=term,
                is_chair=Office.Kind.CHAIR in offices,
                is_gender_focal_point=Office.Kind.GENDER_FOCAL_POINT in offices,
                year_of_term=(year - term.start_meeting.end_date.year) if year else None,
            )
        )
    if committee.chaired_by_president and presidency and presidency.president_state:
        members.append(Member(state=presidency.president_state, term=None, is_chair=True))
    # Pages list the members in the order of the language they are shown in; the member line
    # sorts again when it is printed, in the language of the document.
    members = sorted_by_text(members, lambda member: member.state.display_name)
    composition = Composition(
        committee=committee,
        on=on,
        year=year,
        members=members,
        vacancies=max(0, committee.seats - len(terms)),
    )
    if warnings:
        composition.warnings = _warnings(committee, composition, terms)
    return composition


def _warnings(committee: Committee, composition: Composition, terms: list[SeatTerm]) -> list[str]:
    warnings = []
    if composition.vacancies:
        warnings.append(
            _("%(count)s of %(seats)s seats vacant.")
            % {"count": composition.vacancies, "seats": committee.seats}
        )
    for requirement in committee.requirements.all():
        present = sum(
            1
            for term in terms
            if any(kind.pk == requirement.member_kind_id for kind in term.kinds.all())
        )
        if present < requirement.minimum:
            warnings.append(
                _("No member counts as “%(kind)s”.") % {"kind": requirement.member_kind}
                if present == 0
                else _("Only %(present)s of the %(minimum)s members required as “%(kind)s”.")
                % {
                    "present": present,
                    "minimum": requirement.minimum,
                    "kind": requirement.member_kind,
                }
            )
    if terms and not any(member.is_gender_focal_point for member in composition.members):
        warnings.append(_("No gender focal point named."))
    chair = composition.chair
    if committee.chaired_by_president:
        if chair is None:
            warnings.append(_("No President recorded for this period."))
    elif chair is None:
        if terms:
            warnings.append(_("No Chair chosen."))
    elif chair.year_of_term == 1:
        warnings.append(
            _("The Chair, %(state)s, is in the first year of its term.")
            % {"state": chair.state.display_name}
        )
    return warnings
