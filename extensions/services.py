"""Every write of the extension process. The outcome of a request is kept where the State's
record keeps it (``states_parties.Article5Extension``, through ``states_parties.services``):
the State's current Article 5 deadline, its reminders, exports, calendar feeds and public
record follow from there, by the one rule that computes the deadline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from committees.models import Committee
from common.changes import announce
from common.services import delete_unreferenced
from correspondence import services as correspondence_services
from correspondence.models import Letter
from states_parties import services as state_services
from states_parties.models import Article5Extension

from .access import COMMITTEE_CODE
from .models import (
    Analysis,
    CompletionDeclaration,
    Decision,
    DecisionRequirement,
    ExtensionRequest,
    PreviouslyUnknownArea,
    ProgressFigure,
    Question,
    RequestVersion,
)
from .signals import requirements_changed

# --- requests and versions -------------------------------------------------------------------


def _sync_outcome_record(request: ExtensionRequest) -> Article5Extension:
    """The request as the State's record shows it (submitted, deadline requested, Meeting,
    and the decision once taken), saved through the service that moves the State's deadline."""
    record = request.outcome_record or Article5Extension(state=request.state)
    record.state = request.state
    record.submitted_on = request.received_on
    record.requested_until = request.requested_until
    record.decision_meeting = request.meeting.short_name
    decision = getattr(request, "decision", None) if request.pk else None
    if decision is not None and decision.pk:
        record.decided_on = decision.decided_on
        outcome = Article5Extension.Outcome
        record.outcome = outcome.GRANTED if decision.granted else outcome.REFUSED
        record.granted_until = decision.new_deadline if decision.granted else None
    else:
        record.decided_on = None
        record.outcome = Article5Extension.Outcome.PENDING
        record.granted_until = None
    record.full_clean()
    return state_services.save_extension(record)


@transaction.atomic
def receive_request(request: ExtensionRequest, version: RequestVersion) -> ExtensionRequest:
    """A new request and its initial version. The deadline it would replace is the State's
    current one (as its record keeps it)."""
    request.deadline_at_request = request.state.clearance_deadline
    request.save()
    request.outcome_record = _sync_outcome_record(request)
    request.save(update_fields=["outcome_record"])
    version.request = request
    version.kind = RequestVersion.Kind.INITIAL
    add_version(version)
    return request


@transaction.atomic
def save_request(request: ExtensionRequest) -> ExtensionRequest:
    """Edit a request; the State's record follows."""
    request.save()
    request.outcome_record = _sync_outcome_record(request)
    request.save(update_fields=["outcome_record"])
    return request


@transaction.atomic
def add_version(version: RequestVersion) -> RequestVersion:
    """The next version of the request (the first is the initial one, later ones revised)."""
    ExtensionRequest.objects.select_for_update().filter(pk=version.request_id).first()
    last = version.request.versions.aggregate(last=Max("number"))["last"] or 0
    version.number = last + 1
    version.kind = RequestVersion.Kind.INITIAL if last == 0 else RequestVersion.Kind.REVISED
    version.save()
    return version


@transaction.atomic
def save_version(version: RequestVersion) -> RequestVersion:
    version.save()
    return version


@transaction.atomic
def save_content(record: Any) -> Any:
    """A line of a version's content (hazardous area, work plan year, funding source)."""
    record.save()
    return record


def delete_content(record: Any) -> None:
    delete_unreferenced(record)


# --- the dialogue and the analysis -------------------------------------------------------------


@transaction.atomic
def ask_question(
    request: ExtensionRequest, *, title: str, body: str, reply_due: date | None, user
) -> Question:
    """A draft letter of the Committee to the State with the questions; it is approved and
    sent on the correspondence pages, where the State's reply is recorded."""
    committee = Committee.objects.get(code=COMMITTEE_CODE)
    letter = correspondence_services.save_letter(
        Letter(
            title=title,
            committee=committee,
            addressees=Letter.Addressees.HAND_PICKED,
            subject_en=title,
            body_en=body,
            reply_due=reply_due,
        ),
        [request.state],
        user,
    )
    question = Question(request=request, letter=letter)
    question.save()
    return question


@transaction.atomic
def save_analysis(analysis: Analysis) -> Analysis:
    """An edited analysis goes back to draft: the Chair approves what is there."""
    analysis.status = Analysis.Status.DRAFT
    analysis.approved_by = None
    analysis.approved_on = None
    analysis.save()
    return analysis


@transaction.atomic
def approve_analysis(analysis: Analysis, user, today: date) -> Analysis:
    """The Chair approves the analysis and draft decision (the caller checked who may)."""
    if analysis.status == Analysis.Status.APPROVED:
        raise ValidationError(_("The analysis is already approved."))
    analysis.status = Analysis.Status.APPROVED
    analysis.approved_by = user
    analysis.approved_on = today
    analysis.save()
    return analysis


# --- the decision ---------------------------------------------------------------------------


@transaction.atomic
def record_decision(
    decision: Decision, requirements: Iterable[DecisionRequirement] = ()
) -> Decision:
    """The Meeting's decision: the State's record follows (a granted request moves its current
    Article 5 deadline; its reminders re-arm), and what it asks of the State is tracked."""
    decision.save()
    request = decision.request
    request.decision = decision
    _sync_outcome_record(request)
    for requirement in requirements:
        requirement.decision = decision
        requirement.full_clean()
        requirement.save()
    announce(requirements_changed, DecisionRequirement, states=[request.state])
    return decision


@transaction.atomic
def save_requirement(requirement: DecisionRequirement) -> DecisionRequirement:
    requirement.save()
    announce(requirements_changed, DecisionRequirement, states=[requirement.decision.request.state])
    return requirement


# --- completion, previously unknown areas, progress ----------------------------------------------


@transaction.atomic
def declare_completion(declaration: CompletionDeclaration) -> CompletionDeclaration:
    """Completion ends the State's Article 5 obligation."""
    declaration.save()
    state = declaration.state
    state.has_mined_areas = True
    state.clearance_completed_on = declaration.declared_on
    state_services.save_state_party(state)
    return declaration


@transaction.atomic
def record_previously_unknown(area: PreviouslyUnknownArea) -> PreviouslyUnknownArea:
    """Previously unknown mined areas: where the States Parties' decision reopens the
    obligation, the State is clearing again (its completion no longer holds)."""
    area.save()
    if area.reopens_obligation:
        state = area.state
        state.has_mined_areas = True
        state.clearance_completed_on = None
        state_services.save_state_party(state)
    return area


@transaction.atomic
def save_progress(figure: ProgressFigure) -> ProgressFigure:
    figure.save()
    return figure
