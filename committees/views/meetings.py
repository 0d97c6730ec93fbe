"""The pages of meetings: the list and its export, the month, a meeting, its form, delete
and import."""

import calendar as month_calendar
from datetime import date, timedelta

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (
    can_edit_records,
    staff_required,
)
from common.views import delete_record, form_page, import_csv, list_page
from states_parties.models import StateParty

from .. import services
from ..calendar import FormalCalendar
from ..filters import MeetingFilter
from ..forms import (
    MeetingForm,
)
from ..imports import MeetingImporter
from ..models import Committee, Meeting
from ..tables import MEETINGS


def _visible_meetings(request: HttpRequest):
    return Meeting.objects.visible_to(request.user).select_related("committee", "president_state")


def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = MeetingFilter(
        request.GET or None,
        queryset=_visible_meetings(request).order_by("-start_date"),
        request=request,
    )
    today = timezone.localdate()
    context = {
        "today": today,
        "presidency": FormalCalendar().presidency_on(today),
        "can_edit": can_edit_records(request.user),
        # Upcoming meetings come soonest first, the others latest first.
        "default_sort": "dates" if request.GET.get("when") == "upcoming" else "-dates",
    }
    return list_page(
        request,
        "committees/meeting_list.html",
        meetings,
        target="meeting-results",
        context=context,
    )


def meeting_export(request: HttpRequest) -> HttpResponse:
    meetings = MeetingFilter(
        request.GET or None,
        queryset=_visible_meetings(request).order_by("start_date"),
        request=request,
    ).qs
    return MEETINGS.response(request, meetings)


def meeting_month(request: HttpRequest, year: int | None = None, month: int | None = None):
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 1990 <= year <= 2100):
        raise Http404
    weeks = month_calendar.Calendar().monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    meetings = MeetingFilter(
        request.GET or None,
        queryset=_visible_meetings(request).filter(start_date__lte=last, end_date__gte=first),
        request=request,
    )
    by_day: dict[date, list[Meeting]] = {}
    for meeting in meetings.qs.order_by("start_date"):
        day = max(meeting.start_date, first)
        while day <= min(meeting.end_date, last):
            by_day.setdefault(day, []).append(meeting)
            day += timedelta(days=1)
    shown = date(year, month, 1)
    previous = shown - timedelta(days=1)
    following = shown + timedelta(days=32)
    context = {
        "filter": meetings,
        "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
        "shown": shown,
        "previous": previous.replace(day=1),
        "following": following.replace(day=1),
        "today": today,
        "weekdays": [WEEKDAYS_ABBR[index] for index in range(7)],
    }
    return render(request, "committees/meeting_month.html", context)


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        _visible_meetings(request).prefetch_related(
            Prefetch("states", queryset=StateParty.objects.in_name_order())
        ),
        pk=pk,
    )
    context = {"meeting": meeting, "can_edit": can_edit_records(request.user)}
    if meeting.is_formal:
        context["terms_starting"] = meeting.terms_starting.select_related("committee", "state")
        context["terms_ending"] = meeting.terms_ending.select_related("committee", "state")
        context["committees"] = Committee.objects.all()
    return render(request, "committees/meeting_detail.html", context)


@staff_required
def meeting_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk) if pk else Meeting()
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        services.save_meeting(form.instance, form.cleaned_data["states"])
        messages.success(request, _("%(meeting)s was saved.") % {"meeting": form.instance})
        return redirect(form.instance)
    title = _("Edit %(meeting)s") % {"meeting": meeting} if pk else _("New meeting")
    cancel = meeting.get_absolute_url() if pk else reverse("committees:meeting_list")
    return form_page(request, form, title, cancel)


@staff_required
@require_POST
def meeting_delete(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    return delete_record(request, meeting, services.delete_meeting, done="committees:meeting_list")


@staff_required
def meetings_import(request: HttpRequest) -> HttpResponse:
    return import_csv(
        request,
        MeetingImporter(),
        title=_("Import meetings"),
        columns_help=_(
            "kind is msp, rc, intersessional or special; formal meetings are matched on kind "
            "and number, others on kind, start_date and title; president_iso3 names the "
            "President's State."
        ),
        done_url=reverse("committees:meeting_list"),
    )
