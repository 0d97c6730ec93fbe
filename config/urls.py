from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("common.urls")),
    path("accounts/", include("accounts.urls")),
    path("states/", include("states_parties.urls")),
    path("admin/", admin.site.urls),
]
