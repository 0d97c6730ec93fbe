"""Who may read and write online Article 7 reports.

ISU staff read every report and write every draft. Everyone signed in reads the published
ones. Apps above this one add readers and writers at start-up, from their
``AppConfig.ready()``: the portal registers "an active reporter of the report's State" in
``writer_checks`` and the matching filter in ``visibility_filters``, so that
``Report.objects.visible_to(reporter)`` is their State's reports plus every published one,
without this app knowing what a reporter is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from common.access import is_isu_staff

if TYPE_CHECKING:
    from .models import Report

#: ``check(user, report) -> bool``: may ``user`` write this (draft) report?
WriterCheck = Callable[[Any, "Report"], bool]
#: ``filter(user) -> Q | None``: the reports ``user`` reads besides the published ones.
VisibilityFilter = Callable[[Any], "Q | None"]

writer_checks: list[WriterCheck] = []
visibility_filters: list[VisibilityFilter] = []
#: ``role(user) -> bool``: does ``user`` write the reports of some State (a reporter)? Lets
#: the API refuse everyone else before it reads what they sent.
writer_roles: list[Callable[[Any], bool]] = []


def register_writer_role(role: Callable[[Any], bool]) -> None:
    if role not in writer_roles:
        writer_roles.append(role)


def may_write_some(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return is_isu_staff(user) or any(role(user) for role in writer_roles)


def register_writer_check(check: WriterCheck) -> None:
    if check not in writer_checks:
        writer_checks.append(check)


def register_visibility_filter(added: VisibilityFilter) -> None:
    if added not in visibility_filters:
        visibility_filters.append(added)


def extra_visibility(user: Any) -> Q | None:
    """The registered filters for ``user`` joined with OR (``None`` when none applies)."""
    combined: Q | None = None
    for added in visibility_filters:
        condition = added(user)
        if condition is not None:
            combined = condition if combined is None else combined | condition
    return combined


def may_write(user: Any, report: Report) -> bool:
    """May ``user`` change this report's content? Only a draft changes; staff write any, and
    whoever a registered check allows (a reporter of the report's State)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return is_isu_staff(user) or any(check(user, report) for check in writer_checks)


def may_manage(user: Any) -> bool:
    """Acknowledge, return, publish, start a report on a State's behalf: ISU staff."""
    return is_isu_staff(user)
