import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from common.params import YearFilter
from common.rendering import FilterSet
from states_parties.filters import SortFilter
from states_parties.names import name_search

from .models import Report, ReportStatus


class ReportFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("State"))
    year = YearFilter(field_name="year_covered", label=_("Year covered"))
    status = django_filters.ChoiceFilter(
        choices=ReportStatus.choices, label=_("Status"), empty_label=_("Any status")
    )
    flagged = django_filters.BooleanFilter(
        method="filter_flagged",
        label=_("Only reports flagged for the ISU"),
        widget=forms.CheckboxInput,
    )
    sort = SortFilter(
        state_names={"state": "state__"},
        fields=(("state", "state"), ("year_covered", "year"), ("submitted_at", "submitted")),
    )

    class Meta:
        model = Report
        fields = ["q", "year", "status", "flagged"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name_search(value, "state__")) if value else queryset

    def filter_flagged(self, queryset, name, value):
        return queryset.exclude(flags="") if value else queryset
