from django.urls import path

from .views import reporters, staff

app_name = "portal"

urlpatterns = [
    # ISU staff.
    path("reporters/", staff.reporter_list, name="reporter_list"),
    path("reporters/invite/", staff.reporter_invite, name="reporter_invite"),
    path("reporters/<int:pk>/", staff.reporter_detail, name="reporter_detail"),
    path("reporters/<int:pk>/suspend/", staff.reporter_suspend, name="reporter_suspend"),
    path("reporters/<int:pk>/reinvite/", staff.reporter_reinvite, name="reporter_reinvite"),
    # Reporters.
    path("portal/", reporters.home, name="home"),
    path("portal/invitation/<int:pk>/<str:token>/", reporters.invitation, name="invitation"),
]
