"""Article 7 reports owed and received, Article 9 records, audiences."""

from __future__ import annotations

import django_filters
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import can_see
from reporting import audiences, services
from reporting.models import (
    Article9Record,
    Audience,
    ExpectedReport,
    ReportStatus,
    Submission,
)
from states_parties.models import StateParty

from .base import ReadOnlyViewSet, ServiceSerializer, ServiceViewSet, WebPageField
from .filters import ApiFilterSet, YearFilter
from .permissions import NotForObservers


class StateFilterMixin(ApiFilterSet):
    state = django_filters.CharFilter(
        field_name="state__iso3", lookup_expr="iexact", label="State (ISO 3166 alpha-3)"
    )


class ExpectedReportFilter(StateFilterMixin):
    status = django_filters.MultipleChoiceFilter(
        choices=[(s.value, s.label) for s in ReportStatus if s != ReportStatus.NOT_REQUIRED]
    )
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    year = YearFilter()

    class Meta:
        model = ExpectedReport
        fields = ["state", "kind", "year", "status", "due_after", "due_before"]


class ExpectedReportSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in ReportStatus if s != ReportStatus.NOT_REQUIRED],
        read_only=True,
    )

    class Meta:
        model = ExpectedReport
        fields = ["id", "state", "kind", "year", "due_date", "received_on", "status"]


class ExpectedReportViewSet(ReadOnlyViewSet):
    """The Article 7 reports each State owes, derived from its dates (read only), with their
    status today: not yet due, received on time, received late, overdue."""

    serializer_class = ExpectedReportSerializer
    filterset_class = ExpectedReportFilter

    def get_queryset(self):
        return (
            ExpectedReport.objects.with_status(timezone.localdate())
            .select_related("state")
            .order_by("state__name", "due_date", "pk")
        )


class SubmissionFilter(StateFilterMixin):
    year = YearFilter()

    class Meta:
        model = Submission
        fields = ["state", "kind", "year", "visibility"]


class SubmissionSerializer(ServiceSerializer):
    """The document, link and notes of a report the user may not read (its ``visibility``) are
    left out; that the report arrived is public."""

    state = serializers.SlugRelatedField(slug_field="iso3", queryset=StateParty.objects.all())
    #: Uploads are never served directly: the document is downloaded through the web page that
    #: checks who may read it.
    document = serializers.SerializerMethodField()
    due_date = serializers.DateField(read_only=True, allow_null=True)
    received_late = serializers.BooleanField(read_only=True, allow_null=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "state",
            "kind",
            "year",
            "received_on",
            "due_date",
            "received_late",
            "forms",
            "nothing_new",
            "languages",
            "document",
            "link",
            "visibility",
            "mines_retained",
            "stockpile_remaining",
            "mined_area_remaining",
            "notes",
        ]
        validators: list = []  # the model's constraint, checked by full_clean, says it better

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_document(self, instance: Submission) -> str | None:
        if not instance.document:
            return None
        url = reverse("reporting:submission_document", args=[instance.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url

    def to_representation(self, instance: Submission) -> dict:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not (request and can_see(request.user, instance.visibility)):
            data.update(document=None, link=None, notes=None)
        return data

    def save_record(self, instance: Submission, **related) -> Submission:
        return services.save_submission(instance)


def submissions_with_due_dates():
    due = ExpectedReport.objects.filter(
        state=OuterRef("state"), kind=OuterRef("kind"), year=OuterRef("year")
    ).values("due_date")[:1]
    return (
        Submission.objects.select_related("state")
        .annotate(due_date=Subquery(due))
        .annotate(received_late=Q(received_on__gt=F("due_date")))
        .order_by("-received_on", "state__name", "pk")
    )


class SubmissionViewSet(ServiceViewSet):
    """Article 7 reports received. Saving one meets the matching expected report."""

    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter

    def get_queryset(self):
        return submissions_with_due_dates()

    def delete_record(self, instance: Submission) -> None:
        services.delete_submission(instance)


class Article9Filter(StateFilterMixin):
    class Meta:
        model = Article9Record
        fields = ["state", "status"]


class Article9RecordSerializer(ServiceSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", queryset=StateParty.objects.all())

    class Meta:
        model = Article9Record
        fields = ["id", "state", "as_of", "status", "measure", "source"]
        validators: list = []

    def save_record(self, instance: Article9Record, **related) -> Article9Record:
        return services.save_article9_record(instance)


class Article9RecordViewSet(ServiceViewSet):
    """Dated statements of each State's Article 9 measures; the latest is its status."""

    serializer_class = Article9RecordSerializer
    filterset_class = Article9Filter
    queryset = Article9Record.objects.select_related("state").order_by(
        "state__name", "-as_of", "pk"
    )

    def delete_record(self, instance: Article9Record) -> None:
        services.delete_article9_record(instance)


class StateSummarySerializer(serializers.ModelSerializer):
    web_url = WebPageField()

    class Meta:
        model = StateParty
        fields = ["iso3", "name", "web_url"]


class AudienceFilter(ApiFilterSet):
    class Meta:
        model = Audience
        fields = ["query", "is_builtin"]


class AudienceSerializer(ServiceSerializer):
    states = serializers.SlugRelatedField(
        slug_field="iso3",
        queryset=StateParty.objects.all(),
        many=True,
        required=False,
        help_text="Only for a hand-picked audience.",
    )

    class Meta:
        model = Audience
        fields = [
            "id",
            "name",
            "description",
            "query",
            "minimum_reports",
            "months",
            "states",
            "is_builtin",
        ]
        read_only_fields = ["is_builtin"]

    service_m2m = ("states",)

    def save_record(self, instance: Audience, states=None, **related) -> Audience:
        if states is None:
            states = list(instance.states.all()) if instance.pk else []
        return services.save_audience(instance, states)


class AudienceViewSet(ServiceViewSet):
    """Named groups of States that letters and reminders address (not for observers);
    ``members`` lists the States an audience addresses today."""

    permission_classes = [NotForObservers]
    serializer_class = AudienceSerializer
    filterset_class = AudienceFilter
    queryset = Audience.objects.prefetch_related("states").order_by("-is_builtin", "name")

    @action(detail=True, methods=["get"], filter_backends=[])
    def members(self, request: Request, pk: str, **kwargs: str) -> Response:
        audience = self.get_object()
        states = audiences.members(audience, timezone.localdate())
        page = self.paginate_queryset(states)
        serializer = StateSummarySerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    def get_serializer_class(self):
        return StateSummarySerializer if self.action == "members" else AudienceSerializer

    def delete_record(self, instance: Audience) -> None:
        services.delete_audience(instance)
