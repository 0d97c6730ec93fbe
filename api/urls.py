"""The API: one router, its schema and Swagger UI (served from the sidecar package; ReDoc is
left out because it needs inline styles, which the Content-Security-Policy forbids).
An app adds its endpoints with a module here and one line below."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import (
    activities,
    article7,
    committees,
    correspondence,
    documents,
    extensions,
    reporting,
    schema,  # noqa: F401  (registers the OpenAPI extension of our token class)
    states,
    views,
)

router = DefaultRouter()
router.include_root_view = True
router.register("states", states.StatePartyViewSet, basename="state")
router.register("contacts", states.ContactViewSet, basename="contact")
router.register("committees", committees.CommitteeViewSet, basename="committee")
router.register("meetings", committees.MeetingViewSet, basename="meeting")
router.register("seat-terms", committees.SeatTermViewSet, basename="seat-term")
router.register("expected-reports", reporting.ExpectedReportViewSet, basename="expected-report")
router.register("submissions", reporting.SubmissionViewSet, basename="submission")
router.register("article9-records", reporting.Article9RecordViewSet, basename="article9-record")
router.register("audiences", reporting.AudienceViewSet, basename="audience")
router.register("action-plans", activities.ActionPlanViewSet, basename="action-plan")
router.register("actions", activities.ActionViewSet, basename="action")
router.register("activities", activities.ActivityViewSet, basename="activity")
router.register("priorities", activities.PriorityViewSet, basename="priority")
router.register(
    "compliance-matters", activities.ComplianceMatterViewSet, basename="compliance-matter"
)
router.register("documents", documents.DocumentViewSet, basename="document")
router.register("letters", correspondence.LetterViewSet, basename="letter")
router.register("replies", correspondence.ReplyViewSet, basename="reply")
router.register(
    "extension-requests", extensions.ExtensionRequestViewSet, basename="extension-request"
)
router.register("extension-decisions", extensions.DecisionViewSet, basename="extension-decision")
router.register("article7-reports", article7.Article7ReportViewSet, basename="article7-report")

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
    # Anything else under /api/ is a JSON 404 too, not the HTML page of the site.
    re_path(r"^.*$", views.not_found),
]
