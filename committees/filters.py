import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_edit_records, committee_ids_for
from common.lookups import any_contains
from common.params import YearFilter
from common.rendering import FilterSet
from states_parties.filters import SortFilter

from .models import Committee, Meeting


def visible_committees(request):
    if request is None or can_edit_records(request.user):
        return Committee.objects.all()
    return Committee.objects.filter(pk__in=committee_ids_for(request.user))


class MeetingFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.MultipleChoiceFilter(
        choices=Meeting.Kind.choices, label=_("Kind"), widget=forms.CheckboxSelectMultiple
    )
    committee = django_filters.ModelChoiceFilter(
        queryset=visible_committees, label=_("Committee"), empty_label=_("Any committee")
    )
    year = YearFilter(field_name="start_date", lookup_expr="year")
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        method="filter_when",
        label=_("When"),
        empty_label=_("Any time"),
    )
    sort = SortFilter(
        state_names={"president_state": "president_state__"},
        fields=(
            ("start_date", "dates"),
            ("kind", "kind"),
            ("committee__code", "committee"),
            ("venue", "venue"),
            ("president_state", "president"),
        ),
    )

    class Meta:
        model = Meeting
        fields = ["q", "kind", "committee", "year", "when"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(any_contains(["title", "venue", "notes"], value))

    def filter_when(self, queryset, name, value):
        today = timezone.localdate()
        if value == "upcoming":
            return queryset.filter(end_date__gte=today).order_by("start_date")
        if value == "past":
            return queryset.filter(end_date__lt=today)
        return queryset
