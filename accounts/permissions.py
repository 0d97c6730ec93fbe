"""Who may do what: the one place views ask, for pages, documents, exports, files and the API.

Views ask these helpers; they never test roles themselves. The roles and the visibility rule
that every layer needs (``record_access``, ``can_see``, ``committee_roles``, the decorators) live
in ``common.access``, with the table of who reads which level, and are re-exported here so that
views import everything from one module.
"""

from __future__ import annotations

from typing import Any

from common.access import (
    CHAIR,
    MEMBER,
    can_edit_records,
    can_see,
    can_see_history,
    committee_ids_for,
    committee_roles,
    history_required,
    is_isu_staff,
    is_reporter,
    is_states_parties_reader,
    record_access,
    require,
    staff_required,
)
from common.visibility import Visibility

__all__ = [
    "CHAIR",
    "MEMBER",
    "can_approve_for",
    "can_approve_letter",
    "can_edit_records",
    "can_read_correspondence",
    "can_read_letter",
    "can_see",
    "can_see_audiences",
    "can_see_committee_workspace",
    "can_see_compliance_matters",
    "can_see_contacts",
    "can_see_history",
    "committee_ids_for",
    "committee_roles",
    "history_required",
    "is_committee_chair",
    "is_isu_staff",
    "is_reporter",
    "is_states_parties_reader",
    "record_access",
    "requires_second_factor",
    "staff_required",
    "states_parties_required",
]


# --- roles --------------------------------------------------------------------------------------


def is_committee_chair(user: Any) -> bool:
    return CHAIR in committee_roles(user).values()


def role_label(user: Any) -> str:
    """What the user is, as the header names it: "ISU staff", "Committee chair", "Committee
    member" or "Observer" (a committee account without a seat today is still a member's)."""
    from django.utils.translation import gettext

    if is_isu_staff(user):
        return gettext("ISU staff")
    if is_reporter(user):
        return gettext("National reporter")
    if getattr(user, "is_observer", True):
        return gettext("Observer")
    return gettext("Committee chair") if is_committee_chair(user) else gettext("Committee member")


def requires_second_factor(user: Any) -> bool:
    """ISU staff, committee chairs and States' national reporters must confirm a TOTP code;
    anyone who enrolled a device too (a device that is not asked for protects nothing)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_isu_staff(user) or getattr(user, "is_staff", False) or is_reporter(user):
        return True
    if is_committee_chair(user):
        return True
    from django_otp import user_has_device

    return user_has_device(user)


# --- what a page shows --------------------------------------------------------------------------


def can_see_compliance_matters(user: Any) -> bool:
    """Compliance matters are confidential: ISU staff and the compliance committee only."""
    access = record_access(user)
    return access.everything or bool(access.confidential_of)


def can_see_contacts(user: Any) -> bool:
    """National contacts are for States Parties only: ISU staff and committee members."""
    return can_see(user, Visibility.STATES_PARTIES)


def can_see_committee_workspace(user: Any, committee_id: int) -> bool:
    """A committee's internal pages: ISU staff, and that committee's chair and members."""
    return can_edit_records(user) or committee_id in committee_roles(user)


def can_see_audiences(user: Any) -> bool:
    """Saved groups of States (who is overdue, who owes Article 9 measures): not observers."""
    return can_see(user, Visibility.STATES_PARTIES)


def can_approve_for(user: Any, committee_id: int) -> bool:
    """A committee's drafts are approved by its Chair, or by ISU staff on the Chair's word."""
    return can_edit_records(user) or committee_roles(user).get(committee_id) == CHAIR


def can_read_correspondence(user: Any) -> bool:
    """Letters are internal records: ISU staff and committee members (each reads the letters
    of their own committees), never observers."""
    return can_see_contacts(user)


def can_read_letter(user: Any, committee_id: int | None) -> bool:
    """One letter: ISU staff, and the members of the committee that sent it."""
    return can_edit_records(user) or (
        committee_id is not None and committee_id in committee_roles(user)
    )


def can_approve_letter(user: Any, committee_id: int | None) -> bool:
    """A draft is approved by ISU staff or by the chair of the sending committee."""
    return can_edit_records(user) or (
        committee_id is not None and committee_roles(user).get(committee_id) == CHAIR
    )


# --- view decorators ----------------------------------------------------------------------------

#: Refuse (403) observers: for what is for States Parties only.
states_parties_required = require(can_see_audiences)
