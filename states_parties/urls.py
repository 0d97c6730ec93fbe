from django.urls import path

from . import views

app_name = "states_parties"

urlpatterns = [
    path("", views.state_list, name="list"),
    path("export.csv", views.state_export, name="export"),
    path("new/", views.state_create, name="create"),
    path("import/", views.state_import, name="import"),
    path("<str:iso3>/", views.state_detail, name="detail"),
    path("<str:iso3>/edit/", views.state_edit, name="edit"),
    path("<str:iso3>/delete/", views.state_delete, name="delete"),
    path("<str:iso3>/extensions/new/", views.extension_edit, name="extension_create"),
    path("<str:iso3>/extensions/<int:pk>/", views.extension_edit, name="extension_edit"),
    path("<str:iso3>/retained-mines/new/", views.retained_mines_edit, name="retained_mines_create"),
    path(
        "<str:iso3>/retained-mines/<int:pk>/", views.retained_mines_edit, name="retained_mines_edit"
    ),
    path("<str:iso3>/contacts/new/", views.contact_edit, name="contact_create"),
    path("<str:iso3>/contacts/<int:pk>/", views.contact_edit, name="contact_edit"),
]
