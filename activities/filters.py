import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from common.lookups import any_contains, contains
from common.rendering import FilterSet
from common.visibility import Visibility
from states_parties.filters import SortFilter
from states_parties.models import StateParty
from states_parties.names import name_search

from .models import Action, Activity, Article, ComplianceMatter, Priority


def _states(request):
    return StateParty.objects.in_name_order()


def _actions(request):
    return Action.objects.select_related("plan").order_by("-plan__start_year", "number")


class ActivityFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.all(),
        field_name="committee",
        to_field_name="code",
        label=_("Committee"),
        empty_label=_("Any committee"),
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=Activity.Kind.choices, label=_("Kind"), widget=forms.CheckboxSelectMultiple
    )
    visibility = django_filters.ChoiceFilter(
        choices=Visibility.choices, label=_("Visibility"), empty_label=_("Any")
    )
    state = django_filters.ModelChoiceFilter(
        queryset=_states,
        field_name="states",
        to_field_name="iso3",
        label=_("State Party"),
        empty_label=_("Any State"),
    )
    article = django_filters.ModelChoiceFilter(
        queryset=Article.objects.all(),
        field_name="articles",
        to_field_name="number",
        label=_("Article"),
        empty_label=_("Any article"),
    )
    action = django_filters.ModelChoiceFilter(
        queryset=_actions, field_name="actions", label=_("Action"), empty_label=_("Any action")
    )
    after = django_filters.DateFilter(
        field_name="date",
        lookup_expr="gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    before = django_filters.DateFilter(
        field_name="date",
        lookup_expr="lte",
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = SortFilter(
        fields=(
            ("date", "date"),
            ("committee__code", "committee"),
            ("kind", "kind"),
            ("visibility", "visibility"),
        )
    )

    class Meta:
        model = Activity
        fields = ["q", "committee", "kind", "visibility", "state", "article", "action"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(contains("text", value)) if value else queryset

    def filter_queryset(self, queryset):
        # Filtering on a many-to-many link could repeat an activity.
        return super().filter_queryset(queryset).distinct()


class PriorityFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.all(),
        to_field_name="code",
        label=_("Committee"),
        empty_label=_("Any committee"),
    )
    period = django_filters.CharFilter(label=_("Period"))
    article = django_filters.ModelChoiceFilter(
        queryset=Article.objects.all(),
        field_name="articles",
        to_field_name="number",
        label=_("Article"),
        empty_label=_("Any article"),
    )
    # The committees in their usual order, as the list is by default.
    sort = SortFilter(fields=(("committee__display_order", "committee"), ("period", "period")))

    class Meta:
        model = Priority
        fields = ["q", "committee", "period", "article"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(contains("text", value)) if value else queryset


class ComplianceMatterFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(
        choices=ComplianceMatter.Status.choices, label=_("Status"), empty_label=_("Any status")
    )
    kind = django_filters.ChoiceFilter(
        choices=ComplianceMatter.Kind.choices, label=_("Kind"), empty_label=_("Any kind")
    )

    class Meta:
        model = ComplianceMatter
        fields = ["q", "status", "kind"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            any_contains(["title", "summary"], value) | name_search(value, "states__")
        ).distinct()
