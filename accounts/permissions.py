"""Who may do what. Views ask these helpers; they never test roles themselves."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone


def can_edit_records(user: Any) -> bool:
    """ISU staff keep the record; everyone else reads."""
    return bool(getattr(user, "is_isu_staff", False))


def can_see_contacts(user: Any) -> bool:
    """National contacts are not public: ISU staff and committee members, not observers."""
    return user.is_authenticated and not getattr(user, "is_observer", True)


def committee_roles(user: Any) -> dict[int, str]:
    """``{committee id: "chair" | "member"}`` for the committees the user sits on today.

    Computed once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_committee_roles", None)
    if cached is None:
        from committees.access import committee_roles_for

        cached = committee_roles_for(user, timezone.localdate())
        user._committee_roles = cached
    return cached


def committee_ids_for(user: Any) -> set[int]:
    return set(committee_roles(user))


def can_see_committee_workspace(user: Any, committee_id: int) -> bool:
    """A committee's internal pages: ISU staff, and that committee's chair and members."""
    return can_edit_records(user) or committee_id in committee_roles(user)


def staff_required[V: Callable[..., HttpResponse]](view: V) -> V:
    """Refuse (403) anyone who is not ISU staff; login is already required everywhere."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_edit_records(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]
