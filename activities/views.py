from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (
    can_edit_records,
    can_see_compliance_matters,
    staff_required,
)
from committees.models import Committee, Meeting
from common.lookups import any_contains
from common.views import apply_service, delete_record, form_page, import_csv, list_page
from common.visibility import Visibility
from states_parties.models import StateParty

from . import services
from .filters import ActivityFilter, ComplianceMatterFilter, PriorityFilter
from .forms import (
    ActionForm,
    ActionPlanForm,
    ActivityForm,
    ComplianceMatterForm,
    PriorityForm,
    compliance_committee,
)
from .imports import ActionImporter, ActivityImporter, PriorityImporter
from .models import Action, ActionPlan, Activity, ComplianceMatter, Priority
from .tables import ACTIONS, ACTIVITIES, COMPLIANCE_MATTERS, PRIORITIES

# --- activities -------------------------------------------------------------------------------


def activity_list(request: HttpRequest) -> HttpResponse:
    activities = ActivityFilter(
        request.GET or None,
        queryset=Activity.objects.visible_to(request.user).with_links(),
    )
    return list_page(
        request,
        "activities/activity_list.html",
        activities,
        target="activity-results",
        table=ACTIVITIES,
        context={"can_edit": can_edit_records(request.user)},
    )


def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.visible_to(request.user).with_links(), pk=pk)
    # A committee's own meetings are for its members, even when a public activity names one.
    meeting = (
        activity.meeting
        if activity.meeting_id
        and Meeting.objects.visible_to(request.user).filter(pk=activity.meeting_id).exists()
        else None
    )
    context = {
        "activity": activity,
        "meeting": meeting,
        "can_edit": can_edit_records(request.user),
        "show_matter": activity.compliance_matter_id and can_see_compliance_matters(request.user),
    }
    return render(request, "activities/activity_detail.html", context)


@staff_required
def activity_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk) if pk else Activity()
    initial = {}
    if not pk:
        code = request.GET.get("committee", "").upper()
        if code:
            initial["committee"] = Committee.objects.filter(code=code).first()
        if request.GET.get("matter", "").isdigit():
            initial.update(
                compliance_matter=int(request.GET["matter"]),
                committee=compliance_committee(),
                visibility=Visibility.CONFIDENTIAL,
            )
    form = ActivityForm(
        request.POST or None, instance=activity, initial=initial, show_compliance=True
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(
            form,
            lambda: services.save_activity(
                form.instance,
                states=form.cleaned_data["states"],
                actions=form.cleaned_data["actions"],
                articles=form.cleaned_data["articles"],
                user=request.user,
            ),
        )
    ):
        messages.success(request, _("The activity was saved."))
        return redirect(form.instance)
    title = _("Edit activity") if pk else _("Record an activity")
    cancel = activity.get_absolute_url() if pk else reverse("activities:activity_list")
    return form_page(request, form, title, cancel)


@staff_required
@require_POST
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    return delete_record(
        request, activity, services.delete_activity, done="activities:activity_list"
    )


@staff_required
def activities_import(request: HttpRequest) -> HttpResponse:
    return import_csv(
        request,
        ActivityImporter(),
        title=_("Import activities"),
        columns_help=_(
            "committee is a short code (CCC) or a full name; kind is meeting, letter, workshop, "
            "engagement, observations or other; states are ISO codes, actions SRAAP 48 (or 48 "
            "for the plan covering the date), articles numbers, each list separated by "
            "semicolons; visibility is public, states_parties, internal or confidential; the "
            "optional text_fr and text_es columns hold the paragraph's French and Spanish "
            "translations (a blank cell keeps the one recorded). Rows are matched on committee, "
            "date and text."
        ),
        done_url=reverse("activities:activity_list"),
    )


# --- priorities -------------------------------------------------------------------------------


def priority_list(request: HttpRequest) -> HttpResponse:
    priorities = PriorityFilter(
        request.GET or None,
        queryset=Priority.objects.with_links().order_by(
            "committee__display_order", "-period", "position", "pk"
        ),
    )
    return list_page(
        request,
        "activities/priority_list.html",
        priorities,
        target="priority-results",
        table=PRIORITIES,
        context={"can_edit": can_edit_records(request.user)},
    )


@staff_required
def priority_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    priority = get_object_or_404(Priority, pk=pk) if pk else Priority()
    form = PriorityForm(request.POST or None, instance=priority)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(
            form,
            lambda: services.save_priority(
                form.instance,
                actions=form.cleaned_data["actions"],
                articles=form.cleaned_data["articles"],
            ),
        )
    ):
        messages.success(request, _("The priority was saved."))
        return redirect(
            f"{reverse('activities:priority_list')}?committee={form.instance.committee.code}"
            f"&period={form.instance.period}"
        )
    title = _("Edit priority") if pk else _("New priority")
    return form_page(request, form, title, reverse("activities:priority_list"))


@staff_required
@require_POST
def priority_move(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_object_or_404(Priority, pk=pk)
    services.move_priority(priority, -1 if request.POST.get("direction") == "up" else 1)
    return redirect(
        f"{reverse('activities:priority_list')}?committee={priority.committee.code}"
        f"&period={priority.period}"
    )


@staff_required
@require_POST
def priority_delete(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_object_or_404(Priority, pk=pk)
    return delete_record(
        request,
        priority,
        services.delete_priority,
        done="activities:priority_list",
        refused="activities:priority_list",
    )


@staff_required
def priorities_import(request: HttpRequest) -> HttpResponse:
    return import_csv(
        request,
        PriorityImporter(),
        title=_("Import priorities"),
        columns_help=_(
            "committee is a short code or a full name; period is written 2025-2026; actions "
            "(SRAAP 48, or 48 for the plan covering the period) and articles are separated by "
            "semicolons; the optional text_fr and text_es columns hold the paragraph's French "
            "and Spanish translations (a blank cell keeps the one recorded). Rows are matched on "
            "committee, period and text."
        ),
        done_url=reverse("activities:priority_list"),
    )


# --- action plans -----------------------------------------------------------------------------


def plan_list(request: HttpRequest) -> HttpResponse:
    plans = list(ActionPlan.objects.select_related("adopted_at").prefetch_related("actions"))
    return render(
        request,
        "activities/plan_list.html",
        {"plans": plans, "can_edit": can_edit_records(request.user)},
    )


def plan_detail(request: HttpRequest, code: str) -> HttpResponse:
    plan = get_object_or_404(ActionPlan.objects.select_related("adopted_at"), code=code.upper())
    actions = plan.actions.select_related("plan").order_by("number")
    query = request.GET.get("q", "").strip()
    if query:
        actions = actions.filter(any_contains(["text", "short_title"], query))
    return list_page(
        request,
        "activities/plan_detail.html",
        actions,
        table=ACTIONS,
        filename=f"actions-{plan.code.lower()}",
        context={"plan": plan, "query": query, "can_edit": can_edit_records(request.user)},
    )


@staff_required
def plan_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    plan = get_object_or_404(ActionPlan, code=code.upper()) if code else ActionPlan()
    form = ActionPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        services.save_action_plan(form.instance)
        messages.success(request, _("%(plan)s was saved.") % {"plan": form.instance})
        return redirect(form.instance)
    title = _("Edit %(plan)s") % {"plan": plan} if code else _("New action plan")
    return form_page(request, form, title, reverse("activities:plan_list"))


@staff_required
def action_edit(request: HttpRequest, code: str, number: int | None = None) -> HttpResponse:
    plan = get_object_or_404(ActionPlan, code=code.upper())
    action = get_object_or_404(Action, plan=plan, number=number) if number else None
    form = ActionForm(request.POST or None, instance=action, plan=plan)
    if request.method == "POST" and form.is_valid():
        services.save_action(form.instance)
        messages.success(
            request, _("Action %(number)s was saved.") % {"number": form.instance.number}
        )
        return redirect(plan)
    title = _("Action of %(plan)s") % {"plan": plan}
    return form_page(request, form, title, plan.get_absolute_url())


@staff_required
def actions_import(request: HttpRequest) -> HttpResponse:
    return import_csv(
        request,
        ActionImporter(),
        title=_("Import action-plan actions"),
        columns_help=_(
            "plan is the code of an action plan already recorded (SRAAP); rows are matched on "
            "plan and number."
        ),
        done_url=reverse("activities:plan_list"),
    )


# --- compliance matters -----------------------------------------------------------------------


def _require_compliance(request: HttpRequest) -> None:
    if not can_see_compliance_matters(request.user):
        raise PermissionDenied


def matter_list(request: HttpRequest) -> HttpResponse:
    _require_compliance(request)
    matters = ComplianceMatterFilter(
        request.GET or None,
        queryset=ComplianceMatter.objects.visible_to(request.user).prefetch_related(
            Prefetch("states", queryset=StateParty.objects.in_name_order())
        ),
    )
    return list_page(
        request,
        "activities/matter_list.html",
        matters,
        table=COMPLIANCE_MATTERS,
        context={"can_edit": can_edit_records(request.user)},
    )


def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_compliance(request)
    matter = get_object_or_404(
        ComplianceMatter.objects.visible_to(request.user).prefetch_related(
            Prefetch("states", queryset=StateParty.objects.in_name_order())
        ),
        pk=pk,
    )
    engagements = (
        Activity.objects.visible_to(request.user)
        .filter(compliance_matter=matter)
        .with_links()
        .order_by("date", "pk")
    )
    context = {
        "matter": matter,
        "engagements": engagements,
        "can_edit": can_edit_records(request.user),
    }
    return render(request, "activities/matter_detail.html", context)


@staff_required
def matter_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    matter = get_object_or_404(ComplianceMatter, pk=pk) if pk else ComplianceMatter()
    form = ComplianceMatterForm(request.POST or None, instance=matter)
    if request.method == "POST" and form.is_valid():
        services.save_compliance_matter(form.instance, form.cleaned_data["states"])
        messages.success(request, _("The compliance matter was saved."))
        return redirect(form.instance)
    title = _("Edit compliance matter") if pk else _("New compliance matter")
    return form_page(request, form, title, reverse("activities:matter_list"))
