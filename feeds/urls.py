from django.urls import path

from . import views

app_name = "feeds"

urlpatterns = [
    path("calendars/", views.feed_list, name="list"),
    path("calendars/<int:pk>/revoke/", views.feed_revoke, name="revoke"),
    path("calendars/<str:token>.ics", views.feed_ics, name="ics"),
]
