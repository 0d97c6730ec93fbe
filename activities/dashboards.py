"""The committee dashboard's panels about the committee's own work: its latest activities and,
for the Committee on Cooperative Compliance, its open compliance matters. Each runs a fixed
number of queries."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from accounts.permissions import can_see_compliance_matters
from committees.calendar import FormalCalendar
from committees.models import Committee
from common.visibility import COMPLIANCE_COMMITTEE_CODE
from reporting.dashboards import Panel
from states_parties.models import StateParty

from .models import Activity, ComplianceMatter

RECENT = 5


def activity_panels(committee: Committee, today: date, user: Any) -> list[Panel]:
    panels = [_recent_activities(committee, today, user)]
    if committee.code == COMPLIANCE_COMMITTEE_CODE and can_see_compliance_matters(user):
        panels.append(_compliance_matters(user))
    return panels


def _recent_activities(committee: Committee, today: date, user: Any) -> Panel:
    activities = Activity.objects.visible_to(user).filter(committee=committee, date__lte=today)
    calendar = FormalCalendar()
    year = calendar.committee_year(today)
    bounds = calendar.year_bounds(year) if year else None
    this_year = activities.filter(date__gt=bounds[0]) if bounds else activities.none()
    return Panel(
        "activities",
        _("What the committee did"),
        "activities/panels/recent.html",
        {
            "activities": activities.order_by("-date", "-pk")[:RECENT],
            "this_year": this_year.count(),
            "committee": committee,
        },
    )


def _compliance_matters(user: Any) -> Panel:
    matters = (
        ComplianceMatter.objects.visible_to(user)
        .exclude(status=ComplianceMatter.Status.CLOSED)
        .prefetch_related(Prefetch("states", queryset=StateParty.objects.in_name_order()))
        .order_by("-opened_on", "-pk")
    )
    return Panel(
        "compliance_matters",
        _("Open compliance matters (confidential)"),
        "activities/panels/matters.html",
        {"matters": matters},
    )
