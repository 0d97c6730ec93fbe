"""Who may do what. Views ask these helpers; they never test roles themselves."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def can_edit_records(user: Any) -> bool:
    """ISU staff keep the record; everyone else reads."""
    return bool(getattr(user, "is_isu_staff", False))


def can_see_contacts(user: Any) -> bool:
    """National contacts are not public: ISU staff and committee members, not observers."""
    return user.is_authenticated and not getattr(user, "is_observer", True)


def staff_required[V: Callable[..., HttpResponse]](view: V) -> V:
    """Refuse (403) anyone who is not ISU staff; login is already required everywhere."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_edit_records(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]
