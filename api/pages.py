"""The pages of the API app (the API itself is in ``urls``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("tokens/", views.token_list, name="api_tokens"),
    path("tokens/<str:token_key>/revoke/", views.token_revoke, name="api_token_revoke"),
]
