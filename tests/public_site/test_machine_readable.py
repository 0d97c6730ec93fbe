"""What search engines, feed readers and calendar programs read: the sitemap with each page's
languages, ``hreflang`` alternates, canonical URLs, Open Graph tags, robots.txt, the Atom feed
of published documents and the calendar of public meetings; and the headers that let browsers
and proxies keep the pages (``Cache-Control: public``, an ETag, 304)."""

import re

import pytest
from django.test import Client
from icalendar import Calendar

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def test_the_sitemap_names_every_page_in_every_language(record):
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    xml = response.content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    pages = ["", "committees/CA5/", "committees/CVA/", "committees/CECA/", "committees/CCC/"]
    pages += ["states-parties/", "meetings/", "documents/", "article-7-reports/"]
    assert locations == [
        f"{BASE}/{language}/{page}" for page in pages for language in ("en", "fr", "es")
    ]
    entry = xml.split("<url>")[3]  # the home page in Spanish
    assert re.findall(r'hreflang="(\w+)" href="([^"]+)"', entry) == [
        ("en", f"{BASE}/en/"),
        ("fr", f"{BASE}/fr/"),
        ("es", f"{BASE}/es/"),
    ]


def test_a_page_names_its_alternates_canonical_url_and_open_graph_tags(record):
    html = Client().get("/fr/committees/CECA/").content.decode()
    assert f'<link rel="canonical" href="{BASE}/fr/committees/CECA/">' in html
    for language in ("en", "fr", "es"):
        url = f"{BASE}/{language}/committees/CECA/"
        assert f'<link rel="alternate" hreflang="{language}" href="{url}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{BASE}/en/committees/CECA/">' in html
    assert f'<meta property="og:url" content="{BASE}/fr/committees/CECA/">' in html
    assert '<meta property="og:locale" content="fr_FR">' in html
    assert re.search(r'<meta property="og:title" content="[^"]+">', html)
    assert '<link rel="alternate" type="application/atom+xml" title="' in html


def test_robots_lets_crawlers_read_the_public_website_only(record):
    response = Client().get("/robots.txt")
    assert response.status_code == 200
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Allow: /en/",
        "Allow: /fr/",
        "Allow: /es/",
        "Allow: /article7/published/",
        "Disallow: /",
        f"Sitemap: {BASE}/sitemap.xml",
    ]


def test_the_atom_feed_lists_the_public_documents(record):
    response = Client().get("/en/documents/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    xml = response.content.decode()
    assert re.findall(r"<entry><title>([^<]+)</title>", xml) == [
        "APLC/MSP.22/2025/WP.7: Activities and Priorities for Implementation 2025-2026"
    ]
    assert f'href="{BASE}/en/documents/{record.public.document_id}/1.pdf"' in xml
    for hidden in ("APLC/INTERNAL", "APLC/SP-ONLY", "APLC/DRAFT"):
        assert hidden not in xml


def test_the_calendar_of_public_meetings(record):
    response = Client().get("/fr/meetings.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "public" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert len(events) == 7  # six formal meetings and the intersessionals, no committee's own
    assert "Private CECA working session" not in response.content.decode()
    event = events["Réunions intersessions 2026"]
    meeting = record.intersessional
    assert str(event["url"]) == f"{BASE}/fr/meetings/#meeting-{meeting.pk}"
    assert str(event["uid"]) == f"meeting-{meeting.pk}@secretariat.apmbc-isu"


def test_pages_are_public_with_an_etag_and_answer_304_when_unchanged(record):
    client = Client()
    for url in ("/en/", "/fr/committees/CECA/", "/es/states-parties/", "/sitemap.xml"):
        response = client.get(url)
        assert response.status_code == 200
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=300"}, url
        etag = response["ETag"]
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, url
        assert again.content == b""
        assert again["ETag"] == etag
        assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_signed_in_users_get_the_same_page_kept_private(record, observer_client):
    anonymous = Client().get("/en/committees/CECA/")
    signed_in = observer_client.get("/en/committees/CECA/")
    assert signed_in.content == anonymous.content
    directives = {part.strip() for part in signed_in["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives
