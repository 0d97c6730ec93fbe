"""The Meeting's decision and what it asks of the State; a State's page (requests, completion,
previously unknown areas, progress against the plan)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_records, staff_required
from common.views import apply_service, form_page
from states_parties.models import StateParty

from .. import progress, services
from ..access import workspace_required
from ..forms import (
    CompletionForm,
    DecisionForm,
    PreviouslyUnknownAreaForm,
    ProgressFigureForm,
    RequirementForm,
)
from ..models import Decision, DecisionRequirement
from .requests import _request


@staff_required
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the Meeting's decision; the State's deadline and reminders follow."""
    extension_request = _request(pk)
    decision = getattr(extension_request, "decision", None) or Decision()
    form = DecisionForm(request.POST or None, instance=decision, parent=extension_request)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(form, lambda: services.record_decision(form.instance))
    ):
        messages.success(request, _("The decision was recorded; the State's record follows."))
        return redirect(extension_request)
    return form_page(
        request,
        form,
        _("Decision: %(request)s") % {"request": extension_request},
        extension_request.get_absolute_url(),
    )


@staff_required
def requirement_edit(request: HttpRequest, pk: int, line: int | None = None) -> HttpResponse:
    extension_request = _request(pk)
    decision = getattr(extension_request, "decision", None)
    if decision is None:
        messages.error(request, _("Record the decision first."))
        return redirect(extension_request)
    requirement = (
        get_object_or_404(DecisionRequirement, pk=line, decision=decision)
        if line
        else DecisionRequirement()
    )
    form = RequirementForm(request.POST or None, instance=requirement, parent=decision)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(form, lambda: services.save_requirement(form.instance))
    ):
        messages.success(request, _("Saved."))
        return redirect(extension_request)
    return form_page(
        request,
        form,
        _("What the decision asks of %(state)s") % {"state": extension_request.state},
        extension_request.get_absolute_url(),
    )


def _state(iso3: str) -> StateParty:
    return get_object_or_404(StateParty, iso3=iso3.upper())


@workspace_required
def state_page(request: HttpRequest, iso3: str) -> HttpResponse:
    """A State's requests, decisions, completion, previously unknown areas and its progress
    against its latest work plan."""
    state = _state(iso3)
    context = {
        "state": state,
        "requests": list(
            state.extension_requests.select_related("meeting", "decision").order_by(
                "-meeting__start_date"
            )
        ),
        "completions": list(state.completion_declarations.select_related("meeting")),
        "unknown_areas": list(state.previously_unknown_areas.select_related("meeting")),
        "progress": progress.progress_of(state),
        "can_edit": can_edit_records(request.user),
    }
    return render(request, "extensions/state_detail.html", context)


def _state_form(request: HttpRequest, iso3: str, form_class, save, title: str) -> HttpResponse:
    state = _state(iso3)
    form = form_class(request.POST or None, parent=state)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(form, lambda: save(form.instance))
    ):
        messages.success(request, _("Saved."))
        return redirect("extensions:state", iso3=state.iso3)
    return form_page(
        request,
        form,
        title % {"state": state},
        f"/extensions/states/{state.iso3}/",
    )


@staff_required
def completion_create(request: HttpRequest, iso3: str) -> HttpResponse:
    return _state_form(
        request,
        iso3,
        CompletionForm,
        services.declare_completion,
        _("Declaration of completion: %(state)s"),
    )


@staff_required
def unknown_area_create(request: HttpRequest, iso3: str) -> HttpResponse:
    return _state_form(
        request,
        iso3,
        PreviouslyUnknownAreaForm,
        services.record_previously_unknown,
        _("Previously unknown mined areas: %(state)s"),
    )


@staff_required
def progress_create(request: HttpRequest, iso3: str) -> HttpResponse:
    return _state_form(
        request,
        iso3,
        ProgressFigureForm,
        services.save_progress,
        _("Area released in a year: %(state)s"),
    )
