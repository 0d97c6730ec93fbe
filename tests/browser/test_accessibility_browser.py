"""axe-core on every main page, keyboard use, and the API documentation under the CSP."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from feeds import services as feed_services
from tests.factories import UserFactory

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

#: The pages people use every day; ``{ca5}`` and ``{meeting}`` are filled from the data.
MAIN_PAGES = [
    "/",
    "/states/",
    "/states/KHM/",
    "/states/KHM/edit/",
    "/states/import/",
    "/committees/",
    "/committees/CA5/",
    "/committees/CA5/dashboard/",
    "/meetings/",
    "/meetings/month/2026/2/",
    "/meetings/{meeting}/",
    "/meetings/new/",
    "/reporting/",
    "/reporting/overdue/",
    "/reporting/grid/",
    "/reporting/article9/",
    "/reporting/reports/",
    "/reporting/audiences/",
    "/reporting/audiences/{audience}/",
    "/search/?q=cambodia",
    "/calendars/",
    "/tokens/",
    "/accounts/password/",
    "/accounts/password/reset/",
]
SERIOUS = {"serious", "critical"}


def main_pages(record) -> list[str]:
    import importlib

    from django.apps import apps

    from reporting.models import Audience

    if not Audience.objects.exists():  # a transactional test before this one flushed them
        importlib.import_module("reporting.migrations.0002_builtin_audiences").create(apps, None)
    audience = Audience.objects.order_by("pk").first()
    return [
        url.format(meeting=record["ca5_meeting"].pk, audience=audience.pk) for url in MAIN_PAGES
    ]


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def test_no_serious_accessibility_violations_on_the_main_pages(app, record, member):
    UserFactory(username="irene", role="isu_staff")
    feed_services.create_feed(member)
    found: dict[str, list[str]] = {}
    app.goto(f"{app.base_url}/accounts/login/")
    if violations := serious_violations(app):
        found["/accounts/login/"] = violations
    log_in(app, "irene")
    for url in main_pages(record):
        response = app.goto(f"{app.base_url}{url}")
        assert response.status == 200, url
        if violations := serious_violations(app):
            found[url] = violations
    assert found == {}


def test_the_keyboard_reaches_everything_and_shows_where_it_is(app, record):
    UserFactory(username="irene", role="isu_staff")
    log_in(app, "irene")
    app.goto(f"{app.base_url}/states/")
    app.keyboard.press("Tab")
    skip = app.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    app.keyboard.press("Enter")
    assert app.url.endswith("#main")

    # Every visible control of the page is reached with Tab, in order, and shows a focus ring.
    controls = app.evaluate(
        """() => Array.from(document.querySelectorAll(
                'a[href], button, input:not([type=hidden]), select, textarea'))
              .filter(el => el.offsetParent !== null || el.classList.contains('skip-link'))
              .map((el, index) => { el.dataset.control = index; return index; })"""
    )
    app.goto(app.url)  # the same page, focus from the start
    app.evaluate(
        """() => Array.from(document.querySelectorAll(
                'a[href], button, input:not([type=hidden]), select, textarea'))
              .filter(el => el.offsetParent !== null || el.classList.contains('skip-link'))
              .forEach((el, index) => { el.dataset.control = index; })"""
    )
    reached, outlines = set(), set()
    for _ in range(len(controls) + 10):
        app.keyboard.press("Tab")
        state = app.evaluate(
            """() => { const el = document.activeElement;
                       return [el.dataset.control, getComputedStyle(el).outlineStyle]; }"""
        )
        if state[0] is not None:
            reached.add(int(state[0]))
            outlines.add(state[1])
    assert reached == set(controls)
    assert "none" not in outlines


def test_the_api_documentation_works_under_the_content_security_policy(app, record):
    UserFactory(username="irene", role="isu_staff")
    log_in(app, "irene")
    app.goto(f"{app.base_url}/api/docs/")
    expect(app.locator(".swagger-ui .info .title")).to_contain_text("Secretariat API")
    expect(app.get_by_text("/api/states/", exact=True).first).to_be_visible()
