"""Who may do what: the one place that answers it for pages, documents, exports, files and the API.

Views ask these helpers; they never test roles themselves. Records with a visibility level are
scoped by ``record_access(user)``: ``visibility_q`` and ``VisibilityQuerySet.visible_to``
(querysets) and ``can_see`` (one record) all read it, so they follow the one table below.

=================  =========  ========  ===============================  =========
level              anonymous  observer  committee chair or member        ISU staff
=================  =========  ========  ===============================  =========
public             no         yes       yes                              yes
States Parties     no         no        yes                              yes
internal           no         no        of their own committees          yes
confidential       no         no        of their own committee, if it    yes
                                        is the Committee on Cooperative
                                        Compliance (compliance matters)
=================  =========  ========  ===============================  =========

A record of no committee at the internal or confidential level is for ISU staff only.

Anonymous visitors see nothing but the login pages and the health check
(``LoginRequiredMiddleware``). Only ISU staff change records.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from common.visibility import COMPLIANCE_COMMITTEE_CODE, RecordAccess, Visibility

CHAIR = "chair"
MEMBER = "member"


# --- roles --------------------------------------------------------------------------------------


def is_isu_staff(user: Any) -> bool:
    return bool(getattr(user, "is_isu_staff", False))


def can_edit_records(user: Any) -> bool:
    """ISU staff keep the record; everyone else reads."""
    return is_isu_staff(user)


def committee_roles(user: Any) -> dict[int, str]:
    """``{committee id: "chair" | "member"}`` for the committees the user sits on today.

    Computed once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return {}
    cached = getattr(user, "_committee_roles", None)
    if cached is None:
        from committees.access import committee_roles_for

        cached = committee_roles_for(user, timezone.localdate())
        user._committee_roles = cached
    return cached


def committee_ids_for(user: Any) -> set[int]:
    return set(committee_roles(user))


def is_committee_chair(user: Any) -> bool:
    return CHAIR in committee_roles(user).values()


def sits_on_a_committee(user: Any) -> bool:
    """A representative of a State Party on a committee (chair or member), today."""
    return bool(committee_roles(user))


def role_label(user: Any) -> str:
    """What the user is, as the header names it: "ISU staff", "Committee chair", "Committee
    member" or "Observer" (a committee account without a seat today is still a member's)."""
    from django.utils.translation import gettext

    if is_isu_staff(user):
        return gettext("ISU staff")
    if getattr(user, "is_observer", True):
        return gettext("Observer")
    return gettext("Committee chair") if is_committee_chair(user) else gettext("Committee member")


def is_states_parties_reader(user: Any) -> bool:
    """ISU staff, and committee users: the people who read what is for States Parties only.

    A committee account whose term has ended keeps this role until staff change it: the role,
    not today's seat, says that the person represents a State Party."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return is_isu_staff(user) or not getattr(user, "is_observer", True)


def requires_second_factor(user: Any) -> bool:
    """ISU staff and committee chairs must confirm a TOTP code; anyone who enrolled a device
    too (a device that is not asked for protects nothing)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_isu_staff(user) or getattr(user, "is_staff", False) or is_committee_chair(user):
        return True
    from django_otp import user_has_device

    return user_has_device(user)


# --- record visibility --------------------------------------------------------------------------


def record_access(user: Any) -> RecordAccess:
    """What ``user`` may read of records with a visibility level, as data (see the table
    above). Computed once per request and kept on the user object."""
    cached = getattr(user, "_record_access", None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        access = RecordAccess()
    elif is_isu_staff(user):
        access = RecordAccess(everything=True)
    elif not is_states_parties_reader(user):
        access = RecordAccess(everywhere=frozenset({Visibility.PUBLIC}))
    else:
        own = committee_ids_for(user)
        compliance: set[int] = set()
        if own:
            from committees.models import Committee

            compliance = set(
                Committee.objects.filter(pk__in=own, code=COMPLIANCE_COMMITTEE_CODE).values_list(
                    "pk", flat=True
                )
            )
        access = RecordAccess(
            everywhere=frozenset({Visibility.PUBLIC, Visibility.STATES_PARTIES}),
            internal_of=frozenset(own),
            confidential_of=frozenset(compliance),
        )
    if getattr(user, "is_authenticated", False):
        user._record_access = access
    return access


def can_see(user: Any, visibility: str, committee_id: int | None = None) -> bool:
    """May ``user`` read a record of this level (belonging to this committee, if any)?"""
    return record_access(user).can_read(committee_id, visibility)


def visibility_q(
    user: Any, *, visibility_field: str = "visibility", committee_field: str | None = None
) -> Q:
    """The records ``user`` may read, as a filter: the queryset form of ``can_see``."""
    return record_access(user).q(committee_field=committee_field, level_field=visibility_field)


def can_read_record(user: Any, committee_id: int | None, level: str) -> bool:
    return can_see(user, level, committee_id)


def can_see_compliance_matters(user: Any) -> bool:
    """Compliance matters are confidential: ISU staff and the compliance committee only."""
    access = record_access(user)
    return access.everything or bool(access.confidential_of)


def can_see_contacts(user: Any) -> bool:
    """National contacts are for States Parties only: ISU staff and committee members."""
    return can_see(user, Visibility.STATES_PARTIES)


def can_see_restricted_reports(user: Any) -> bool:
    """Article 7 documents marked for States Parties only: not observers."""
    return can_see(user, Visibility.STATES_PARTIES)


def can_see_committee_workspace(user: Any, committee_id: int) -> bool:
    """A committee's internal pages: ISU staff, and that committee's chair and members."""
    return can_edit_records(user) or committee_id in committee_roles(user)


def can_see_audiences(user: Any) -> bool:
    """Saved groups of States (who is overdue, who owes Article 9 measures): not observers."""
    return can_see(user, Visibility.STATES_PARTIES)


def can_approve_for(user: Any, committee_id: int) -> bool:
    """A committee's drafts are approved by its Chair, or by ISU staff on the Chair's word."""
    return can_edit_records(user) or committee_roles(user).get(committee_id) == "chair"


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
        committee_id is not None and committee_roles(user).get(committee_id) == "chair"
    )


def can_see_history(user: Any) -> bool:
    """The audit trail names people and shows every earlier value: ISU staff only."""
    return is_isu_staff(user)


# --- view decorators ----------------------------------------------------------------------------


def _require[V: Callable[..., HttpResponse]](test: Callable[[Any], bool]) -> Callable[[V], V]:
    def decorator(view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


#: Refuse (403) anyone who is not ISU staff; login is already required everywhere.
staff_required = _require(can_edit_records)
#: Refuse (403) observers: for what is for States Parties only.
states_parties_required = _require(can_see_audiences)
#: Refuse (403) anyone but ISU staff the audit trail.
history_required = _require(can_see_history)
