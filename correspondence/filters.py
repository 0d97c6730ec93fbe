import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from common.lookups import any_contains
from common.rendering import FilterSet
from states_parties.filters import SortFilter
from states_parties.names import name_search

from .models import Letter, MessageStatus, OutgoingMessage, ReminderRule


def _search_state(queryset, prefix: str, value: str):
    value = value.strip()
    if not value:
        return queryset
    return queryset.filter(name_search(value, prefix))


class LetterFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search title or reference"))
    status = django_filters.ChoiceFilter(
        choices=Letter.Status.choices, label=_("Status"), empty_label=_("Any status")
    )
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.all(), label=_("Committee"), empty_label=_("Any committee")
    )
    sort = SortFilter(
        fields=(
            ("pk", "reference"),
            ("title", "title"),
            ("status", "status"),
            ("sent_at", "sent"),
            ("recipient_count", "states"),
            ("reply_due", "reply_due"),
        )
    )

    class Meta:
        model = Letter
        fields = ["q", "status", "committee"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        number = value.rsplit("/", 1)[-1]
        condition = any_contains(["title", "subject_en", "subject_fr", "subject_es"], value)
        if number.isdigit():
            condition |= Q(pk=int(number))
        return queryset.filter(condition)


class AwaitingFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("State"))
    committee = django_filters.ModelChoiceFilter(
        field_name="letter__committee",
        queryset=Committee.objects.all(),
        label=_("Committee"),
        empty_label=_("Any committee"),
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Only past the reply date"), widget=forms.CheckboxInput
    )
    sort = SortFilter(
        state_names={"state": "state__"},
        fields=(
            ("state", "state"),
            ("letter__pk", "letter"),
            ("letter__sent_at", "sent"),
            ("letter__reply_due", "reply_due"),
        ),
    )

    def search(self, queryset, name, value):
        return _search_state(queryset, "state__", value)

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(letter__reply_due__lt=timezone.localdate()) if value else queryset


class MessageFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("State or address"))
    status = django_filters.ChoiceFilter(
        choices=MessageStatus.choices, label=_("Status"), empty_label=_("Any status")
    )
    kind = django_filters.ChoiceFilter(
        choices=OutgoingMessage.Kind.choices, label=_("Kind"), empty_label=_("Any kind")
    )
    rule = django_filters.ModelChoiceFilter(
        queryset=ReminderRule.objects.all(), label=_("Rule"), empty_label=_("Any rule")
    )
    sort = SortFilter(
        state_names={"state": "state__"},
        fields=(
            ("pk", "number"),
            ("state", "to"),
            ("subject", "subject"),
            ("status", "status"),
            ("attempts", "attempts"),
        ),
    )

    class Meta:
        model = OutgoingMessage
        fields = ["q", "status", "kind", "rule"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            name_search(value, "state__") | any_contains(["to_address", "contact__email"], value)
        )


class UpcomingFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("State"))
    rule = django_filters.ModelChoiceFilter(
        queryset=ReminderRule.objects.all(), label=_("Rule"), empty_label=_("Any rule")
    )
    until = django_filters.DateFilter(
        field_name="send_at__date",
        lookup_expr="lte",
        label=_("Planned until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = SortFilter(
        state_names={"state": "state__"},
        fields=(
            ("next_attempt_at", "planned"),
            ("state", "state"),
            ("anchor_date", "anchor"),
        ),
    )

    class Meta:
        model = OutgoingMessage
        fields = ["q", "rule", "until"]

    def search(self, queryset, name, value):
        return _search_state(queryset, "state__", value)
