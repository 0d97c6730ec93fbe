from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("reporting/", views.overview, name="overview"),
    path("reporting/overdue/", views.overdue_list, name="overdue"),
    path("reporting/grid/", views.grid, name="grid"),
    path("reporting/article9/", views.article9_list, name="article9"),
    path("reporting/article9/export/", views.article9_export, name="article9_export"),
    path("reporting/article9/new/", views.article9_edit, name="article9_create"),
    path("reporting/article9/<int:pk>/", views.article9_edit, name="article9_edit"),
    path("reporting/article9/import/", views.article9_import, name="article9_import"),
    path("reporting/reports/", views.submission_list, name="submissions"),
    path("reporting/reports/new/", views.submission_edit, name="submission_create"),
    path("reporting/reports/import/", views.submissions_import, name="submissions_import"),
    path("reporting/reports/<int:pk>/", views.submission_edit, name="submission_edit"),
    path(
        "reporting/reports/<int:pk>/acknowledge/",
        views.submission_acknowledge,
        name="submission_acknowledge",
    ),
    path("reporting/reports/<int:pk>/delete/", views.submission_delete, name="submission_delete"),
    path(
        "reporting/reports/<int:pk>/document/",
        views.submission_document,
        name="submission_document",
    ),
    path("reporting/audiences/", views.audience_list, name="audiences"),
    path("reporting/audiences/new/", views.audience_edit, name="audience_create"),
    path("reporting/audiences/<int:pk>/", views.audience_detail, name="audience"),
    path("reporting/audiences/<int:pk>/edit/", views.audience_edit, name="audience_edit"),
    path("reporting/audiences/<int:pk>/delete/", views.audience_delete, name="audience_delete"),
    path("committees/<str:code>/dashboard/", views.dashboard, name="dashboard"),
]
