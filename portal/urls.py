from django.urls import path

from .views import reporters, reports, staff

app_name = "portal"

urlpatterns = [
    # ISU staff.
    path("reporters/", staff.reporter_list, name="reporter_list"),
    path("reporters/invite/", staff.reporter_invite, name="reporter_invite"),
    path("reporters/<int:pk>/", staff.reporter_detail, name="reporter_detail"),
    path("reporters/<int:pk>/suspend/", staff.reporter_suspend, name="reporter_suspend"),
    path("reporters/<int:pk>/reinvite/", staff.reporter_reinvite, name="reporter_reinvite"),
    # Reporters.
    path("portal/", reports.home, name="home"),
    path("portal/invitation/<int:pk>/<str:token>/", reporters.invitation, name="invitation"),
    path("portal/reports/start/", reports.start, name="start"),
    path("portal/reports/published/", reports.published, name="published"),
    path("portal/reports/<int:pk>/", reports.report_detail, name="report"),
    path("portal/reports/<int:pk>/forms/<str:code>/", reports.section, name="section"),
    path(
        "portal/reports/<int:pk>/forms/<str:code>/unchanged/",
        reports.section_unchanged,
        name="section_unchanged",
    ),
    path("portal/reports/<int:pk>/review/", reports.review, name="review"),
    path("portal/reports/<int:pk>/submit/", reports.submit, name="submit"),
    path("portal/reports/<int:pk>/correction/", reports.correction, name="correction"),
    path("portal/reports/<int:pk>/annexes/", reports.annex_upload, name="annexes"),
    path("portal/reports/<int:pk>/annexes/remove/", reports.annex_remove, name="annex_remove"),
]
