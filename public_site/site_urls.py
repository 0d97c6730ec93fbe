"""The public website, under a language prefix (``config.urls`` puts it in ``i18n_patterns``)."""

from django.urls import path

from . import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("committees/<str:code>/", views.committee, name="committee"),
    path("states-parties/", views.states, name="states"),
    path("meetings/", views.meetings, name="meetings"),
    path("documents/", views.documents, name="documents"),
    path("article-7-reports/", views.article7, name="article7"),
    path(
        "article-7-reports/<str:iso3>/<str:period>/",
        views.article7_report,
        name="article7_report",
    ),
    path("documents/feed.atom", views.documents_feed, name="documents_feed"),
    path("documents/<int:pk>/<int:number>.pdf", views.document_pdf, name="document_pdf"),
]
