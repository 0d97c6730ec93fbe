"""The 403, 404 and 500 pages: in the site's layout, translated, with a way back; the 500 page
without a single query."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import StatePartyFactory
from tests.utils import log_in_client


@pytest.mark.urls("tests.operations.error_urls")
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_500_page_in_the_layout_without_the_database(settings, language):
    assert settings.DEBUG is False
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/test-failure/")
    assert response.status_code == 500
    # The request's transaction (ATOMIC_REQUESTS) opens and rolls back around the view, inside
    # the test's own: savepoints, and nothing else.
    statements = [query["sql"] for query in captured.captured_queries]
    assert [sql for sql in statements if "SAVEPOINT" not in sql] == []
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert 'href="/static/css/app.css"' in page
    assert 'class="site-header"' in page
    assert 'href="/">' in page  # the way back: the home page
    if language == "en":
        assert "Something went wrong on our side" in page
        assert 'href="/">Go to the home page</a>' in page


def test_403_page_in_the_layout(observer_user):
    client = log_in_client(Client(), observer_user)
    response = client.get("/history/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "This page is not open to you" in page
    assert 'class="main-nav"' in page  # the navigation, as on every page
    assert 'class="button button--primary" href="/">Go to the home page</a>' in page


def test_404_page_in_the_layout(staff_user):
    StatePartyFactory(iso3="PER", name="Peru")
    client = log_in_client(Client(), staff_user)
    response = client.get("/states/ZZZ/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no such page" in page
    assert 'class="main-nav"' in page
    assert 'href="/">Go to the home page</a>' in page
    assert 'href="/search/">Search</a>' in page


def test_error_pages_in_french(staff_user):
    staff_user.language = "fr"
    staff_user.save()
    client = log_in_client(Client(), staff_user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="fr">' in response.content.decode()


def test_error_pages_do_not_repeat_the_address(staff_user):
    client = log_in_client(Client(), staff_user)
    response = client.get("/calendars/secret-looking-token-1234.ics")
    assert response.status_code == 404
    page = response.content.decode()
    assert "secret-looking-token-1234" not in page
    assert '<input type="hidden" name="next" value="/">' in page
