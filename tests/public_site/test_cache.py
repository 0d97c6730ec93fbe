"""The public pages are kept rendered in the real Redis, per page and language, and built again
as soon as a record they show changes (a State's dates, a committee's text, a published
document), whoever writes it and however (a service, a bulk update)."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from documents.models import DocumentVersion
from public_site import services
from public_site.models import CommitteeText
from states_parties.models import StateParty

pytestmark = pytest.mark.django_db


def _get(url: str) -> tuple[str, int]:
    """The page's HTML and how many queries building it took (the request's savepoints
    aside)."""
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(url)
    assert response.status_code == 200
    queries = [q for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    return response.content.decode(), len(queries)


def test_pages_are_kept_per_language_until_what_they_show_changes(redis_cache, record):
    client, prefix = redis_cache
    english, queries = _get("/en/committees/CECA/")
    assert queries > 5
    assert _get("/en/committees/CECA/") == (english, 0)
    # Each language has its own entry.
    french, queries = _get("/fr/committees/CECA/")
    assert queries > 5 and french != english
    assert _get("/fr/committees/CECA/")[1] == 0
    keys = sorted(key.decode() for key in client.scan_iter(f"{prefix}:*:public_site:*"))
    # Kept by address (page, language, arguments), scheme, host and day.
    assert [key.split(":public_site:")[1].split(":")[1:] for key in keys] == [
        ["http", "testserver", "/en/committees/CECA/", "2026-06-01"],
        ["http", "testserver", "/fr/committees/CECA/", "2026-06-01"],
    ]

    # A committee's text, through its service: the page in every language is built again.
    text = CommitteeText.objects.get(committee__code="CECA", language="en")
    text.mandate = "A new first item.\n" + text.mandate
    services.save_committee_text(text)
    english, queries = _get("/en/committees/CECA/")
    assert queries > 5
    assert "<li>A new first item.</li>" in english
    assert _get("/fr/committees/CECA/")[1] > 5


def test_a_bulk_update_of_states_and_a_new_publication_show_at_once(redis_cache, record):
    html, _queries = _get("/en/states-parties/")
    assert "Colombia" in html
    assert _get("/en/states-parties/")[1] == 0
    StateParty.objects.filter(iso3="COL").update(name="Republic of Colombia")
    html, queries = _get("/en/states-parties/")
    assert queries > 0
    assert "Republic of Colombia" in html

    _get("/en/documents/")
    assert _get("/en/documents/")[1] == 0
    DocumentVersion.objects.filter(pk=record.internal.pk).update(visibility="public")
    html, queries = _get("/en/documents/")
    assert queries > 0
    assert "APLC/INTERNAL/2025/WP.8" in html


def test_without_redis_the_pages_are_built_all_the_same(record):
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "common.redis_cache.RedisCache",
                "LOCATION": "redis://127.0.0.1:9/0",
                "OPTIONS": {"socket_timeout": 0.2, "socket_connect_timeout": 0.2},
            }
        }
    ):
        html, queries = _get("/en/committees/CECA/")
        assert queries > 5
        assert "Colombia (Chair)" in html
