import django_filters
from django import forms
from django.core.validators import EMPTY_VALUES
from django.utils.translation import gettext_lazy as _

from common.rendering import FilterSet

from .models import OpenObligation, RegionalGroup, StateParty
from .names import name_order, name_search
from .rules import STATUS_LABELS


class StateNameOrderingFilter(django_filters.OrderingFilter):
    """A list's ``sort`` parameter, set by its column headings (``{% sort_heading %}``).
    Sorting by a State's name follows the reader's language and its alphabetical order
    (``names.name_order``); ``state_names`` maps each such field to its path to the State
    (``""`` for the list's own States, ``"state__"`` for a related one). Rows equal on the
    column keep a stable order (by ``pk``), so that pages do not overlap. The field is a
    hidden input: the filter form keeps the sort while other filters change."""

    def __init__(self, *args, state_names: dict[str, str] | None = None, **kwargs) -> None:
        self.state_names = state_names or {}
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("label", _("Sort by"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.order_by(*[self.get_ordering_value(param) for param in value], "pk")

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field_name = self.param_map.get(param.removeprefix("-"), param.removeprefix("-"))
        if field_name in self.state_names:
            return name_order(self.state_names[field_name], descending=descending)
        return super().get_ordering_value(param)


#: The name the other lists use.
SortFilter = StateNameOrderingFilter


class StatePartyFilter(FilterSet):
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
    sort = StateNameOrderingFilter(
        state_names={"name": ""},
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
        return queryset.filter(name_search(value))

    def filter_open_obligations(self, queryset, name, value):
        return queryset.with_open_obligations(value) if value else queryset
