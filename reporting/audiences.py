"""Who an audience is, on a given day."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from states_parties.models import StateParty

from . import compliance
from .models import Audience


def members(audience: Audience, today: date | None = None):
    """The States an audience addresses today, as a queryset ordered by name."""
    today = today or timezone.localdate()
    query = audience.query
    if query == Audience.Query.ALL_BOUND:
        return StateParty.objects.bound_on(today).in_name_order()
    if query == Audience.Query.OVERDUE:
        return compliance.overdue_states(today, min_consecutive=audience.minimum_reports)
    if query == Audience.Query.MISSING_WITH_OBLIGATIONS:
        return compliance.missing_with_obligations(today, min_consecutive=audience.minimum_reports)
    if query == Audience.Query.ARTICLE9_OUTSTANDING:
        return compliance.article9_outstanding(today)
    if query == Audience.Query.CLEARANCE_DEADLINE_WITHIN:
        deadlines = compliance.clearance_deadlines_within(
            today, today + relativedelta(months=audience.months)
        )
        return StateParty.objects.filter(pk__in=[state.pk for state in deadlines]).in_name_order()
    if query == Audience.Query.HAND_PICKED:
        return audience.states.in_name_order()
    raise ValueError(query)
