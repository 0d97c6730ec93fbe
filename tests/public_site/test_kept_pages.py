"""A visitor's public page kept in Redis is answered before the session, authentication, CSRF
and message middleware (``public_site.middleware``): with the same headers as when it was
built, its ETag (304 on revalidation), per language, without a cookie; someone signed in goes
the whole way and gets it private."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from states_parties.models import StateParty

pytestmark = pytest.mark.django_db

#: What may differ between two answers of the same page.
VOLATILE = {"Date"}


def _headers(response) -> dict[str, str]:
    return {name: value for name, value in response.headers.items() if name not in VOLATILE}


def _fetch(client: Client, url: str, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    queries = [q for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    return response, len(queries)


def test_a_kept_page_goes_out_as_it_was_built_without_the_session(redis_cache, record):
    client = Client()
    built, queries = _fetch(client, "/fr/committees/CECA/")
    assert built.status_code == 200 and queries > 5
    # Built through the whole stack: the session middleware ran.
    assert hasattr(built.wsgi_request, "session")
    kept, queries = _fetch(client, "/fr/committees/CECA/")
    assert (kept.status_code, queries) == (200, 0)
    assert not hasattr(kept.wsgi_request, "session")
    assert kept.content == built.content
    assert _headers(kept) == _headers(built)
    assert kept["Content-Language"] == "fr"
    assert kept["Vary"] == "Cookie"
    assert kept["X-Frame-Options"] == "DENY"
    assert {part.strip() for part in kept["Cache-Control"].split(",")} == {
        "public",
        "max-age=300",
    }
    assert "Content-Security-Policy" in kept
    # No cookie for a visitor, built or kept.
    assert not built.cookies and not kept.cookies
    assert "Set-Cookie" not in kept and "Set-Cookie" not in built


def test_revalidation_answers_304_from_the_kept_page(redis_cache, record):
    client = Client()
    etag = client.get("/en/states-parties/")["ETag"]
    response, queries = _fetch(client, "/en/states-parties/", if_none_match=etag)
    assert (response.status_code, queries) == (304, 0)
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Vary"] == "Cookie"
    assert _fetch(client, "/en/states-parties/", if_none_match='"other"')[0].status_code == 200
    # A change: a new page, a new ETag, and the old one no longer answers 304.
    StateParty.objects.filter(iso3="COL").update(name="Republic of Colombia")
    response, queries = _fetch(client, "/en/states-parties/", if_none_match=etag)
    assert response.status_code == 200 and queries > 0
    assert response["ETag"] != etag
    assert "Republic of Colombia" in response.content.decode()


def test_each_language_is_kept_apart(redis_cache, record):
    client = Client()
    pages = {language: client.get(f"/{language}/states-parties/") for language in ("en", "es")}
    for language, built in pages.items():
        kept, queries = _fetch(client, f"/{language}/states-parties/")
        assert queries == 0
        assert kept.content == built.content
        assert kept["Content-Language"] == language
    assert "Germany" in pages["en"].content.decode()
    assert "Alemania" in pages["es"].content.decode()
    assert pages["en"]["ETag"] != pages["es"]["ETag"]


def test_what_the_kept_page_does_not_answer(redis_cache, record, observer_client):
    client = Client()
    client.get("/en/committees/CECA/")
    # A query string, a POST, someone signed in: the whole stack.
    response, _queries = _fetch(client, "/en/committees/CECA/?utm=1")
    assert response.status_code == 200 and hasattr(response.wsgi_request, "session")
    assert client.post("/en/committees/CECA/").status_code == 405
    signed_in, _queries = _fetch(observer_client, "/en/committees/CECA/")
    assert signed_in.content == client.get("/en/committees/CECA/").content
    directives = {part.strip() for part in signed_in["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives and "public" not in directives
    # A page under a language's prefix that is not one of the site's: nothing kept.
    assert client.get("/en/meetings.ics").status_code == 200
    assert client.get("/en/no-such-page/").status_code == 404
