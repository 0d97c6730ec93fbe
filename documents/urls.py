from django.urls import path

from .views import documents, jobs, paragraphs, versions

app_name = "documents"

urlpatterns = [
    path("documents/", documents.document_list, name="list"),
    path("documents/new/", documents.document_create, name="create"),
    path("documents/<int:pk>/", documents.document_detail, name="detail"),
    path("documents/<int:pk>/edit/", documents.document_edit, name="edit"),
    path("documents/<int:pk>/preview/", documents.document_preview, name="preview"),
    path("documents/<int:pk>/pdf/", documents.document_pdf, name="pdf"),
    path("documents/<int:pk>/reassemble/", documents.document_reassemble, name="reassemble"),
    path("documents/<int:pk>/changes/", versions.draft_changes, name="changes"),
    path(
        "documents/<int:pk>/languages/<str:language>/",
        documents.document_language_version,
        name="language_version",
    ),
    path("documents/<int:pk>/paragraphs/new/", paragraphs.paragraph_add, name="paragraph_add"),
    path(
        "documents/<int:pk>/paragraphs/<int:paragraph_pk>/",
        paragraphs.paragraph_edit,
        name="paragraph_edit",
    ),
    path(
        "documents/<int:pk>/paragraphs/<int:paragraph_pk>/move/",
        paragraphs.paragraph_move,
        name="paragraph_move",
    ),
    path(
        "documents/<int:pk>/paragraphs/<int:paragraph_pk>/delete/",
        paragraphs.paragraph_delete,
        name="paragraph_delete",
    ),
    path(
        "documents/<int:pk>/workflow/<str:action>/",
        documents.document_transition,
        name="transition",
    ),
    path("documents/<int:pk>/versions/<int:number>/", versions.version_detail, name="version"),
    path(
        "documents/<int:pk>/versions/<int:number>/preview/",
        versions.version_preview,
        name="version_preview",
    ),
    path("documents/jobs/<int:pk>/", jobs.job_status, name="job_status"),
    path("documents/jobs/<int:pk>/file/", jobs.job_file, name="job_file"),
    path("documents/jobs/<int:pk>/retry/", jobs.job_retry, name="job_retry"),
]
