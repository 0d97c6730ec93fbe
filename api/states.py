"""States Parties and their contacts."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reporting.models import ExpectedReport
from states_parties import services
from states_parties.filters import StatePartyFilter
from states_parties.models import (
    Article5Extension,
    Contact,
    OpenObligation,
    RetainedMines,
    StateParty,
)
from states_parties.rules import STATUS_LABELS

from .base import ServiceSerializer, ServiceViewSet, WebPageField
from .filters import ApiFilterSet
from .permissions import NotForObservers

STATUS_CHOICES = [(status.value, str(label)) for status, label in STATUS_LABELS.items()]


class RetainedMinesSerializer(serializers.ModelSerializer):
    class Meta:
        model = RetainedMines
        fields = ["year", "quantity", "source"]


class ExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article5Extension
        fields = [
            "submitted_on",
            "requested_until",
            "decision_meeting",
            "decided_on",
            "outcome",
            "granted_until",
            "notes",
        ]


class DeadlineSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    rule = serializers.CharField()
    met_on = serializers.DateField(allow_null=True)
    applies = serializers.BooleanField()
    state = serializers.ChoiceField(
        choices=[
            "not_applicable",
            "no_date",
            "met",
            "met_late",
            "superseded",
            "ceased",
            "untracked",
            "overdue",
            "open",
        ]
    )


class StatePartySerializer(ServiceSerializer):
    status = serializers.ChoiceField(choices=STATUS_CHOICES, read_only=True)
    initial_report_due = serializers.DateField(read_only=True, allow_null=True)
    stockpile_destruction_deadline = serializers.DateField(read_only=True, allow_null=True)
    clearance_original_deadline = serializers.DateField(read_only=True, allow_null=True)
    open_obligations = serializers.SerializerMethodField()
    web_url = WebPageField()

    class Meta:
        model = StateParty
        fields = [
            "iso3",
            "name",
            "name_fr",
            "name_es",
            "regional_group",
            "status",
            "signature_date",
            "instrument",
            "deposit_date",
            "entry_into_force_override",
            "entry_into_force_override_reason",
            "entry_into_force",
            "initial_report_due",
            "withdrawal_deposit_date",
            "withdrawal_suspended",
            "armed_conflict_ended_on",
            "withdrawal_effective",
            "had_stockpiles",
            "stockpile_destroyed_on",
            "stockpile_destruction_deadline",
            "has_mined_areas",
            "clearance_completed_on",
            "clearance_original_deadline",
            "clearance_deadline",
            "open_obligations",
            "notes",
            "web_url",
        ]
        read_only_fields = ["entry_into_force", "withdrawal_effective", "clearance_deadline"]

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=OpenObligation.choices))
    )
    def get_open_obligations(self, state: StateParty) -> list[str]:
        """Article 3 needs the latest figure; lists annotate it (``with_latest_retained_mines``)."""
        retained = getattr(state, "latest_retained_quantity", None)
        if retained is None and not hasattr(state, "latest_retained_quantity"):
            latest = state.retained_mines.order_by("-year").first()
            retained = latest.quantity if latest else None
        flags = [
            (OpenObligation.ARTICLE_3, bool(retained)),
            (OpenObligation.ARTICLE_4, state.article4_open),
            (OpenObligation.ARTICLE_5, state.article5_open),
        ]
        return [obligation.value for obligation, is_open in flags if is_open]

    def save_record(self, instance: StateParty, **related) -> StateParty:
        return services.save_state_party(instance)


class StatePartyDetailSerializer(StatePartySerializer):
    deadlines = serializers.SerializerMethodField()
    extensions = ExtensionSerializer(source="clearance_extensions", many=True, read_only=True)
    retained_mines = RetainedMinesSerializer(many=True, read_only=True)

    class Meta(StatePartySerializer.Meta):
        fields = [*StatePartySerializer.Meta.fields, "deadlines", "extensions", "retained_mines"]

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, state: StateParty) -> list[dict]:
        # The initial report's date of receipt, None while it is awaited, False if none is owed.
        initial = list(
            ExpectedReport.objects.filter(state=state, kind="initial").values_list(
                "received_on", flat=True
            )[:1]
        )
        deadlines = state.deadlines(initial[0] if initial else False)
        return [
            {
                "key": deadline.key,
                "label": deadline.label,
                "due": deadline.due,
                "rule": deadline.rule,
                "met_on": deadline.met_on,
                "applies": deadline.applies,
                "state": deadline.state,
            }
            for deadline in deadlines
        ]


class StateFilter(ApiFilterSet, StatePartyFilter):
    """The list page's filters (search, status, group, open obligations, sort), strict."""

    class Meta(StatePartyFilter.Meta):
        pass


class StatePartyViewSet(ServiceViewSet):
    """States (party or not, current or withdrawn) with the dates the Convention derives, their
    status today and their open obligations. ``iso3`` identifies a State."""

    lookup_field = "iso3"
    lookup_value_regex = "[A-Za-z]{3}"
    filterset_class = StateFilter

    def get_queryset(self):
        states = StateParty.objects.with_status().with_latest_retained_mines().order_by("name")
        if self.action == "retrieve":
            states = states.prefetch_related(
                Prefetch(
                    "clearance_extensions",
                    queryset=Article5Extension.objects.order_by("submitted_on"),
                ),
                Prefetch("retained_mines", queryset=RetainedMines.objects.order_by("-year")),
            )
        return states

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()

    def get_serializer_class(self):
        return StatePartyDetailSerializer if self.action == "retrieve" else StatePartySerializer

    def delete_record(self, instance: StateParty) -> None:
        services.delete_state_party(instance)


class ContactFilter(ApiFilterSet):
    state = django_filters.CharFilter(
        field_name="state__iso3", lookup_expr="iexact", label="State (ISO 3166 alpha-3)"
    )

    class Meta:
        model = Contact
        fields = ["state", "kind", "preferred_language", "active"]


class ContactSerializer(ServiceSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", queryset=StateParty.objects.all())

    class Meta:
        model = Contact
        fields = [
            "id",
            "state",
            "kind",
            "name",
            "function",
            "email",
            "preferred_language",
            "active",
            "addressed_as",
            "family_name",
            "salutation_en",
            "salutation_fr",
            "salutation_es",
            "address_en",
            "address_fr",
            "address_es",
        ]

    def save_record(self, instance: Contact, **related) -> Contact:
        return services.save_contact(instance)


class ContactViewSet(ServiceViewSet):
    """National contacts of the States: not public (ISU staff and committee members only)."""

    permission_classes = [NotForObservers]
    serializer_class = ContactSerializer
    filterset_class = ContactFilter
    queryset = Contact.objects.select_related("state").order_by("state__name", "kind", "name")

    def delete_record(self, instance: Contact) -> None:
        services.delete_contact(instance)
