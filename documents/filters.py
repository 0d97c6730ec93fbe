import django_filters
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from common.lookups import any_contains
from common.rendering import FilterSet
from states_parties.filters import SortFilter

from .models import Document


class DocumentFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.all(),
        to_field_name="code",
        label=_("Committee"),
        empty_label=_("Any committee"),
    )
    kind = django_filters.ChoiceFilter(
        choices=Document.Kind.choices, label=_("Kind"), empty_label=_("Any kind")
    )
    status = django_filters.ChoiceFilter(
        choices=Document.Status.choices, label=_("Status"), empty_label=_("Any status")
    )
    period = django_filters.CharFilter(label=_("Period"))
    sort = SortFilter(
        fields=(
            ("symbol", "symbol"),
            ("committee__code", "committee"),
            ("date", "date"),
            ("language", "language"),
            ("status", "status"),
            ("version_count", "versions"),
        )
    )

    class Meta:
        model = Document
        fields = ["q", "committee", "kind", "status", "period"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(any_contains(["symbol", "committee__name"], value))
