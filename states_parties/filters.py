import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import OpenObligation, RegionalGroup, StateParty
from .rules import STATUS_LABELS


class StatePartyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(
        choices=[(status.value, label) for status, label in STATUS_LABELS.items()],
        field_name="status_code",
        label=_("Status"),
        empty_label=_("Any status"),
    )
    regional_group = django_filters.ChoiceFilter(
        choices=RegionalGroup.choices, label=_("Regional group"), empty_label=_("Any group")
    )
    open_obligation = django_filters.MultipleChoiceFilter(
        choices=OpenObligation.choices,
        method="filter_open_obligations",
        label=_("Open obligations"),
        widget=forms.CheckboxSelectMultiple,
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("iso3", "iso3"),
            ("regional_group", "region"),
            ("deposit_date", "deposit"),
            ("entry_into_force", "entry_into_force"),
            ("status_code", "status"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = StateParty
        fields = ["q", "status", "regional_group", "open_obligation"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(iso3__iexact=value))

    def filter_open_obligations(self, queryset, name, value):
        return queryset.with_open_obligations(value) if value else queryset
