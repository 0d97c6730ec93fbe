from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_edit, name="activity_create"),
    path("activities/import/", views.activities_import, name="activities_import"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("priorities/", views.priority_list, name="priority_list"),
    path("priorities/new/", views.priority_edit, name="priority_create"),
    path("priorities/import/", views.priorities_import, name="priorities_import"),
    path("priorities/<int:pk>/edit/", views.priority_edit, name="priority_edit"),
    path("priorities/<int:pk>/move/", views.priority_move, name="priority_move"),
    path("priorities/<int:pk>/delete/", views.priority_delete, name="priority_delete"),
    path("action-plans/", views.plan_list, name="plan_list"),
    path("action-plans/new/", views.plan_edit, name="plan_create"),
    path("action-plans/actions/import/", views.actions_import, name="actions_import"),
    path("action-plans/<str:code>/", views.plan_detail, name="plan_detail"),
    path("action-plans/<str:code>/edit/", views.plan_edit, name="plan_edit"),
    path("action-plans/<str:code>/actions/new/", views.action_edit, name="action_create"),
    path("action-plans/<str:code>/actions/<int:number>/", views.action_edit, name="action_edit"),
    path("compliance/", views.matter_list, name="matter_list"),
    path("compliance/new/", views.matter_edit, name="matter_create"),
    path("compliance/<int:pk>/", views.matter_detail, name="matter_detail"),
    path("compliance/<int:pk>/edit/", views.matter_edit, name="matter_edit"),
]
