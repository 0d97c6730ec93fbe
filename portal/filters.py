import django_filters
from django.utils.translation import gettext_lazy as _

from common.lookups import any_contains
from common.rendering import FilterSet
from states_parties.filters import SortFilter
from states_parties.names import name_search

from .models import Reporter


class ReporterFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search name, e-mail or State"))
    status = django_filters.ChoiceFilter(
        choices=Reporter.Status.choices, label=_("Status"), empty_label=_("Any status")
    )
    sort = SortFilter(
        state_names={"state": "state__"},
        fields=(
            ("state", "state"),
            ("user__last_name", "name"),
            ("status", "status"),
            ("invited_at", "invited"),
        ),
    )

    class Meta:
        model = Reporter
        fields = ["q", "status"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        people = any_contains(["user__first_name", "user__last_name", "user__email"], value)
        return queryset.filter(people | name_search(value, "state__"))
