"""The public website in a browser, signed in as nobody: axe-core finds no serious violation
on its pages in English, French and Spanish, and they load under the Content-Security-Policy
(the ``app`` fixture fails on any console error)."""

import pytest
import time_machine

from tests.public_site.records import TODAY, build_record, published_report

from .test_accessibility_browser import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = (
    "",
    "committees/CECA/",
    "committees/CCC/",
    "states-parties/",
    "meetings/",
    "documents/",
    "article-7-reports/",
    "article-7-reports/KHM/2025/",
)


def test_the_public_pages_have_no_serious_accessibility_violation(app, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(TODAY, tick=True):
        record = build_record()
        published_report(record.states["KHM"])
        problems = []
        for language in ("en", "fr", "es"):
            for page in PAGES:
                app.goto(f"{app.base_url}/{language}/{page}")
                assert app.locator("html").get_attribute("lang") == language
                problems += [f"/{language}/{page}: {v}" for v in serious_violations(app)]
    assert problems == []
