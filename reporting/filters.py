import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from common.params import YearFilter
from common.rendering import FilterSet
from states_parties.filters import SortFilter
from states_parties.models import OpenObligation, RegionalGroup, StateParty
from states_parties.names import name_search

from .models import ReportKind, Submission


class StateSearchMixin(FilterSet):
    class Meta:
        model = StateParty
        fields: list[str] = []

    q = django_filters.CharFilter(method="search", label=_("Search by name or ISO code"))
    regional_group = django_filters.ChoiceFilter(
        choices=RegionalGroup.choices, label=_("Regional group"), empty_label=_("Any group")
    )

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(name_search(value))


class OverdueFilter(StateSearchMixin):
    open_obligation = django_filters.MultipleChoiceFilter(
        choices=OpenObligation.choices,
        method="filter_open_obligations",
        label=_("Open obligations"),
        widget=forms.CheckboxSelectMultiple,
    )
    sort = SortFilter(
        state_names={"name": ""},
        fields=(("name", "name"), ("consecutive_missing", "missed")),
    )

    def filter_open_obligations(self, queryset, name, value):
        return queryset.with_open_obligations(value) if value else queryset


class Article9Filter(StateSearchMixin):
    sort = SortFilter(
        state_names={"name": ""},
        fields=(("name", "name"), ("article9_status", "status"), ("article9_as_of", "as_of")),
    )


class GridFilter(StateSearchMixin):
    only_overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label=_("Only States with an overdue report"),
        widget=forms.CheckboxInput,
    )

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_count__gt=0) if value else queryset


class SubmissionFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("State"))
    kind = django_filters.ChoiceFilter(
        choices=ReportKind.choices, label=_("Kind"), empty_label=_("Any kind")
    )
    year = YearFilter(label=_("Year covered"))
    late = django_filters.BooleanFilter(
        method="filter_late", label=_("Only late reports"), widget=forms.CheckboxInput
    )

    unacknowledged = django_filters.BooleanFilter(
        method="filter_unacknowledged",
        label=_("Only reports not yet acknowledged"),
        widget=forms.CheckboxInput,
    )
    sort = SortFilter(
        state_names={"state": "state__"},
        fields=(
            ("state", "state"),
            ("year", "report"),
            ("received_on", "received"),
            ("due_date", "due"),
        ),
    )

    class Meta:
        model = Submission
        fields = ["q", "kind", "year", "late", "unacknowledged"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(name_search(value, "state__"))

    def filter_late(self, queryset, name, value):
        return queryset.filter(received_late=True) if value else queryset

    def filter_unacknowledged(self, queryset, name, value):
        return queryset.filter(acknowledged_on__isnull=True) if value else queryset
