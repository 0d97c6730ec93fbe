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
    can_read_correspondence,
    can_see_committee_workspace,
    committee_roles,
    staff_required,
)
from common.params import parse_query_date
from common.views import apply_service, delete_record, form_page, import_csv, list_page
from common.waiting import navigation_counts, waiting_for
from states_parties.models import StateParty
from states_parties.names import name_order

from . import services
from .calendar import FormalCalendar
from .composition import composition_history, compositions_on
from .filters import MeetingFilter
from .forms import (
    ChangeoverForm,
    CommitteeForm,
    MeetingForm,
    NextFormalMeetingForm,
    OfficeForm,
    RepresentativeForm,
    SeatTermForm,
    SeatTermKindsForm,
)
from .imports import MeetingImporter, MembershipImporter
from .models import Committee, Meeting, Office, Representative, SeatTerm
from .tables import COMPOSITIONS, MEETINGS


def _on_date(request: HttpRequest) -> tuple[date, str | None]:
    text = request.GET.get("on", "")
    if not text:
        return timezone.localdate(), None
    parsed = parse_query_date(text)
    if parsed is None:
        return timezone.localdate(), _("“%(value)s” is not a date (YYYY-MM-DD); showing today.") % {
            "value": text
        }
    return parsed, None


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


# --- committees ------------------------------------------------------------------------------


def committee_list(request: HttpRequest) -> HttpResponse:
    on, date_error = _on_date(request)
    committees = Committee.objects.prefetch_related("requirements__member_kind")
    compositions = compositions_on(on, committees)
    roles = committee_roles(request.user)
    context = {
        "compositions": compositions,
        "on": on,
        "date_error": date_error,
        "roles": roles,
        "can_edit": can_edit_records(request.user),
    }
    return render(request, "committees/committee_list.html", context)


def committee_detail(request: HttpRequest, code: str) -> HttpResponse:
    committee = get_object_or_404(
        Committee.objects.prefetch_related("mandate_items", "requirements__member_kind"),
        code=code.upper(),
    )
    on, date_error = _on_date(request)
    calendar = FormalCalendar()
    (composition,) = compositions_on(on, [committee], calendar)
    workspace = can_see_committee_workspace(request.user, committee.pk)
    if workspace:
        people: dict[int, list[Representative]] = {}
        for representative in Representative.objects.filter(
            term__in=[member.term for member in composition.members if member.term]
        ):
            people.setdefault(representative.term_id, []).append(representative)
        for member in composition.members:
            member.representatives = people.get(member.term.pk, []) if member.term else []
    context = {
        "committee": committee,
        "composition": composition,
        "history": composition_history(committee, calendar),
        "on": on,
        "date_error": date_error,
        "workspace": workspace,
        "role": committee_roles(request.user).get(committee.pk),
        "can_edit": can_edit_records(request.user),
        "upcoming": Meeting.objects.filter(
            committee=committee, end_date__gte=timezone.localdate()
        ).order_by("start_date")[:5]
        if workspace
        else [],
        "formal_meetings": calendar.meetings,
    }
    return render(request, "committees/committee_detail.html", context)


@staff_required
def committee_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    committee = get_object_or_404(Committee, code=code.upper()) if code else Committee()
    form = CommitteeForm(request.POST or None, instance=committee)
    if request.method == "POST" and form.is_valid():
        services.save_committee(form.instance, form.mandate_items())
        messages.success(request, _("%(committee)s was saved.") % {"committee": committee})
        return redirect(committee)
    title = _("Edit %(committee)s") % {"committee": committee} if code else _("New committee")
    cancel = committee.get_absolute_url() if code else reverse("committees:list")
    return form_page(request, form, title, cancel)


@staff_required
def term_create(request: HttpRequest, code: str) -> HttpResponse:
    committee = get_object_or_404(Committee, code=code.upper())
    form = SeatTermForm(request.POST or None, parent=committee)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(
            form, lambda: services.save_term(form.instance, form.cleaned_data["kinds"])
        )
    ):
        messages.success(request, _("%(state)s was seated.") % {"state": form.instance.state})
        return redirect(committee)
    title = _("New member of %(committee)s") % {"committee": committee}
    return form_page(request, form, title, committee.get_absolute_url())


@staff_required
def term_edit(request: HttpRequest, pk: int) -> HttpResponse:
    term = get_object_or_404(SeatTerm.objects.with_meetings(), pk=pk)
    form = SeatTermKindsForm(request.POST or None, instance=term)
    if request.method == "POST" and form.is_valid():
        services.update_term_kinds(term, form.cleaned_data["kinds"])
        messages.success(request, _("Saved."))
        return redirect(term.committee)
    offices = term.offices.all()
    return render(
        request,
        "committees/term_edit.html",
        {
            "term": term,
            "form": form,
            "offices": offices,
            "representatives": term.representatives.select_related("user"),
        },
    )


@staff_required
@require_POST
def term_delete(request: HttpRequest, pk: int) -> HttpResponse:
    term = get_object_or_404(SeatTerm.objects.with_meetings(), pk=pk)
    return delete_record(
        request,
        term,
        services.delete_term,
        done=term.committee,
        refused=reverse("committees:term_edit", args=[pk]),
    )


@staff_required
def office_create(request: HttpRequest, pk: int) -> HttpResponse:
    term = get_object_or_404(SeatTerm.objects.with_meetings(), pk=pk)
    form = OfficeForm(request.POST or None, parent=term, initial={"year": term.years[-1]})
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(
            form,
            lambda: services.set_office(term, form.cleaned_data["kind"], form.cleaned_data["year"]),
        )
    ):
        messages.success(request, _("Saved."))
        return redirect("committees:term_edit", pk=term.pk)
    title = _("Office for %(term)s") % {"term": term}
    return form_page(request, form, title, reverse("committees:term_edit", args=[term.pk]))


@staff_required
@require_POST
def office_delete(request: HttpRequest, pk: int) -> HttpResponse:
    office = get_object_or_404(Office, pk=pk)
    back = reverse("committees:term_edit", args=[office.term_id])
    return delete_record(request, office, services.remove_office, done=back, refused=back)


@staff_required
def representative_edit(request: HttpRequest, pk: int, representative_pk: int | None = None):
    term = get_object_or_404(SeatTerm.objects.with_meetings(), pk=pk)
    instance = (
        get_object_or_404(Representative, pk=representative_pk, term=term)
        if representative_pk
        else None
    )
    form = RepresentativeForm(request.POST or None, instance=instance, parent=term)
    if request.method == "POST" and form.is_valid():
        services.save_representative(form.instance)
        messages.success(request, _("Saved."))
        return redirect("committees:term_edit", pk=term.pk)
    title = _("Representative of %(state)s") % {"state": term.state}
    return form_page(request, form, title, reverse("committees:term_edit", args=[term.pk]))


@staff_required
def changeover(request: HttpRequest, code: str, meeting_pk: int) -> HttpResponse:
    """At the close of a formal meeting: who leaves, who stays, who joins, next year's
    Chair and gender focal point."""
    committee = get_object_or_404(Committee, code=code.upper())
    meeting = get_object_or_404(Meeting.objects.formal(), pk=meeting_pk)
    calendar = FormalCalendar()
    next_year = meeting.end_date.year + 1
    after_close = meeting.end_date + timedelta(days=1)
    terms = list(
        SeatTerm.objects.filter(committee=committee)
        .with_meetings()
        .order_by(name_order("state__"), "pk")
    )
    outgoing = [term for term in terms if term.end_meeting_id == meeting.pk]
    continuing = [
        term for term in terms if term.serves_on(meeting.end_date) and term.serves_on(after_close)
    ]
    vacancies = max(0, committee.seats - len(continuing))
    seated = {term.state_id for term in terms if term.serves_on(after_close)}
    candidates = StateParty.objects.bound_on(after_close).exclude(pk__in=seated).in_name_order()
    continuing_states = StateParty.objects.filter(pk__in=[t.state_id for t in continuing])
    chair_candidates = (
        None
        if committee.chaired_by_president
        else StateParty.objects.filter(
            pk__in=[t.state_id for t in continuing if t.years and t.years[-1] == next_year]
        ).in_name_order()
    )
    # New members' terms end at the close of the formal meeting ``term_length`` meetings on.
    # If the record lacks it, name the next one to record and offer it here, prefilled.
    term_end = calendar.later(meeting, committee.term_length)
    creating = term_end is None and request.method == "POST" and "create_meeting" in request.POST
    meeting_form = None
    if term_end is None:
        meeting_form = NextFormalMeetingForm(
            request.POST if creating else None,
            instance=calendar.next_to_record(),
            prefix="meeting",
        )
    if creating and meeting_form.is_valid():
        created = services.save_meeting(meeting_form.instance)
        messages.success(request, _("%(meeting)s was saved.") % {"meeting": created})
        return redirect("committees:changeover", code=committee.code, meeting_pk=meeting.pk)
    form = ChangeoverForm(
        None if creating else (request.POST or None),
        candidates=candidates,
        chair_candidates=chair_candidates,
        continuing=continuing_states,
        vacancies=vacancies,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(
            form,
            lambda: services.record_changeover(
                committee,
                meeting,
                form.cleaned_data["new_members"],
                form.cleaned_data.get("chair"),
                form.cleaned_data["gender_focal_point"],
            ),
        )
    ):
        messages.success(
            request,
            _("The changeover at the close of %(meeting)s was recorded.") % {"meeting": meeting},
        )
        return redirect(f"{committee.get_absolute_url()}?on={after_close.isoformat()}")
    context = {
        "committee": committee,
        "meeting": meeting,
        "form": form,
        "outgoing": outgoing,
        "continuing": continuing,
        "vacancies": vacancies,
        "next_year": next_year,
        "term_end": term_end,
        "meeting_form": meeting_form,
    }
    return render(request, "committees/changeover.html", context)


def composition_export(request: HttpRequest) -> HttpResponse:
    on, _error = _on_date(request)
    return COMPOSITIONS.response(
        request, compositions_on(on), filename=f"composition-{on.isoformat()}"
    )


@staff_required
def memberships_import(request: HttpRequest) -> HttpResponse:
    return import_csv(
        request,
        MembershipImporter(),
        title=_("Import committee memberships"),
        columns_help=_(
            "committee is a short code (CA5) or a full name; meetings are written 22MSP or 5RC; "
            "years are separated by semicolons (2025;2026). Rows are matched on committee, "
            "iso3 and term_start_meeting."
        ),
        done_url=reverse("committees:list"),
    )


# --- meetings --------------------------------------------------------------------------------


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
