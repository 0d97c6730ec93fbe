"""What reporting has waiting: for ISU staff, reports received to acknowledge and the
Convention's deadlines this month; for a Chair, the committee's next deadlines (Article 5
clearance deadlines for the Committee on Article 5 Implementation, Article 7 reports due for
the others)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import CHAIR, committee_roles, is_isu_staff
from committees.models import Committee
from common.waiting import SHOWN, WaitingGroup, WaitingItem, contributes, first_with_total
from states_parties.models import StateParty

from .models import ExpectedReport, Submission

#: The committee whose deadlines are Article 5's; every other committee follows Article 7's.
ARTICLE5_COMMITTEE = "CA5"
#: A Chair sees the Article 7 reports due within this many days ...
ARTICLE7_DAYS = 90
#: ... and the Article 5 deadlines within this many (an extension request takes a year).
ARTICLE5_DAYS = 365


def _article7_due(start: date, end: date) -> tuple[list[WaitingItem], int]:
    reports, count = first_with_total(
        ExpectedReport.objects.filter(
            received_on__isnull=True, due_date__gte=start, due_date__lte=end
        )
        .select_related("state")
        .order_by("due_date", "state__name", "pk")
    )
    items = [
        WaitingItem(
            label=f"{report.state.display_name}: {report.get_kind_display()} {report.year}",
            url=report.state.get_absolute_url(),
            when=report.due_date,
        )
        for report in reports
    ]
    return items, count


def _article5_deadlines(start: date, end: date) -> tuple[list[WaitingItem], int]:
    states, count = first_with_total(
        StateParty.objects.filter(
            has_mined_areas=True,
            clearance_completed_on__isnull=True,
            clearance_deadline__gte=start,
            clearance_deadline__lte=end,
        ).order_by("clearance_deadline", "name", "pk")
    )
    items = [
        WaitingItem(
            label=_("%(state)s: Article 5 clearance deadline") % {"state": state.display_name},
            url=state.get_absolute_url(),
            when=state.clearance_deadline,
        )
        for state in states
    ]
    return items, count


@contributes(90)
def staff_reporting(user: Any, today: date) -> list[WaitingGroup]:
    if not is_isu_staff(user):
        return []
    received, received_count = first_with_total(
        Submission.objects.filter(acknowledged_on__isnull=True)
        .select_related("state")
        .order_by("received_on", "pk")
    )
    first = today.replace(day=1)
    last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    article7, article7_count = _article7_due(first, last)
    article5, article5_count = _article5_deadlines(first, last)
    return [
        WaitingGroup(
            key="reports-to-acknowledge",
            title=_("Reports received to acknowledge"),
            count=received_count,
            url=reverse("reporting:submissions") + "?unacknowledged=on",
            items=[
                WaitingItem(
                    label=f"{report.state.display_name}: {report.get_kind_display()} {report.year}",
                    url=reverse("reporting:submission_edit", args=[report.pk]),
                    when=report.received_on,
                )
                for report in received
            ],
            section="reporting",
        ),
        WaitingGroup(
            key="deadlines-this-month",
            title=_("Convention deadlines this month"),
            count=article7_count + article5_count,
            url=reverse("reporting:overview"),
            items=sorted([*article7, *article5], key=lambda item: item.when)[:SHOWN],
            section="reporting",
        ),
    ]


@contributes(100)
def chair_deadlines(user: Any, today: date) -> list[WaitingGroup]:
    if is_isu_staff(user):
        return []
    chaired = sorted(pk for pk, role in committee_roles(user).items() if role == CHAIR)
    if not chaired:
        return []
    groups = []
    for committee in Committee.objects.filter(pk__in=chaired).order_by("pk"):
        if committee.code == ARTICLE5_COMMITTEE:
            items, count = _article5_deadlines(today, today + timedelta(days=ARTICLE5_DAYS))
            title = _("Article 5 deadlines within a year")
        else:
            items, count = _article7_due(today, today + timedelta(days=ARTICLE7_DAYS))
            title = _("Article 7 reports due in the next 90 days")
        groups.append(
            WaitingGroup(
                key=f"deadlines-{committee.code}",
                title=title,
                count=count,
                url=reverse("reporting:dashboard", args=[committee.code]),
                items=items,
                section="reporting",
            )
        )
    return groups
