from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("documents/", views.document_list, name="list"),
    path("documents/new/", views.document_create, name="create"),
    path("documents/<int:pk>/", views.document_detail, name="detail"),
    path("documents/<int:pk>/edit/", views.document_edit, name="edit"),
    path("documents/<int:pk>/preview/", views.document_preview, name="preview"),
    path("documents/<int:pk>/pdf/", views.document_pdf, name="pdf"),
    path("documents/<int:pk>/reassemble/", views.document_reassemble, name="reassemble"),
    path("documents/<int:pk>/changes/", views.draft_changes, name="changes"),
    path(
        "documents/<int:pk>/languages/<str:language>/",
        views.document_language_version,
        name="language_version",
    ),
    path("documents/<int:pk>/paragraphs/new/", views.paragraph_add, name="paragraph_add"),
    path(
        "documents/<int:pk>/paragraphs/<int:paragraph_pk>/",
        views.paragraph_edit,
        name="paragraph_edit",
    ),
    path(
        "documents/<int:pk>/paragraphs/<int:paragraph_pk>/move/",
        views.paragraph_move,
        name="paragraph_move",
    ),
    path(
        "documents/<int:pk>/paragraphs/<int:paragraph_pk>/delete/",
        views.paragraph_delete,
        name="paragraph_delete",
    ),
    path(
        "documents/<int:pk>/workflow/<str:action>/",
        views.document_transition,
        name="transition",
    ),
    path("documents/<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path(
        "documents/<int:pk>/versions/<int:number>/preview/",
        views.version_preview,
        name="version_preview",
    ),
    path("documents/jobs/<int:pk>/", views.job_status, name="job_status"),
    path("documents/jobs/<int:pk>/file/", views.job_file, name="job_file"),
    path("documents/jobs/<int:pk>/retry/", views.job_retry, name="job_retry"),
]
