"""The application's pages of the public website (staff edit the committees' texts)."""

from django.urls import path

from . import views

app_name = "public_site"

urlpatterns = [
    path("robots.txt", views.robots, name="robots"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("public-site/texts/", views.text_list, name="texts"),
    path("public-site/texts/<str:code>/<str:language>/", views.text_edit, name="text_edit"),
]
