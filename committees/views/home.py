"""The home page, where everyone lands after logging in, and the navigation's badges."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.permissions import can_edit_records, can_read_correspondence, committee_roles
from common.waiting import navigation_counts, waiting_for

from ..calendar import FormalCalendar
from ..composition import compositions_on
from ..models import Committee, Meeting


def home(request: HttpRequest) -> HttpResponse:
    """Where everyone lands after logging in: their committees first."""
    today = timezone.localdate()
    calendar = FormalCalendar()
    roles = committee_roles(request.user)
    committees = Committee.objects.prefetch_related("requirements__member_kind")
    if not can_edit_records(request.user):
        committees = committees.filter(pk__in=roles)
    context = {
        "compositions": compositions_on(today, committees, calendar),
        "roles": roles,
        "presidency": calendar.presidency_on(today),
        "upcoming": Meeting.objects.visible_to(request.user)
        .filter(end_date__gte=today)
        .select_related("committee")
        .order_by("start_date")[:6],
        "waiting": waiting_for(request.user, today),
    }
    return render(request, "committees/home.html", context)


def waiting_counts(request: HttpRequest) -> HttpResponse:
    """The navigation's badges: what waits for the user, by section, as out-of-band fragments
    the page loads after it is shown (counted at most once a minute per user)."""
    counts = navigation_counts(request.user)
    sections = ["committees", "meetings", "reporting", "documents"]
    # Only the entries the navigation shows the user (observers have no correspondence).
    if can_read_correspondence(request.user):
        sections.append("correspondence")
    return render(
        request,
        "committees/waiting_counts.html",
        {"counts": [(section, counts.get(section, 0)) for section in sections]},
    )
