"""Article 5 extension requests and the Meetings' decisions on them (read only): the Committee
on Article 5 Implementation's workspace, by the same rule as its pages (ISU staff and the
Committee's chair and members; everyone else 403)."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from committees.models import Meeting, parse_meeting_name
from extensions.access import can_read
from extensions.models import (
    Decision,
    DecisionRequirement,
    ExtensionRequest,
    Funding,
    HazardousArea,
    RequestVersion,
    WorkPlanYear,
)

from .base import ReadOnlyViewSet
from .filters import ApiFilterSet
from .permissions import ReadersReadStaffWrite


class Article5CommitteeReaders(ReadersReadStaffWrite):
    """ISU staff and the Committee on Article 5 Implementation's chair and members."""

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and can_read(request.user)


class MeetingFilter(django_filters.CharFilter):
    """A formal meeting by its short name: ``22MSP``, ``5RC``."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        parsed = parse_meeting_name(value)
        if parsed is None:
            return queryset.none()
        kind, number = parsed
        return queryset.filter(
            **{f"{self.field_name}__kind": kind, f"{self.field_name}__number": number}
        )


class ExtensionRequestFilter(ApiFilterSet):
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact")
    meeting = MeetingFilter(field_name="meeting", label="Meeting (22MSP, 5RC)")

    class Meta:
        model = ExtensionRequest
        fields = ["state", "meeting"]


class HazardousAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = HazardousArea
        fields = ["kind", "location", "area_m2"]


class WorkPlanYearSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkPlanYear
        fields = ["year", "area_m2", "budget"]


class FundingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Funding
        fields = ["kind", "funder", "amount"]


class VersionSerializer(serializers.ModelSerializer):
    areas = HazardousAreaSerializer(many=True, read_only=True)
    work_plan = WorkPlanYearSerializer(many=True, read_only=True)
    funding = FundingSerializer(many=True, read_only=True)
    document = serializers.SerializerMethodField()

    class Meta:
        model = RequestVersion
        fields = [
            "number",
            "kind",
            "received_on",
            "document",
            "areas",
            "work_plan",
            "funding",
            "impeding_circumstances",
            "humanitarian_implications",
            "social_implications",
            "economic_implications",
            "environmental_implications",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_document(self, version: RequestVersion) -> str | None:
        """The file, downloaded through the page that checks who may read it."""
        if not version.document:
            return None
        url = reverse("extensions:version_document", args=[version.request_id, version.number])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class RequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = DecisionRequirement
        fields = ["text", "due_on", "met_on"]


def _meeting_name(meeting: Meeting) -> str:
    return meeting.short_name or meeting.display_title


class ExtensionRequestSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    meeting = serializers.SerializerMethodField()
    period_months = serializers.IntegerField(read_only=True, allow_null=True)
    versions = VersionSerializer(many=True, read_only=True)
    analysis_status = serializers.SerializerMethodField()
    decision = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = ExtensionRequest
        fields = [
            "id",
            "state",
            "meeting",
            "received_on",
            "symbol",
            "deadline_at_request",
            "requested_until",
            "period_months",
            "observations_presented_on",
            "presented_on",
            "versions",
            "analysis_status",
            "decision",
        ]

    def get_meeting(self, request: ExtensionRequest) -> str:
        return _meeting_name(request.meeting)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_analysis_status(self, request: ExtensionRequest) -> str | None:
        analysis = getattr(request, "analysis", None)
        return analysis.status if analysis else None


class ExtensionRequestViewSet(ReadOnlyViewSet):
    """Requests to extend Article 5 deadlines, with their versions and content (remaining
    contamination, work plan, funding); the Committee's workspace."""

    serializer_class = ExtensionRequestSerializer
    filterset_class = ExtensionRequestFilter
    permission_classes = [Article5CommitteeReaders]

    def get_queryset(self):
        versions = RequestVersion.objects.order_by("number").prefetch_related(
            "areas", "work_plan", "funding"
        )
        return (
            ExtensionRequest.objects.select_related("state", "meeting", "analysis", "decision")
            .prefetch_related(Prefetch("versions", queryset=versions))
            .order_by("-meeting__start_date", "state__name", "pk")
        )


class DecisionFilter(ApiFilterSet):
    state = django_filters.CharFilter(field_name="request__state__iso3", lookup_expr="iexact")
    meeting = MeetingFilter(field_name="request__meeting", label="Meeting (22MSP, 5RC)")

    class Meta:
        model = Decision
        fields = ["state", "meeting", "granted"]


class DecisionSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(source="request.state", slug_field="iso3", read_only=True)
    meeting = serializers.SerializerMethodField()
    requirements = RequirementSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "request",
            "state",
            "meeting",
            "decided_on",
            "granted",
            "new_deadline",
            "text",
            "requirements",
        ]

    def get_meeting(self, decision: Decision) -> str:
        return _meeting_name(decision.request.meeting)


class DecisionViewSet(ReadOnlyViewSet):
    """The Meetings' decisions on extension requests and what each asks of the State by when.
    (A granted request's new deadline is the State's current one: ``/api/states/<iso3>/``.)"""

    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter
    permission_classes = [Article5CommitteeReaders]

    def get_queryset(self):
        return (
            Decision.objects.select_related("request__state", "request__meeting")
            .prefetch_related(
                Prefetch("requirements", queryset=DecisionRequirement.objects.order_by("due_on"))
            )
            .order_by("-decided_on", "pk")
        )
