"""Who may read what: roles and record visibility, at the bottom of the layers.

Every app reads these rules, so they live in ``common``; ``accounts.permissions`` re-exports them
beside the page-level helpers, and views import from there. Which committees a user sits on is
known only to ``committees``, which registers it at start-up (``register_committee_directory``
from its ``AppConfig.ready()``), so that no lower app imports a higher one.

Records with a visibility level are scoped by ``record_access(user)``:
``VisibilityQuerySet.visible_to`` (querysets) and ``can_see`` (one record) both read it, so they
follow the one table below.

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

A State's national reporter (``portal``) reads none of these records: confined to the portal's
pages (``portal.middleware``), they read their own State's Article 7 reports and everyone's
published ones, through the rules of ``article7``.

Anonymous visitors see nothing but the login pages and the health check
(``LoginRequiredMiddleware``). Only ISU staff change records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from common.visibility import RecordAccess, Visibility

CHAIR = "chair"
MEMBER = "member"


# --- the committees' directory, registered at start-up ------------------------------------------


@dataclass(frozen=True)
class CommitteeDirectory:
    #: ``roles_for(user, on)``: ``{committee id: CHAIR | MEMBER}`` for the committees ``user``
    #: sits on, ``on`` that day.
    roles_for: Callable[[Any, date], dict[int, str]]
    #: ``compliance_among(ids)``: which of these committees is the Committee on Cooperative
    #: Compliance (whose members read its confidential records).
    compliance_among: Callable[[Iterable[int]], set[int]]


#: Without committees installed nobody sits on a committee.
_NO_COMMITTEES = CommitteeDirectory(
    roles_for=lambda user, on: {}, compliance_among=lambda ids: set()
)
_directory: CommitteeDirectory = _NO_COMMITTEES


def register_committee_directory(directory: CommitteeDirectory) -> None:
    """Called once by ``committees`` from ``AppConfig.ready()``."""
    global _directory
    _directory = directory


# --- roles --------------------------------------------------------------------------------------


def _is_active_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def is_isu_staff(user: Any) -> bool:
    return bool(getattr(user, "is_isu_staff", False))


def is_reporter(user: Any) -> bool:
    """A State's national reporter: reads and writes only its own State's Article 7 reports,
    through the portal's pages."""
    return bool(getattr(user, "is_reporter", False))


def can_edit_records(user: Any) -> bool:
    """ISU staff keep the record; everyone else reads."""
    return is_isu_staff(user)


def committee_roles(user: Any) -> dict[int, str]:
    """``{committee id: "chair" | "member"}`` for the committees the user sits on today.

    Computed once per request and kept on the user object."""
    if not _is_active_user(user) or is_reporter(user):
        return {}
    cached = getattr(user, "_committee_roles", None)
    if cached is None:
        cached = _directory.roles_for(user, timezone.localdate())
        user._committee_roles = cached
    return cached


def committee_ids_for(user: Any) -> set[int]:
    return set(committee_roles(user))


def is_states_parties_reader(user: Any) -> bool:
    """ISU staff, and committee users: the people who read what is for States Parties only.

    A committee account whose term has ended keeps this role until staff change it: the role,
    not today's seat, says that the person represents a State Party."""
    if not _is_active_user(user):
        return False
    if is_reporter(user):
        return False
    return is_isu_staff(user) or not getattr(user, "is_observer", True)


# --- record visibility --------------------------------------------------------------------------


def record_access(user: Any) -> RecordAccess:
    """What ``user`` may read of records with a visibility level, as data (see the table
    above). Computed once per request and kept on the user object."""
    cached = getattr(user, "_record_access", None)
    if cached is not None:
        return cached
    if not _is_active_user(user) or is_reporter(user):
        access = RecordAccess()
    elif is_isu_staff(user):
        access = RecordAccess(everything=True)
    elif not is_states_parties_reader(user):
        access = RecordAccess(everywhere=frozenset({Visibility.PUBLIC}))
    else:
        own = committee_ids_for(user)
        access = RecordAccess(
            everywhere=frozenset({Visibility.PUBLIC, Visibility.STATES_PARTIES}),
            internal_of=frozenset(own),
            confidential_of=frozenset(_directory.compliance_among(own) if own else ()),
        )
    if getattr(user, "is_authenticated", False):
        user._record_access = access
    return access


def can_see(user: Any, visibility: str, committee_id: int | None = None) -> bool:
    """May ``user`` read a record of this level (belonging to this committee, if any)?"""
    return record_access(user).can_read(committee_id, visibility)


def can_see_history(user: Any) -> bool:
    """The audit trail names people and shows every earlier value: ISU staff only."""
    return is_isu_staff(user)


# --- view decorators ----------------------------------------------------------------------------


def require[V: Callable[..., HttpResponse]](test: Callable[[Any], bool]) -> Callable[[V], V]:
    """A view decorator refusing (403) the users for whom ``test(user)`` is false."""

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


#: Refuse (403) anyone who is not ISU staff; login is already required everywhere.
staff_required = require(can_edit_records)
#: Refuse (403) anyone but ISU staff the audit trail.
history_required = require(can_see_history)
