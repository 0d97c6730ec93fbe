"""Online Article 7 reports: read those the user may see, and send one as JSON (a State that
prepares its report in its own system), checked by the same rules as the forms."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from article7 import exchange, rules
from article7.access import may_write_some
from article7.data import report_data
from article7.models import Report, ReportStatus

from .base import WebPageField
from .filters import ApiFilterSet, YearFilter


class ReportFilter(ApiFilterSet):
    state = django_filters.CharFilter(
        field_name="state__iso3", lookup_expr="iexact", label="State (ISO 3166 alpha-3)"
    )
    year = YearFilter(field_name="year_covered")
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices)

    class Meta:
        model = Report
        fields = ["state", "year", "status"]


class ReportSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    web_page = WebPageField()

    class Meta:
        model = Report
        fields = [
            "id",
            "state",
            "year_covered",
            "version",
            "status",
            "language",
            "revision",
            "submitted_at",
            "submitted_by_name",
            "submitted_by_function",
            "receipt_number",
            "published_at",
            "web_page",
        ]


class ReportDetailSerializer(ReportSerializer):
    data = serializers.SerializerMethodField()

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "data"]

    def get_data(self, report: Report) -> dict:
        return report_data(report, context=False)


class FindingSerializer(serializers.Serializer):
    """What the rules say: an error blocks submission, a warning asks for confirmation."""

    code = serializers.CharField()
    section = serializers.CharField()
    field = serializers.CharField()
    row = serializers.IntegerField(allow_null=True)
    level = serializers.ChoiceField(choices=["error", "warning"])
    message = serializers.CharField()


class SavedSerializer(serializers.Serializer):
    report = ReportSerializer()
    findings = FindingSerializer(many=True)


class SubmitSerializer(serializers.Serializer):
    official_name = serializers.CharField(max_length=200)
    official_function = serializers.CharField(max_length=200)
    confirm_warnings = serializers.BooleanField(default=False)


class ReportInputSerializer(serializers.Serializer):
    """A report as ``export_article7_report --format json`` writes it: the State, the year
    covered (null for the initial report), the language and, per form A to J, its status,
    narrative, explanation and rows. ``revision``: the report's revision the data was
    prepared from (a later save by someone else is a conflict, 409). ``submit``: submit it at
    once, as the official named."""

    format = serializers.CharField(required=False)
    state = serializers.CharField(max_length=3)
    year_covered = serializers.IntegerField(allow_null=True, min_value=1999, max_value=2100)
    language = serializers.ChoiceField(choices=["en", "fr", "es"], default="en")
    sections = serializers.DictField(child=serializers.JSONField(), required=False)
    revision = serializers.IntegerField(required=False, min_value=0)
    submit = SubmitSerializer(required=False)


def _finding(finding: rules.Finding) -> dict:
    return {
        "code": finding.code,
        "section": finding.section,
        "field": finding.field,
        "row": finding.row,
        "level": finding.level,
        "message": finding.message,
    }


class Article7Writers(IsAuthenticated):
    """Everyone signed in reads (what ``visible_to`` lets them); ISU staff and the State's
    reporters send reports."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        return request.method in SAFE_METHODS or may_write_some(request.user)


class Article7ReportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Online Article 7 reports the user may read (ISU staff: all; everyone: the published
    ones), and sending one as JSON."""

    permission_classes = [Article7Writers]
    filterset_class = ReportFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return (
            Report.objects.visible_to(self.request.user)
            .select_related("state")
            .order_by("state__name", "-year_covered", "-version", "pk")
        )

    def get_serializer_class(self):
        if self.action == "create":
            return ReportInputSerializer
        return ReportDetailSerializer if self.action == "retrieve" else ReportSerializer

    @extend_schema(
        request=ReportInputSerializer,
        responses={
            201: SavedSerializer,
            400: OpenApiResponse(description="Not a report, or (with submit) errors to fix."),
            403: OpenApiResponse(description="Not allowed to write this State's report."),
            409: OpenApiResponse(description="Saved by someone else since, or already sent."),
        },
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        """Save the State's draft for the year from JSON (starting it, pre-filled from the
        last report, if there is none); answer with what the rules find. With ``submit``,
        submit it too: refused (400) while it has errors or unconfirmed warnings."""
        serializer = ReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payload = dict(request.data)
        submit = payload.pop("submit", None)
        revision = payload.pop("revision", None)
        try:
            report, found = exchange.save_from_json(
                payload, by=request.user, expected_revision=revision
            )
        except exchange.ReportInvalid as invalid:
            return Response(
                {path or "non_field_errors": [message] for path, message in invalid.problems},
                status=status.HTTP_400_BAD_REQUEST,
            )
        except DjangoPermissionDenied:
            raise PermissionDenied from None
        except exchange.Conflict as conflict:
            return Response({"detail": str(conflict)}, status=status.HTTP_409_CONFLICT)
        if submit is not None:
            fields = serializer.validated_data["submit"]
            try:
                report = exchange.submit_saved(report, by=request.user, **fields)
            except exchange.SubmitRefused as refused:
                return Response(
                    {
                        "detail": str(refused),
                        "report": ReportSerializer(report, context={"request": request}).data,
                        "findings": [_finding(f) for f in refused.findings],
                    },
                    status=status.HTTP_400_BAD_REQUEST,
                )
            except DjangoValidationError as error:
                return Response({"detail": error.messages}, status=status.HTTP_400_BAD_REQUEST)
        body = {
            "report": ReportSerializer(report, context={"request": request}).data,
            "findings": [_finding(f) for f in found],
        }
        return Response(body, status=status.HTTP_201_CREATED)
