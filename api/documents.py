"""The committees' documents and their published versions: what they are and where to read
them, not the PDF itself (``pdf_url`` links the frozen PDF, served by the application after
the same permission check as the page).

A document is listed when the user may read one of its published versions, or its working
draft (ISU staff, and the committee's own members): ``Document.objects.visible_to``. Each
version is listed at the level it was published at (``DocumentVersion.objects.visible_to``).
Drafts, their paragraphs and the workflow stay in the application."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.lookups import any_contains
from documents.models import Document, DocumentVersion, RenderJob

from .base import ReadOnlyViewSet, WebPageField
from .filters import ApiFilterSet


@extend_schema_field(OpenApiTypes.URI)
class PdfLinkField(serializers.Field):
    """The published PDF, once it has been rendered; ``null`` until then."""

    def __init__(self, **kwargs) -> None:
        super().__init__(source="*", read_only=True, allow_null=True, **kwargs)

    def to_representation(self, version: DocumentVersion) -> str | None:
        jobs = getattr(version, "done_jobs", None)
        if jobs is None:
            jobs = list(version.render_jobs.filter(status=RenderJob.Status.DONE).order_by("pk")[:1])
        if not jobs:
            return None
        url = reverse("documents:job_file", args=[jobs[0].pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class DocumentVersionSerializer(serializers.ModelSerializer):
    web_url = WebPageField()
    pdf_url = PdfLinkField()

    class Meta:
        model = DocumentVersion
        fields = ["number", "visibility", "published_at", "note", "web_url", "pdf_url"]


class DocumentSerializer(serializers.ModelSerializer):
    committee = serializers.SlugRelatedField(slug_field="code", read_only=True)
    versions = DocumentVersionSerializer(
        source="visible_versions",
        many=True,
        read_only=True,
        help_text="The published versions the user may read, newest first.",
    )
    web_url = WebPageField()

    class Meta:
        model = Document
        fields = [
            "id",
            "symbol",
            "committee",
            "kind",
            "period",
            "date",
            "language",
            "visibility",
            "status",
            "versions",
            "web_url",
        ]


class DocumentFilter(ApiFilterSet):
    q = django_filters.CharFilter(method="search", label="Symbol or committee name contains")
    committee = django_filters.CharFilter(field_name="committee__code", lookup_expr="iexact")
    kind = django_filters.ChoiceFilter(choices=Document.Kind.choices)
    status = django_filters.ChoiceFilter(choices=Document.Status.choices)
    language = django_filters.ChoiceFilter(choices=settings.LANGUAGES)
    period = django_filters.CharFilter(label="Period, e.g. 2025-2026")

    class Meta:
        model = Document
        fields = ["q", "committee", "kind", "status", "language", "period"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(any_contains(["symbol", "committee__name"], value))


class DocumentViewSet(ReadOnlyViewSet):
    """The committees' documents (read only: drafting, approval and publication happen in the
    application), with the published versions the user may read and links to their PDFs."""

    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter

    def get_queryset(self):
        user = self.request.user
        versions = (
            DocumentVersion.objects.visible_to(user)
            .prefetch_related(
                Prefetch(
                    "render_jobs",
                    queryset=RenderJob.objects.filter(status=RenderJob.Status.DONE).order_by("pk"),
                    to_attr="done_jobs",
                )
            )
            .order_by("-number")
        )
        return (
            Document.objects.visible_to(user)
            .select_related("committee")
            .prefetch_related(Prefetch("versions", queryset=versions, to_attr="visible_versions"))
            .order_by("-date", "-pk")
        )
