from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from committees.views.home import home, waiting_counts
from common.errors import favicon
from common.views import health, health_live, import_job
from feeds.views import public_calendar

urlpatterns = [
    path("", home, name="home"),
    path("health/", health, name="health"),
    # Browsers ask for /favicon.ico by themselves (bookmarks, PDFs, pages without <head>): the
    # same icon as every page's, for anyone, signed in or not.
    path("favicon.ico", favicon, name="favicon"),
    path("waiting/counts/", waiting_counts, name="waiting_counts"),
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
    path("", include("article7.urls")),
    path("", include("portal.urls")),
    path("extensions/", include("extensions.urls")),
    path("api/", include("api.urls")),
    path("", include("api.pages")),
    path("", include("feeds.urls")),
    path("", include("search.urls")),
    path("admin/", admin.site.urls),
    path("", include("public_site.urls")),
]
# The public website, in each language under its prefix: /en/, /fr/, /es/.
urlpatterns += i18n_patterns(
    path("", include("public_site.site_urls")),
    # The public meetings as a calendar (the calendar feeds' builder, for anyone).
    path("meetings.ics", public_calendar, name="public_calendar"),
    prefix_default_language=True,
)

# 403 and 404 are Django's views rendering our templates (with the request: the navigation
# shows); a 500 is rendered without touching the database.
handler500 = "common.errors.server_error"
