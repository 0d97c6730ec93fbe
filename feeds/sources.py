"""The events every installation has: meetings, and the Convention's deadlines."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from committees.models import Meeting
from states_parties import rules
from states_parties.models import StateParty

from .registry import FeedEvent, FeedRequest, register


def meetings(feed: FeedRequest) -> Iterator[FeedEvent]:
    """Meetings the user may see; a committee's feed has that committee's meetings and the
    plenary ones (Meetings of the States Parties, Review Conferences, intersessionals)."""
    visible = Meeting.objects.visible_to(feed.user).select_related("committee")
    if feed.committee is not None:
        visible = visible.filter(Q(committee=feed.committee) | Q(committee__isnull=True))
    for meeting in visible.order_by("start_date", "pk"):
        summary = meeting.display_title
        if meeting.committee_id:
            summary = f"{meeting.committee.code}: {summary}"
        yield FeedEvent(
            uid=f"meeting-{meeting.pk}",
            summary=summary,
            start=meeting.start_date,
            end=meeting.end_date,
            url=meeting.get_absolute_url(),
            description=meeting.get_kind_display(),
            location=meeting.venue,
            categories=("meeting",),
        )


def article7_deadlines(feed: FeedRequest) -> Iterator[FeedEvent]:
    """The 30 April deadline of the annual reports, and each State's initial report."""
    if not feed.include_deadlines:
        return
    for year in range(feed.start.year - 1, feed.end.year):
        due = rules.annual_report_due(year)
        if feed.start <= due <= feed.end:
            yield FeedEvent(
                uid=f"article7-annual-{year}",
                summary=_("Article 7 reports due (calendar year %(year)s)") % {"year": year},
                start=due,
                end=due,
                url=reverse("reporting:overview"),
                description=_("Article 7.2: the annual transparency reports are due by 30 April."),
                categories=("deadline", "article7"),
            )
    states = StateParty.objects.filter(
        entry_into_force__range=rules.in_force_for_initial_reports_due(feed.start, feed.end)
    ).exclude(withdrawal_effective__lte=feed.start)
    for state in states.order_by("entry_into_force", "name"):
        yield FeedEvent(
            uid=f"article7-initial-{state.iso3}",
            summary=_("%(state)s: initial Article 7 report due") % {"state": state.display_name},
            start=state.initial_report_due,
            end=state.initial_report_due,
            url=state.get_absolute_url(),
            description=_("Article 7.1: within 180 days of entry into force."),
            categories=("deadline", "article7"),
        )


def obligation_deadlines(feed: FeedRequest) -> Iterator[FeedEvent]:
    """Article 4 stockpile destruction and Article 5 clearance deadlines still open."""
    if not feed.include_deadlines:
        return
    stockpiles = (
        StateParty.objects.filter(
            had_stockpiles=True,
            stockpile_destroyed_on__isnull=True,
            entry_into_force__range=rules.in_force_for_stockpile_deadlines(feed.start, feed.end),
        )
        .exclude(withdrawal_effective__lte=feed.start)
        .order_by("entry_into_force", "name")
    )
    for state in stockpiles:
        due = state.stockpile_destruction_deadline
        yield FeedEvent(
            uid=f"article4-{state.iso3}",
            summary=_("%(state)s: Article 4 deadline (stockpile destruction)")
            % {"state": state.display_name},
            start=due,
            end=due,
            url=state.get_absolute_url(),
            description=_("Article 4: entry into force + 4 years, no extension."),
            categories=("deadline", "article4"),
        )
    clearing = (
        StateParty.objects.filter(
            has_mined_areas=True,
            clearance_completed_on__isnull=True,
            clearance_deadline__range=(feed.start, feed.end),
        )
        .exclude(withdrawal_effective__lte=feed.start)
        .order_by("clearance_deadline", "name")
    )
    for state in clearing:
        yield FeedEvent(
            # One UID per State: an extension moves the event instead of adding one.
            uid=f"article5-{state.iso3}",
            summary=_("%(state)s: Article 5 deadline (mine clearance)")
            % {"state": state.display_name},
            start=state.clearance_deadline,
            end=state.clearance_deadline,
            url=state.get_absolute_url(),
            description=_("Article 5: the current clearance deadline, extensions included."),
            categories=("deadline", "article5"),
        )


register("meetings", meetings)
register("article7", article7_deadlines)
register("obligations", obligation_deadlines)
