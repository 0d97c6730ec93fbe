"""The columns of the activities app's downloads; the importers read the same columns, so that
an export can be edited and imported back."""

from __future__ import annotations

from collections.abc import Iterable

from common.exports import Column, Table, day


def listed(items: Iterable, attribute: str) -> str:
    return ";".join(sorted(str(getattr(item, attribute)) for item in items))


def _action_references(record) -> str:
    return ";".join(action.reference for action in record.actions.all())


ACTIONS = Table(
    "actions",
    [
        Column("plan", lambda action: action.plan.code),
        Column("number", lambda action: str(action.number)),
        Column("section", lambda action: action.section),
        Column("short_title", lambda action: action.short_title),
        Column("text", lambda action: action.text),
    ],
)

ACTIVITIES = Table(
    "activities",
    [
        Column("committee", lambda activity: activity.committee.code),
        Column("date", lambda activity: day(activity.date)),
        Column("end_date", lambda activity: day(activity.end_date)),
        Column("kind", lambda activity: activity.kind),
        Column("text", lambda activity: activity.text),
        Column("states", lambda activity: listed(activity.states.all(), "iso3")),
        Column("actions", _action_references),
        Column("articles", lambda activity: listed(activity.articles.all(), "number")),
        Column("visibility", lambda activity: activity.visibility),
        Column("text_fr", lambda activity: activity.text_fr),
        Column("text_es", lambda activity: activity.text_es),
    ],
)

PRIORITIES = Table(
    "priorities",
    [
        Column("committee", lambda priority: priority.committee.code),
        Column("period", lambda priority: priority.period),
        Column("text", lambda priority: priority.text),
        Column("actions", _action_references),
        Column("articles", lambda priority: listed(priority.articles.all(), "number")),
        Column("text_fr", lambda priority: priority.text_fr),
        Column("text_es", lambda priority: priority.text_es),
    ],
)

COMPLIANCE_MATTERS = Table(
    "compliance-matters",
    [
        Column("title", lambda matter: matter.title),
        Column("kind", lambda matter: matter.kind),
        Column("states", lambda matter: ";".join(state.iso3 for state in matter.states.all())),
        Column("opened_on", lambda matter: day(matter.opened_on)),
        Column("status", lambda matter: matter.status),
        Column("closed_on", lambda matter: day(matter.closed_on)),
    ],
)
