"""What committees have waiting: for ISU staff, committees with a vacant seat or no Chair; for a
Chair, the committee's next meetings and the terms ending within a year; for members and
observers, their committees' next meetings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import CHAIR, committee_roles, is_isu_staff
from common.waiting import SHOWN, WaitingGroup, WaitingItem, contributes, first_with_total

from .composition import compositions_on
from .models import Committee, Meeting, SeatTerm

#: "Next meetings": those opening within this many days (or under way).
MEETING_DAYS = 30
#: Terms ending within this many days are announced to the Chair.
TERM_DAYS = 365


@contributes(60)
def staff_committees(user: Any, today: date) -> list[WaitingGroup]:
    if not is_isu_staff(user):
        return []
    committees = Committee.objects.prefetch_related("requirements__member_kind")
    gaps = [
        composition
        for composition in compositions_on(today, committees)
        if composition.vacancies or composition.chair is None
    ]
    return [
        WaitingGroup(
            key="committee-gaps",
            title=_("Committees with a vacant seat or no Chair"),
            count=len(gaps),
            url=reverse("committees:list"),
            items=[
                WaitingItem(
                    label=composition.committee.display_name,
                    url=composition.committee.get_absolute_url(),
                    note=_gap_note(composition),
                )
                for composition in gaps[:SHOWN]
            ],
            section="committees",
        )
    ]


def _gap_note(composition) -> str:
    notes = []
    if composition.vacancies:
        notes.append(
            _("%(count)s of %(seats)s seats vacant")
            % {"count": composition.vacancies, "seats": composition.committee.seats}
        )
    if composition.chair is None:
        notes.append(_("no Chair"))
    return "; ".join(notes)


@contributes(70)
def next_meetings(user: Any, today: date) -> list[WaitingGroup]:
    if is_isu_staff(user):
        return []
    own = sorted(committee_roles(user))
    meetings = Meeting.objects.filter(
        end_date__gte=today, start_date__lte=today + timedelta(days=MEETING_DAYS)
    )
    # Members read their committees' own meetings; observers, who sit on none, the public ones.
    meetings = (
        meetings.filter(committee__in=own)
        if own
        else meetings.visible_to(user).filter(committee__isnull=True)
    )
    rows, count = first_with_total(
        meetings.select_related("committee").order_by("start_date", "pk")
    )
    return [
        WaitingGroup(
            key="next-meetings",
            title=_("Meetings in the next 30 days"),
            count=count,
            url=reverse("committees:meeting_list"),
            items=[
                WaitingItem(
                    label=meeting.display_title,
                    url=meeting.get_absolute_url(),
                    when=meeting.start_date,
                    note=meeting.committee.code if meeting.committee_id else "",
                )
                for meeting in rows
            ],
            section="meetings",
        )
    ]


@contributes(80)
def chair_term_ends(user: Any, today: date) -> list[WaitingGroup]:
    if is_isu_staff(user):
        return []
    chaired = sorted(pk for pk, role in committee_roles(user).items() if role == CHAIR)
    if not chaired:
        return []
    terms, count = first_with_total(
        SeatTerm.objects.filter(
            committee__in=chaired,
            end_meeting__end_date__gte=today,
            end_meeting__end_date__lte=today + timedelta(days=TERM_DAYS),
        )
        .select_related("state", "committee", "start_meeting", "end_meeting")
        .order_by("end_meeting__end_date", "state__name", "pk")
    )
    return [
        WaitingGroup(
            key="term-ends",
            title=_("Terms ending within a year"),
            count=count,
            url=terms[0].committee.get_absolute_url() if terms else "",
            items=[
                WaitingItem(
                    label=f"{term.state.display_name} ({term.committee.code})",
                    url=term.committee.get_absolute_url(),
                    when=term.end_date,
                )
                for term in terms
            ],
            section="committees",
        )
    ]
