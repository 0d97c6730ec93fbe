"""Who reads and writes the extension process: the Committee on Article 5 Implementation's
workspace (ISU staff, and the Committee's chair and members); ISU staff write; the Chair
approves the analysis and draft decision. Decisions themselves are public on each State's
page (``states_parties``), as the States Parties publish them."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied

from accounts.permissions import can_approve_for, can_see_committee_workspace
from committees.models import Committee

#: The committee whose workspace this is.
COMMITTEE_CODE = "CA5"


def article5_committee_id() -> int | None:
    return Committee.objects.filter(code=COMMITTEE_CODE).values_list("pk", flat=True).first()


def can_read(user: Any) -> bool:
    committee_id = article5_committee_id()
    return can_see_committee_workspace(user, committee_id) if committee_id else False


def can_approve(user: Any) -> bool:
    committee_id = article5_committee_id()
    return bool(committee_id) and can_approve_for(user, committee_id)


def workspace_required(view):
    """Refuse (403) everyone but ISU staff and the Committee's chair and members."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_read(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
