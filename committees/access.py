"""Which committees a user sits on, derived from the record: a representative of a serving
member, the Chair if that member holds the Chair this year, and the President of the
Convention for the committee the President chairs. Registered with ``common.access`` at start-up
(``CommitteesConfig.ready()``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Prefetch

from common.access import CHAIR, MEMBER
from common.visibility import COMPLIANCE_COMMITTEE_CODE

from .calendar import FormalCalendar
from .models import Committee, Office, SeatTerm


def committee_roles_for(user: Any, on: date) -> dict[int, str]:
    """``{committee id: "chair" | "member"}`` for the committees ``user`` sits on, ``on``."""
    calendar = FormalCalendar()
    year = calendar.committee_year(on)
    terms = (
        SeatTerm.objects.serving_on(on)
        .filter(representatives__user=user)
        .prefetch_related(
            Prefetch(
                "offices",
                queryset=Office.objects.filter(year=year, kind=Office.Kind.CHAIR),
                to_attr="chair_offices",
            )
        )
        .distinct()
    )
    roles = {term.committee_id: CHAIR if term.chair_offices else MEMBER for term in terms}
    presidency = calendar.presidency_on(on)
    if presidency is not None and presidency.president_user_id == user.pk:
        for committee_id in Committee.objects.filter(
            chair_rule=Committee.ChairRule.PRESIDENT
        ).values_list("pk", flat=True):
            roles[committee_id] = CHAIR
    return roles


def compliance_committees_among(committee_ids: Iterable[int]) -> set[int]:
    """Which of these committees is the Committee on Cooperative Compliance."""
    return set(
        Committee.objects.filter(
            pk__in=list(committee_ids), code=COMPLIANCE_COMMITTEE_CODE
        ).values_list("pk", flat=True)
    )
