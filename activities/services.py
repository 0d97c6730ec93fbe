"""Writes to action plans, activities, priorities and compliance matters. Forms and imports
call these; each validates the whole record before saving it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max

from common.services import delete_unreferenced, move_within
from states_parties.models import StateParty

from .models import Action, ActionPlan, Activity, Article, ComplianceMatter, Priority


@transaction.atomic
def save_action_plan(plan: ActionPlan) -> ActionPlan:
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def save_action(action: Action) -> Action:
    action.full_clean()
    action.save()
    return action


def delete_action(action: Action) -> None:
    delete_unreferenced(action)


@transaction.atomic
def save_activity(
    activity: Activity,
    *,
    states: Iterable[StateParty] | None = None,
    actions: Iterable[Action] | None = None,
    articles: Iterable[Article] | None = None,
    user: Any = None,
) -> Activity:
    """Save an activity with its links; an engagement on a compliance matter must be a
    confidential activity of the Committee on Cooperative Compliance."""
    activity.full_clean()
    if activity.pk is None and user is not None and getattr(user, "pk", None):
        activity.created_by = user
    activity.save()
    if states is not None:
        activity.states.set(states)
    if actions is not None:
        activity.actions.set(actions)
    if articles is not None:
        activity.articles.set(articles)
    return activity


def delete_activity(activity: Activity) -> None:
    """Refused while a document paragraph was drawn from it."""
    delete_unreferenced(activity)


@transaction.atomic
def save_priority(
    priority: Priority,
    *,
    actions: Iterable[Action] | None = None,
    articles: Iterable[Article] | None = None,
) -> Priority:
    """A new priority goes at the end of its committee's list for the period."""
    priority.full_clean()
    if priority.pk is None and not priority.position:
        last = Priority.objects.filter(
            committee=priority.committee_id, period=priority.period
        ).aggregate(last=Max("position"))["last"]
        priority.position = (last or 0) + 1
    priority.save()
    if actions is not None:
        priority.actions.set(actions)
    if articles is not None:
        priority.articles.set(articles)
    return priority


@transaction.atomic
def move_priority(priority: Priority, offset: int) -> None:
    """Move a priority up (-1) or down (+1) among its committee's priorities for the period."""
    siblings = list(
        Priority.objects.filter(committee=priority.committee_id, period=priority.period)
        .select_for_update()
        .order_by("position", "pk")
    )
    move_within(siblings, priority, offset)


def delete_priority(priority: Priority) -> None:
    delete_unreferenced(priority)


@transaction.atomic
def save_compliance_matter(
    matter: ComplianceMatter, states: Iterable[StateParty] | None = None
) -> ComplianceMatter:
    matter.full_clean()
    matter.save()
    if states is not None:
        matter.states.set(states)
    return matter


def delete_compliance_matter(matter: ComplianceMatter) -> None:
    """Refused while engagements are recorded on it."""
    delete_unreferenced(matter)
