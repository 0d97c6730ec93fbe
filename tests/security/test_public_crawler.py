"""The public website as a crawler finds it: signed in as nobody, every link from each
language's home page and from ``sitemap.xml``, followed within the site. Every page answers
(no 5xx, no 404 from a link of ours), shows nothing but the public record (none of the matrix's
sentinels of any kind and visibility, no draft, no contact's address, no secret) and links
nowhere into the signed-in application."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
import time_machine
from django.test import Client

from . import matrix
from .conftest import TODAY

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "fr", "es")
#: Where a public page may link on this site: the pages of each language, static files, the
#: downloads of published Article 7 reports.
PUBLIC_PREFIXES = (
    "/en/",
    "/fr/",
    "/es/",
    "/static/",
    "/sitemap.xml",
    "/robots.txt",
    "/article7/published/",
)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        for attribute in ("href", "src", "action"):
            if values.get(attribute):
                self.links.add(values[attribute])


def links_of(html: str) -> set[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def xml_links_of(xml: str) -> set[str]:
    """The addresses a sitemap or an Atom feed names."""
    return set(re.findall(r"<loc>([^<]+)</loc>", xml)) | set(re.findall(r'href="([^"]+)"', xml))


def crawl(client: Client, starts: list[str]) -> tuple[dict[str, int], list[str]]:
    """Every page reached from ``starts``: its status, and what is wrong with it."""
    seen: dict[str, int] = {}
    problems: list[str] = []
    queue = deque(starts)
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200:
            problems.append(f"{url}: {response.status_code}")
            continue
        body = matrix._body(response)
        if leaked := sorted(text for text in matrix.FORBIDDEN["anonymous"] if text in body):
            problems.append(f"{url}: shows {leaked}")
        content_type = response.get("Content-Type", "")
        if "html" in content_type:
            found = links_of(body)
        elif "xml" in content_type:
            found = xml_links_of(body)
        else:
            continue
        for link in found:
            link = urldefrag(link)[0]
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                if parts.netloc != "testserver":
                    continue  # another site
                link = parts.path + (f"?{parts.query}" if parts.query else "")
            if not link.startswith("/"):
                continue
            if not link.startswith(PUBLIC_PREFIXES):
                problems.append(f"{url}: links into the application: {link}")
                continue
            if not link.startswith("/static/"):
                queue.append(link)
    return seen, problems


def test_a_crawler_finds_only_the_public_record(data):
    with time_machine.travel(TODAY, tick=True):
        seen, problems = crawl(
            Client(), [f"/{language}/" for language in LANGUAGES] + ["/sitemap.xml"]
        )
        forbidden = {text for owner, texts in data.secrets.items() for text in texts} | {
            matrix.CONTACT,
            matrix.CONTACT_DEU,
        }
        for url in seen:
            body = matrix._body(Client().get(url))
            if leaked := sorted(text for text in forbidden if text in body):
                problems.append(f"{url}: shows {leaked}")
    assert not problems, "\n".join(problems)
    # Each language's pages, the committees' pages and the published PDF were reached.
    for language in LANGUAGES:
        assert {
            f"/{language}/",
            f"/{language}/states-parties/",
            f"/{language}/meetings/",
            f"/{language}/documents/",
            f"/{language}/article-7-reports/",
            f"/{language}/committees/CA5/",
            f"/{language}/committees/CECA/",
            f"/{language}/article-7-reports/PER/2024/",
        } <= set(seen)
    assert f"/en/documents/{data.published.pk}/1.pdf" in seen
    assert {"/sitemap.xml", "/en/meetings.ics", "/fr/documents/feed.atom"} <= set(seen)
    # The published Article 7 report's data, from its page.
    report = data.a7_published.pk
    assert {f"/article7/published/{report}/json/", f"/article7/published/{report}/csv/"} <= set(
        seen
    )
