from django.urls import path

from .views import analysis, decisions, requests

app_name = "extensions"

urlpatterns = [
    path("", requests.request_list, name="requests"),
    path("expected/", requests.expected_list, name="expected"),
    path("new/", requests.request_create, name="request_create"),
    path("import/", requests.requests_import, name="requests_import"),
    path("decisions/import/", requests.decisions_import, name="decisions_import"),
    path("<int:pk>/", requests.request_detail, name="request"),
    path("<int:pk>/edit/", requests.request_edit, name="request_edit"),
    path("<int:pk>/versions/new/", requests.version_create, name="version_create"),
    path("<int:pk>/versions/<int:number>/", requests.version_detail, name="version"),
    path("<int:pk>/versions/<int:number>/edit/", requests.version_edit, name="version_edit"),
    path(
        "<int:pk>/versions/<int:number>/document/",
        requests.version_document,
        name="version_document",
    ),
    path(
        "<int:pk>/versions/<int:number>/<str:part>/new/",
        requests.content_create,
        name="content_create",
    ),
    path(
        "<int:pk>/versions/<int:number>/<str:part>/<int:line>/delete/",
        requests.content_delete,
        name="content_delete",
    ),
    path("<int:pk>/questions/new/", analysis.question_create, name="question_create"),
    path("<int:pk>/analysis/", analysis.analysis_edit, name="analysis_edit"),
    path("<int:pk>/analysis/approve/", analysis.analysis_approve, name="analysis_approve"),
    path("<int:pk>/analysis/pdf/", analysis.analysis_pdf, name="analysis_pdf"),
    path("<int:pk>/decision/", decisions.decision_edit, name="decision"),
    path("<int:pk>/decision/requests/new/", decisions.requirement_edit, name="requirement_create"),
    path(
        "<int:pk>/decision/requests/<int:line>/",
        decisions.requirement_edit,
        name="requirement_edit",
    ),
    path("states/<str:iso3>/", decisions.state_page, name="state"),
    path("states/<str:iso3>/completion/", decisions.completion_create, name="completion_create"),
    path(
        "states/<str:iso3>/unknown-areas/",
        decisions.unknown_area_create,
        name="unknown_area_create",
    ),
    path("states/<str:iso3>/progress/", decisions.progress_create, name="progress_create"),
]
