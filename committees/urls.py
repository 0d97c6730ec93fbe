from django.urls import path

from . import views

app_name = "committees"

urlpatterns = [
    path("committees/", views.committee_list, name="list"),
    path("committees/new/", views.committee_edit, name="create"),
    path("committees/composition.csv", views.composition_export, name="composition_export"),
    path("committees/memberships/import/", views.memberships_import, name="memberships_import"),
    path("committees/terms/<int:pk>/", views.term_edit, name="term_edit"),
    path("committees/terms/<int:pk>/delete/", views.term_delete, name="term_delete"),
    path("committees/terms/<int:pk>/offices/new/", views.office_create, name="office_create"),
    path("committees/offices/<int:pk>/delete/", views.office_delete, name="office_delete"),
    path(
        "committees/terms/<int:pk>/representatives/new/",
        views.representative_edit,
        name="representative_create",
    ),
    path(
        "committees/terms/<int:pk>/representatives/<int:representative_pk>/",
        views.representative_edit,
        name="representative_edit",
    ),
    path("committees/<str:code>/", views.committee_detail, name="detail"),
    path("committees/<str:code>/edit/", views.committee_edit, name="edit"),
    path("committees/<str:code>/members/new/", views.term_create, name="term_create"),
    path(
        "committees/<str:code>/changeover/<int:meeting_pk>/",
        views.changeover,
        name="changeover",
    ),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/export.csv", views.meeting_export, name="meeting_export"),
    path("meetings/import/", views.meetings_import, name="meetings_import"),
    path("meetings/new/", views.meeting_edit, name="meeting_create"),
    path("meetings/month/", views.meeting_month, name="meeting_month_current"),
    path("meetings/month/<int:year>/<int:month>/", views.meeting_month, name="meeting_month"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/delete/", views.meeting_delete, name="meeting_delete"),
]
