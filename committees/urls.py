from django.urls import path

from .views import committees, meetings, members

app_name = "committees"

urlpatterns = [
    path("committees/", committees.committee_list, name="list"),
    path("committees/new/", committees.committee_edit, name="create"),
    path("committees/composition.csv", committees.composition_export, name="composition_export"),
    path(
        "committees/memberships/import/", committees.memberships_import, name="memberships_import"
    ),
    path("committees/terms/<int:pk>/", members.term_edit, name="term_edit"),
    path("committees/terms/<int:pk>/delete/", members.term_delete, name="term_delete"),
    path("committees/terms/<int:pk>/offices/new/", members.office_create, name="office_create"),
    path("committees/offices/<int:pk>/delete/", members.office_delete, name="office_delete"),
    path(
        "committees/terms/<int:pk>/representatives/new/",
        members.representative_edit,
        name="representative_create",
    ),
    path(
        "committees/terms/<int:pk>/representatives/<int:representative_pk>/",
        members.representative_edit,
        name="representative_edit",
    ),
    path("committees/<str:code>/", committees.committee_detail, name="detail"),
    path("committees/<str:code>/edit/", committees.committee_edit, name="edit"),
    path("committees/<str:code>/members/new/", members.term_create, name="term_create"),
    path(
        "committees/<str:code>/changeover/<int:meeting_pk>/",
        members.changeover,
        name="changeover",
    ),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/export.csv", meetings.meeting_export, name="meeting_export"),
    path("meetings/import/", meetings.meetings_import, name="meetings_import"),
    path("meetings/new/", meetings.meeting_edit, name="meeting_create"),
    path("meetings/month/", meetings.meeting_month, name="meeting_month_current"),
    path("meetings/month/<int:year>/<int:month>/", meetings.meeting_month, name="meeting_month"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/delete/", meetings.meeting_delete, name="meeting_delete"),
]
