"""The pages of committees: the list, a committee and its composition on a day, its form,
and the composition's export and import."""

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import (
    can_edit_records,
    can_see_committee_workspace,
    committee_roles,
    staff_required,
)
from common.params import parse_query_date
from common.views import form_page, import_csv

from .. import services
from ..calendar import FormalCalendar
from ..composition import composition_history, compositions_on
from ..forms import CommitteeForm
from ..imports import MembershipImporter
from ..models import Committee, Meeting, Representative
from ..tables import COMPOSITIONS


def on_date(request: HttpRequest) -> tuple[date, str | None]:
    text = request.GET.get("on", "")
    if not text:
        return timezone.localdate(), None
    parsed = parse_query_date(text)
    if parsed is None:
        return timezone.localdate(), _("“%(value)s” is not a date (YYYY-MM-DD); showing today.") % {
            "value": text
        }
    return parsed, None


def committee_list(request: HttpRequest) -> HttpResponse:
    on, date_error = on_date(request)
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
    on, date_error = on_date(request)
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


def composition_export(request: HttpRequest) -> HttpResponse:
    on, _error = on_date(request)
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
