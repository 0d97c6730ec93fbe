"""Every response to a signed-in user says ``Cache-Control: private, no-store`` (the URL
matrix checks it for every pattern and role; here the cases around it)."""

import pytest
from django.test import Client

from api import services as api_services

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/states/",
        "/states/export/",  # a CSV file
        "/states/XXX/",  # a 404 page
        "/history/",  # a 403 page
        "/accounts/login/",  # a redirect home
    ],
)
def test_pages_files_and_errors_for_a_signed_in_user_are_not_kept(observer_client, url):
    response = observer_client.get(url)
    assert {"private", "no-store"} <= directives(response), (url, response.status_code)


def test_the_api_with_a_token_is_not_kept(observer_user):
    _token, secret = api_services.create_token(
        observer_user, name="t", expiry=None, created_by=None
    )
    response = Client().get("/api/states/", HTTP_AUTHORIZATION=f"Token {secret}")
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_static_files_may_be_cached(observer_client):
    response = observer_client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in directives(response)
