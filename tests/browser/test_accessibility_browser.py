"""axe-core on every main page, keyboard use, and the API documentation under the CSP."""

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import UserFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

#: A page that does not exist: the 404 page, in the site's layout.
NOT_FOUND = "/no-such-page/"
#: The pages people use every day: every page the navigation links to and one record of each
#: kind; ``{meeting}`` and the other placeholders are filled from the data (``main_pages``).
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
    "/activities/",
    "/activities/{activity}/",
    "/priorities/",
    "/action-plans/",
    "/compliance/",
    "/compliance/{matter}/",
    "/documents/",
    "/documents/{document}/",
    "/correspondence/letters/",
    "/correspondence/letters/{letter}/",
    "/correspondence/outbox/",
    "/correspondence/upcoming/",
    "/correspondence/upcoming/?until={next_week}",
    "/correspondence/awaiting-reply/",
    "/correspondence/reminders/",
    "/correspondence/reminders/{rule}/",
    "/history/",
    "/reporters/",
    "/reporters/invite/",
    "/article7/",
    "/extensions/",
    "/extensions/expected/",
    "/extensions/new/",
    "/extensions/import/",
    "/extensions/decisions/import/",
    "/extensions/{extension_request}/",
    "/extensions/{extension_request}/edit/",
    "/extensions/{extension_request}/versions/new/",
    "/extensions/{extension_request}/versions/1/",
    "/extensions/{extension_request}/versions/1/edit/",
    "/extensions/{extension_request}/versions/1/areas/new/",
    "/extensions/{extension_request}/versions/1/work-plan/new/",
    "/extensions/{extension_request}/versions/1/funding/new/",
    "/extensions/{extension_request}/questions/new/",
    "/extensions/{extension_request}/analysis/",
    "/extensions/{extension_request}/decision/",
    "/extensions/{extension_request}/decision/requests/new/",
    "/extensions/{extension_request}/decision/requests/{requirement}/",
    "/extensions/states/KHM/",
    "/extensions/states/KHM/completion/",
    "/extensions/states/KHM/unknown-areas/",
    "/extensions/states/KHM/progress/",
    "/article7/{a7_report}/",
    # A national reporter's pages (everyone else is refused them: 403).
    "/portal/",
    "/portal/reports/published/",
    "/portal/reports/{a7_report}/",
    "/portal/reports/{a7_report}/forms/D/",
    "/portal/reports/{a7_report}/review/",
    NOT_FOUND,
]
SERIOUS = {"serious", "critical"}


def main_pages(record) -> list[str]:
    return fill_pages(record["ca5_meeting"])


def fill_pages(meeting) -> list[str]:
    """``MAIN_PAGES`` with the first record of each kind (those of the ``work`` fixture, or of
    the demo data); a page whose kind has no record is left out."""
    import importlib
    from datetime import timedelta

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.utils import timezone

    from activities.models import Activity, ComplianceMatter
    from article7.models import Report
    from correspondence.models import Letter, ReminderRule
    from documents.models import Document
    from extensions.models import DecisionRequirement
    from reporting.models import Audience

    if not Audience.objects.exists():  # a transactional test before this one flushed them
        # With the migration's own models, as in a fresh database: no history rows, which the
        # history page would show with the audiences' English names.
        state = MigrationLoader(connection).project_state(("reporting", "0002_builtin_audiences"))
        importlib.import_module("reporting.migrations.0002_builtin_audiences").create(
            state.apps, None
        )
    first = {
        "audience": Audience.objects.order_by("pk").first(),
        "activity": Activity.objects.order_by("pk").first(),
        "matter": ComplianceMatter.objects.order_by("pk").first(),
        "document": Document.objects.order_by("pk").first(),
        "letter": Letter.objects.filter(status=Letter.Status.SENT).order_by("pk").first(),
        "rule": ReminderRule.objects.order_by("pk").first(),
        # A draft Article 7 report (its forms open), else any.
        "a7_report": Report.objects.filter(status="draft").order_by("pk").first()
        or Report.objects.order_by("pk").first(),
    }
    values = {key: record.pk for key, record in first.items() if record is not None}
    # A request the Meeting decided, with what its decision asks (and its first version).
    requirement = DecisionRequirement.objects.select_related("decision").order_by("pk").first()
    if requirement is not None:
        values["extension_request"] = requirement.decision.request_id
        values["requirement"] = requirement.pk
    values["meeting"] = meeting.pk
    values["next_week"] = (timezone.localdate() + timedelta(days=7)).isoformat()
    pages = []
    for url in MAIN_PAGES:
        try:
            pages.append(url.format(**values))
        except KeyError:
            continue
    return pages


#: axe-core's script, read once; a page gets it injected once, however often it is checked.
AXE = Axe()
#: axe-core's rules whose every check finds at most a moderate problem: their findings are
#: never reported here, so they are not run (a fifth of axe's time on a page). A rule whose
#: checks say nothing of their impact is run.
GENTLE_RULES = """serious => axe._audit.rules.filter(rule => {
    const impacts = [rule.impact, ...[...rule.any, ...rule.all, ...rule.none].map(check => {
        const id = check.id || check;
        return axe._audit.checks[id]?.metadata?.impact ?? axe._audit.data.checks?.[id]?.impact;
    })].filter(Boolean);
    return impacts.length > 0 && impacts.every(impact => !serious.includes(impact));
}).map(rule => rule.id)"""
#: Read from the first page checked: every page gets the same axe-core.
_gentle_rules: list[str] = []


def serious_violations(page) -> list[str]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.axe_script)
    if not _gentle_rules:
        _gentle_rules.extend(page.evaluate(GENTLE_RULES, sorted(SERIOUS)))
    options = {
        "resultTypes": ["violations"],
        "rules": {rule: {"enabled": False} for rule in _gentle_rules},
    }
    results = AxeResults(page.evaluate("options => axe.run(document, options)", options))
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def test_axe_runs_every_rule_that_can_find_a_serious_problem(app):
    """The rules left out can only find minor or moderate problems; those that find the
    problems this suite looks for (contrast, names, labels) are run."""
    app.goto(f"{app.base_url}/accounts/login/")
    assert serious_violations(app) == []
    # A button with no name: what the check is for.
    app.evaluate("() => document.querySelector('main').append(document.createElement('button'))")
    assert [found.split(":")[0] for found in serious_violations(app)] == ["button-name (critical)"]
    assert {"region", "heading-order", "landmark-unique", "page-has-heading-one"} <= set(
        _gentle_rules
    )
    assert not {"color-contrast", "label", "button-name", "link-name", "image-alt"} & set(
        _gentle_rules
    )
    assert len(_gentle_rules) < 40


def test_no_serious_accessibility_violations_on_the_login_page(app):
    """The signed-in pages are checked at a phone's and a laptop's width for every role
    (``test_layout_browser.test_every_main_page_fits_a_phone_and_a_laptop``)."""
    app.goto(f"{app.base_url}/accounts/login/")
    assert serious_violations(app) == []


def test_the_keyboard_reaches_everything_and_shows_where_it_is(app, record):
    UserFactory(username="irene", role="isu_staff")
    sign_in(app, "irene")
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
    sign_in(app, "irene")
    app.goto(f"{app.base_url}/api/docs/")
    expect(app.locator(".swagger-ui .info .title")).to_contain_text("Secretariat API")
    expect(app.get_by_text("/api/states/", exact=True).first).to_be_visible()
