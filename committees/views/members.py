"""Who sits on a committee: seat terms, offices, representatives, and the changeover at the
close of a formal meeting."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from common.views import apply_service, delete_record, form_page
from states_parties.models import StateParty
from states_parties.names import name_order

from .. import services
from ..calendar import FormalCalendar
from ..forms import (
    ChangeoverForm,
    NextFormalMeetingForm,
    OfficeForm,
    RepresentativeForm,
    SeatTermForm,
    SeatTermKindsForm,
)
from ..models import Committee, Meeting, Office, Representative, SeatTerm


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


@dataclass
class _Seats:
    """Who leaves, who stays and who may join a committee at the close of a formal meeting."""

    outgoing: list[SeatTerm]
    continuing: list[SeatTerm]
    vacancies: int
    candidates: QuerySet[StateParty]
    continuing_states: QuerySet[StateParty]
    #: ``None`` when the President's State chairs the committee.
    chair_candidates: QuerySet[StateParty] | None


def _seats_at_close(committee: Committee, meeting: Meeting) -> _Seats:
    """The committee's seats around the close of ``meeting``: only members whose term covers
    next year may chair it then."""
    next_year = meeting.end_date.year + 1
    after_close = meeting.end_date + timedelta(days=1)
    terms = list(
        SeatTerm.objects.filter(committee=committee)
        .with_meetings()
        .order_by(name_order("state__"), "pk")
    )
    continuing = [
        term for term in terms if term.serves_on(meeting.end_date) and term.serves_on(after_close)
    ]
    seated = {term.state_id for term in terms if term.serves_on(after_close)}
    return _Seats(
        outgoing=[term for term in terms if term.end_meeting_id == meeting.pk],
        continuing=continuing,
        vacancies=max(0, committee.seats - len(continuing)),
        candidates=StateParty.objects.bound_on(after_close).exclude(pk__in=seated).in_name_order(),
        continuing_states=StateParty.objects.filter(pk__in=[t.state_id for t in continuing]),
        chair_candidates=None
        if committee.chaired_by_president
        else StateParty.objects.filter(
            pk__in=[t.state_id for t in continuing if t.years and t.years[-1] == next_year]
        ).in_name_order(),
    )


def _recorded_changeover(request, form, committee: Committee, meeting: Meeting) -> bool:
    """Record the changeover the form describes; a refusal of the service is put on the form."""
    return (
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
    )


@staff_required
def changeover(request: HttpRequest, code: str, meeting_pk: int) -> HttpResponse:
    """At the close of a formal meeting: who leaves, who stays, who joins, next year's
    Chair and gender focal point."""
    committee = get_object_or_404(Committee, code=code.upper())
    meeting = get_object_or_404(Meeting.objects.formal(), pk=meeting_pk)
    calendar = FormalCalendar()
    after_close = meeting.end_date + timedelta(days=1)
    seats = _seats_at_close(committee, meeting)
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
        candidates=seats.candidates,
        chair_candidates=seats.chair_candidates,
        continuing=seats.continuing_states,
        vacancies=seats.vacancies,
    )
    if _recorded_changeover(request, form, committee, meeting):
        messages.success(
            request,
            _("The changeover at the close of %(meeting)s was recorded.") % {"meeting": meeting},
        )
        return redirect(f"{committee.get_absolute_url()}?on={after_close.isoformat()}")
    context = {
        "committee": committee,
        "meeting": meeting,
        "form": form,
        "outgoing": seats.outgoing,
        "continuing": seats.continuing,
        "vacancies": seats.vacancies,
        "next_year": meeting.end_date.year + 1,
        "term_end": term_end,
        "meeting_form": meeting_form,
    }
    return render(request, "committees/changeover.html", context)
