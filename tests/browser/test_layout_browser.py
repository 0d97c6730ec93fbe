"""Every main page on a phone (390 px) and on a laptop (1366 px), for every role (ISU staff's
in French and in Spanish, ``test_languages_browser``): no page is wider than the window (wide
tables scroll inside their own box), the navigation is reachable (below about 800 px through the
"Menu" disclosure) and axe-core finds no serious or critical violation (on the phone; on the
laptop too for the home page, where the navigation shows)."""

from datetime import UTC, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from feeds import services as feed_services
from tests.factories import ReporterFactory, UserFactory

from .conftest import sign_in, sign_out
from .test_accessibility_browser import (
    MAIN_PAGES,
    NOT_FOUND,
    fill_pages,
    main_pages,
    serious_violations,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
#: How much wider than the window the page is, in CSS pixels (0: no horizontal scroll).
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
#: What sticks out on the right of the window, to name it when a page is too wide.
WIDE_ELEMENTS = """() => Array.from(document.querySelectorAll('body *'))
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5
                  && !el.parentElement.closest('.table-scroll'))
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))"""

#: The main navigation can be reached: below 800 px the "Menu" summary is in the window (its
#: links are inside the disclosure), wider the navigation's first link is.
NAVIGATION_REACHABLE = """() => {
    const inView = el => { if (!el) return false; const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.left >= 0
               && box.right <= window.innerWidth && box.top >= 0; };
    const menu = document.querySelector('.nav-menu__toggle');
    const link = document.querySelector('nav.main-nav a');
    return window.innerWidth < 800 ? inView(menu) && !!link : inView(link);
}"""


@pytest.fixture
def people(record, member, meetings):
    """A user of each role: ISU staff, the Chair of the Committee on Cooperative Compliance
    (the President of 23MSP), a member of CA5, an observer, Cambodia's national reporter with
    the draft of the State's next Article 7 report."""
    from article7 import services as article7_services

    meetings["23MSP"].president_user = UserFactory(username="kenji", role="committee")
    meetings["23MSP"].save()
    staff = UserFactory(username="irene", role="isu_staff")
    UserFactory(username="olga", role="observer")
    feed_services.create_feed(member)
    khm = record["states"]["KHM"]
    ReporterFactory(state=khm, user__username="sokha")
    article7_services.start_report(state=khm, year_covered=2025, by=staff, language="en")
    return {
        "staff": "irene",
        "chair": "kenji",
        "member": member.username,
        "observer": "olga",
        "reporter": "sokha",
    }


@pytest.fixture(autouse=True)
def mid_2026():
    with time_machine.travel(datetime(2026, 6, 15, 9, 0, tzinfo=UTC), tick=True):
        yield


def _is_portal(url: str) -> bool:
    return url.startswith("/portal/")


class LayoutCheck:
    """What a sweep of pages finds on a phone and on a laptop: pages wider than the window,
    navigation out of reach, and (once a page, on the phone; on the laptop too for the home
    page, where the navigation shows) serious accessibility violations. Pages of another role
    answer 403, records one may not see 404: each refusal is the same page, measured once."""

    def __init__(self, accessibility: bool = True) -> None:
        self.accessibility = accessibility
        self.too_wide: dict[str, object] = {}
        self.violations: dict[str, list[str]] = {}
        self.unreachable: list[str] = []
        self.refusals_measured: set[int] = set()

    def visit(self, app, url: str) -> int:
        """Open ``url`` on a phone, measure it there and on a laptop (the window it is left
        in); its status."""
        app.set_viewport_size(PHONE)
        status = app.goto(f"{app.base_url}{url}").status
        if status != 200:
            if status in self.refusals_measured:
                return status
            self.refusals_measured.add(status)
        for name, size in (("phone", PHONE), ("laptop", LAPTOP)):
            app.set_viewport_size(size)
            # The navigation is reachable: through the menu on a phone, in view on a laptop.
            if not app.evaluate(NAVIGATION_REACHABLE):
                self.unreachable.append(f"{url} ({name})")
            if overflow := app.evaluate(OVERFLOW):
                self.too_wide[f"{url} ({name})"] = (overflow, app.evaluate(WIDE_ELEMENTS))
            # axe-core once a page, on the phone: the window's width changes what shows, not
            # what it is; the navigation the phone folds away is checked on the laptop's home.
            if (
                self.accessibility
                and status == 200
                and (name == "phone" or url == "/")
                and (found := serious_violations(app))
            ):
                self.violations[f"{url} ({name})"] = found
        return status

    def assert_clean(self) -> None:
        assert self.too_wide == {}, "\n".join(
            f"{page}: {what}" for page, what in self.too_wide.items()
        )
        assert self.violations == {}, "\n".join(
            f"{page}: {what}" for page, what in self.violations.items()
        )
        assert self.unreachable == []


@pytest.mark.parametrize("role", ["chair", "member", "observer", "reporter"])
def test_every_main_page_fits_a_phone_and_a_laptop(app, work, people, role):
    """ISU staff's sweep is made in French and in Spanish, with the check that no English is
    left (``test_languages_browser``): one page load serves both."""
    record = work
    app.set_viewport_size(PHONE)
    sign_in(app, people[role])
    pages = main_pages(record)
    if role == "reporter":
        # Confined to the portal: every other page is the same refusal (403); one says so.
        pages = [url for url in pages if _is_portal(url)] + ["/states/", NOT_FOUND]
    layout = LayoutCheck()
    statuses = {url: layout.visit(app, url) for url in pages}
    assert set(statuses.values()) <= {200, 403, 404}, statuses
    assert statuses[NOT_FOUND] == 404
    layout.assert_clean()
    if role == "reporter":
        portal = {url for url in pages if _is_portal(url)}
        assert {url for url, status in statuses.items() if status == 200} == portal
        assert len(portal) == 5


@pytest.mark.parametrize("role", ["staff", "observer"])
def test_on_a_phone_the_navigation_folds_into_a_menu_that_opens(app, record, people, role):
    app.set_viewport_size(PHONE)
    sign_in(app, people[role])
    menu = app.get_by_text("Menu", exact=True)
    meetings = app.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings")
    log_out = app.get_by_role("button", name="Log out")
    expect(menu).to_be_visible()
    expect(meetings).to_be_hidden()
    expect(log_out).to_be_hidden()

    menu.click()
    expect(meetings).to_be_visible()
    expect(log_out).to_be_visible()
    expect(app.get_by_role("searchbox")).to_be_visible()
    meetings.click()
    app.wait_for_url(f"{app.base_url}/meetings/")
    expect(app.get_by_role("heading", level=1)).to_have_text("Meetings")
    # Each page starts with the menu folded; the link of the page shows where one is.
    expect(meetings).to_be_hidden()
    menu.click()
    expect(meetings).to_have_attribute("aria-current", "page")

    # A laptop's window shows the navigation as it always did, with no menu to open.
    app.set_viewport_size(LAPTOP)
    expect(menu).to_be_hidden()
    expect(meetings).to_be_visible()
    expect(log_out).to_be_visible()


def test_a_table_wider_than_a_phone_scrolls_in_its_box_which_the_keyboard_reaches(
    app, record, people
):
    app.set_viewport_size(PHONE)
    sign_in(app, "irene")
    app.goto(f"{app.base_url}/states/")
    box = app.locator(".table-scroll").first
    sizes = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert sizes[0] > sizes[1]
    expect(box).to_have_attribute("tabindex", "0")
    assert app.evaluate(OVERFLOW) == 0
    # Wide enough, the same box no longer scrolls nor takes the focus.
    app.set_viewport_size(LAPTOP)
    expect(box).not_to_have_attribute("tabindex", "0")


def test_chart_labels_are_at_least_11_px_in_a_laptops_window(app, record, people):
    app.set_viewport_size(LAPTOP)
    sign_in(app, "irene")
    for url in ("/reporting/", "/committees/CCC/dashboard/", "/committees/CA5/dashboard/"):
        app.goto(f"{app.base_url}{url}")
        sizes = app.evaluate(
            """() => Array.from(document.querySelectorAll('.chart__svg text')).map(text =>
                 parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a)"""
        )
        assert sizes, url
        assert min(sizes) >= 11, (url, min(sizes))


def test_the_demo_data_fits_a_phone(demo_data, app):
    """The demo's longer records (every State Party, letters, documents) on a 390 px phone, as
    ISU staff (who see every record) and a Chair (with what a Chair may do on them); each role's
    own pages are measured with every role above."""
    from committees.models import Meeting

    meeting = Meeting.objects.filter(committee__code="CA5").order_by("pk").first()
    urls = fill_pages(meeting)
    assert len(urls) == len(MAIN_PAGES)
    too_wide: dict[str, object] = {}
    opened = {}
    for username in ("isu", "chair"):
        sign_out(app)
        app.set_viewport_size(PHONE)
        sign_in(app, username)
        opened[username] = 0
        for url in urls:
            # A refusal (403, 404) is the same page whatever the records: measured above.
            if app.goto(f"{app.base_url}{url}").status != 200:
                continue
            opened[username] += 1
            if overflow := app.evaluate(OVERFLOW):
                too_wide[f"{username} {url}"] = (overflow, app.evaluate(WIDE_ELEMENTS))
    assert too_wide == {}, "\n".join(f"{page}: {what}" for page, what in too_wide.items())
    # Staff open all but the 404 and the five pages of the national reporters; the Chair
    # about half (the committees' work, no staff page).
    assert opened == {"isu": len(urls) - 6, "chair": 34}


def waiting_groups(page) -> dict[str, tuple[str, int]]:
    """The home page's waiting groups: key -> (title, count)."""
    groups = page.get_by_test_id("waiting").locator("[data-waiting]")
    found = {}
    for index in range(groups.count()):
        group = groups.nth(index)
        count = group.locator("h3 [data-count]").inner_text()
        title = group.locator("h3").inner_text().removesuffix(count).strip()
        found[group.get_attribute("data-waiting")] = (title, int(count))
    return found


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_home_page_starts_with_the_waiting_work_of_the_isu(app, work, people, size):
    app.set_viewport_size(size)
    sign_in(app, "irene")
    expect(app.get_by_role("heading", name="Waiting for you")).to_be_in_viewport()
    # The ``work`` fixture's letter, failed e-mail, drafts and reminder, Cambodia's report,
    # and the four standing committees with vacant seats.
    assert waiting_groups(app) == {
        "failed-emails": ("E-mails that failed", 1),
        "replies-overdue": ("Replies overdue", 1),
        "letter-drafts": ("Letter drafts, oldest first", 1),
        "reminders-next-week": ("Reminders going out in the next 7 days", 1),
        "document-drafts": ("Document drafts, oldest first", 1),
        "committee-gaps": ("Committees with a vacant seat or no Chair", 4),
        "reports-to-acknowledge": ("Reports received to acknowledge", 1),
    }
    assert app.evaluate(OVERFLOW) == 0


def test_the_demo_home_shows_the_waiting_work_of_the_isu_and_of_a_chair(demo_data, app):
    """On a phone, the demo's ISU officer and CA5 Chair find their waiting work first."""
    titles, counts = {}, {}
    for username in ("isu", "chair"):
        sign_out(app)
        app.set_viewport_size(PHONE)
        sign_in(app, username)
        expect(app.get_by_role("heading", name="Waiting for you")).to_be_in_viewport()
        groups = waiting_groups(app)
        titles[username] = {key: title for key, (title, _count) in groups.items()}
        counts[username] = {key: count for key, (_title, count) in groups.items()}
        assert app.evaluate(OVERFLOW) == 0
    assert titles == {
        "isu": {
            "failed-emails": "E-mails that failed",
            "letter-drafts": "Letter drafts, oldest first",
            "reminders-next-week": "Reminders going out in the next 7 days",
            "document-drafts": "Document drafts, oldest first",
            "documents-submitted": "Documents awaiting the Chair's approval",
            "jobs-in-progress": "Imports and PDFs in progress",
            "reports-to-acknowledge": "Reports received to acknowledge",
        },
        "chair": {
            "letters-to-approve": "Letters awaiting your approval",
            "documents-to-approve": "Documents awaiting your approval",
            "newly-published": "Published in the last 30 days",
            "term-ends": "Terms ending within a year",
            "deadlines-CA5": "Article 5 deadlines within a year",
        },
    }
    # The counts of what the demo leaves waiting on its day; the rest grows with the data.
    assert counts["isu"]["failed-emails"] == 2
    assert counts["isu"]["letter-drafts"] == 1
    assert counts["chair"] == {
        "letters-to-approve": 1,
        "documents-to-approve": 1,
        "newly-published": 2,
        "term-ends": 2,
        "deadlines-CA5": 4,  # Cambodia's moved: the demo's last Meeting granted its request
    }
