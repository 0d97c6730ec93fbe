from django.contrib import admin
from django.urls import include, path

from committees.views import home
from common.views import health, health_live, import_job

urlpatterns = [
    path("", home, name="home"),
    path("health/", health, name="health"),
    path("health/live/", health_live, name="health_live"),
    path("health/ready/", health, name="health_ready"),
    path("accounts/", include("accounts.urls")),
    path("history/", include("common.urls")),
    path("imports/<int:pk>/", import_job, name="import_job"),
    path("states/", include("states_parties.urls")),
    path("", include("reporting.urls")),
    path("", include("committees.urls")),
    path("", include("activities.urls")),
    path("", include("documents.urls")),
    path("correspondence/", include("correspondence.urls")),
    path("api/", include("api.urls")),
    path("", include("api.pages")),
    path("", include("feeds.urls")),
    path("", include("search.urls")),
    path("admin/", admin.site.urls),
]
