"""Committees, their composition and seat terms, and meetings."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from committees import services
from committees.composition import composition_on
from committees.models import Committee, Meeting, MemberKind, SeatTerm
from common.lookups import any_contains
from common.services import delete_unreferenced
from states_parties.models import StateParty

from .base import CreateReadDeleteViewSet, ServiceSerializer, ServiceViewSet, WebPageField
from .filters import ApiFilterSet, YearFilter


class MandateField(serializers.ListField):
    """The committee's mandate as an ordered list of texts."""

    child = serializers.CharField(max_length=2000)

    def to_representation(self, items) -> list[str]:
        return [item.text for item in items.all()]


class CommitteeSerializer(ServiceSerializer):
    mandate = MandateField(source="mandate_items", required=False)
    web_url = WebPageField()

    class Meta:
        model = Committee
        fields = [
            "code",
            "name",
            "purpose",
            "working_methods",
            "seats",
            "term_length",
            "chair_rule",
            "display_order",
            "is_standing",
            "mandate",
            "web_url",
        ]
        read_only_fields = ["is_standing"]

    service_m2m = ("mandate_items",)

    def save_record(self, instance: Committee, mandate_items=None, **related) -> Committee:
        return services.save_committee(instance, mandate_items)


class MemberSerializer(serializers.Serializer):
    iso3 = serializers.CharField(source="state.iso3")
    name = serializers.CharField(source="state.name")
    term = serializers.IntegerField(source="term.pk", allow_null=True, default=None)
    is_chair = serializers.BooleanField()
    is_gender_focal_point = serializers.BooleanField()
    year_of_term = serializers.IntegerField(allow_null=True)


class CompositionSerializer(serializers.Serializer):
    committee = serializers.CharField(source="committee.code")
    on = serializers.DateField()
    year = serializers.IntegerField(allow_null=True, help_text="The committee year of that day.")
    line = serializers.CharField(help_text="The members as documents print them.")
    members = MemberSerializer(many=True)
    vacancies = serializers.IntegerField()
    warnings = serializers.ListField(child=serializers.CharField())


class CommitteeFilter(ApiFilterSet):
    class Meta:
        model = Committee
        fields = ["is_standing", "chair_rule"]


class CommitteeViewSet(ServiceViewSet):
    """The committees; ``composition`` gives the members on a day."""

    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9_-]{1,10}"
    serializer_class = CommitteeSerializer
    queryset = Committee.objects.prefetch_related("mandate_items").order_by("display_order", "name")
    filterset_class = CommitteeFilter

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()

    @extend_schema(
        parameters=[
            OpenApiParameter("on", OpenApiTypes.DATE, description="The day (default: today).")
        ],
        responses=CompositionSerializer,
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def composition(self, request: Request, code: str, **kwargs: str) -> Response:
        committee = self.get_object()
        text = request.query_params.get("on")
        try:
            on = serializers.DateField().to_internal_value(text) if text else timezone.localdate()
        except serializers.ValidationError as error:
            raise serializers.ValidationError({"on": error.detail}) from error
        return Response(CompositionSerializer(composition_on(committee, on)).data)

    def delete_record(self, instance: Committee) -> None:
        delete_unreferenced(instance)


class MeetingFilter(ApiFilterSet):
    q = django_filters.CharFilter(method="search", label="Title, venue or notes contain")
    kind = django_filters.MultipleChoiceFilter(choices=Meeting.Kind.choices)
    committee = django_filters.CharFilter(field_name="committee__code", lookup_expr="iexact")
    year = YearFilter(field_name="start_date", lookup_expr="year")
    starts_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    starts_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Meeting
        fields = ["q", "kind", "committee", "year", "starts_after", "starts_before"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(any_contains(["title", "venue", "notes"], value))


class MeetingSerializer(ServiceSerializer):
    display_title = serializers.CharField(read_only=True)
    short_name = serializers.CharField(read_only=True)
    president_state = serializers.SlugRelatedField(
        slug_field="iso3", queryset=StateParty.objects.all(), allow_null=True, required=False
    )
    committee = serializers.SlugRelatedField(
        slug_field="code", queryset=Committee.objects.all(), allow_null=True, required=False
    )
    states = serializers.SlugRelatedField(
        slug_field="iso3", queryset=StateParty.objects.all(), many=True, required=False
    )
    web_url = WebPageField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "kind",
            "number",
            "title",
            "display_title",
            "short_name",
            "start_date",
            "end_date",
            "venue",
            "president_state",
            "president_name",
            "committee",
            "states",
            "notes",
            "web_url",
        ]

    service_m2m = ("states",)

    def save_record(self, instance: Meeting, states=None, **related) -> Meeting:
        return services.save_meeting(instance, states)


class MeetingViewSet(ServiceViewSet):
    """Meetings: formal and intersessional meetings are public; a committee's own meetings are
    seen by ISU staff and that committee's members."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def get_queryset(self):
        return (
            Meeting.objects.visible_to(self.request.user)
            .select_related("committee", "president_state")
            .prefetch_related("states")
            .order_by("-start_date", "pk")
        )

    def delete_record(self, instance: Meeting) -> None:
        services.delete_meeting(instance)


class OfficeSerializer(serializers.Serializer):
    kind = serializers.CharField()
    year = serializers.IntegerField()


class SeatTermFilter(ApiFilterSet):
    committee = django_filters.CharFilter(field_name="committee__code", lookup_expr="iexact")
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact")
    serving_on = django_filters.DateFilter(method="filter_serving_on", label="Serving on")

    class Meta:
        model = SeatTerm
        fields = ["committee", "state", "serving_on"]

    def filter_serving_on(self, queryset, name, value):
        return queryset.serving_on(value)


class SeatTermSerializer(ServiceSerializer):
    committee = serializers.SlugRelatedField(slug_field="code", queryset=Committee.objects.all())
    state = serializers.SlugRelatedField(slug_field="iso3", queryset=StateParty.objects.all())
    start_meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.formal())
    end_meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.formal())
    start_date = serializers.DateField(
        read_only=True, help_text="The member serves from the day after."
    )
    end_date = serializers.DateField(read_only=True)
    years = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    kinds = serializers.SlugRelatedField(
        slug_field="code", queryset=MemberKind.objects.all(), many=True, required=False
    )
    offices = OfficeSerializer(many=True, read_only=True)

    class Meta:
        model = SeatTerm
        fields = [
            "id",
            "committee",
            "state",
            "start_meeting",
            "end_meeting",
            "start_date",
            "end_date",
            "years",
            "kinds",
            "offices",
        ]
        # The service checks overlaps and free seats with the committee locked.
        validators: list = []

    service_m2m = ("kinds",)

    def full_clean(self, instance: SeatTerm) -> None:
        """``services.save_term`` validates, under a lock on the committee."""

    def save_record(self, instance: SeatTerm, kinds=None, **related) -> SeatTerm:
        return services.save_term(instance, kinds)


class SeatTermKindsSerializer(SeatTermSerializer):
    """Once a term exists only what the member counts as may change."""

    class Meta(SeatTermSerializer.Meta):
        read_only_fields = ["committee", "state", "start_meeting", "end_meeting"]

    def save_record(self, instance: SeatTerm, kinds=None, **related) -> SeatTerm:
        return services.update_term_kinds(instance, kinds if kinds is not None else [])


class SeatTermViewSet(mixins.UpdateModelMixin, CreateReadDeleteViewSet):
    """Seats on committees: one State, one committee, from the close of one formal meeting to
    the close of another. A term is created and deleted whole; afterwards only ``kinds`` changes
    (PATCH)."""

    filterset_class = SeatTermFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    queryset = (
        SeatTerm.objects.with_meetings()
        .prefetch_related("kinds", "offices")
        .order_by("committee__display_order", "start_meeting__end_date", "state__name")
    )

    def get_serializer_class(self):
        return SeatTermKindsSerializer if self.action == "partial_update" else SeatTermSerializer

    def delete_record(self, instance: SeatTerm) -> None:
        services.delete_term(instance)
