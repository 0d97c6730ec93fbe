from django.urls import path

from . import views

app_name = "history"

urlpatterns = [
    path("", views.history_log, name="log"),
    path("<str:model>/<str:pk>/", views.record_history, name="record"),
]
