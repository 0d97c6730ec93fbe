from django.contrib import admin
from django.urls import include, path

from committees.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("states/", include("states_parties.urls")),
    path("", include("committees.urls")),
    path("admin/", admin.site.urls),
]
