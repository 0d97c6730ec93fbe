"""The API's extension routes and the Committee's dashboard panels."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from extensions import dashboards, services
from extensions.models import (
    Decision,
    DecisionRequirement,
    ExtensionRequest,
    ProgressFigure,
    RequestVersion,
    WorkPlanYear,
)
from tests.factories import UserFactory
from tests.utils import log_in_client, queries_for

from .conftest import affected

pytestmark = pytest.mark.django_db


def _request(state, meeting, received):
    return services.receive_request(
        ExtensionRequest(
            state=state, meeting=meeting, received_on=received, requested_until=date(2030, 12, 31)
        ),
        RequestVersion(received_on=received),
    )


@pytest.fixture
def recorded(calendar, committees):
    khm = affected("KHM", "Cambodia", date(2015, 9, 10))
    request = _request(khm, calendar["22MSP"], date(2025, 2, 20))
    version = request.versions.get()
    WorkPlanYear.objects.create(version=version, year=2025, area_m2=100_000)
    services.record_decision(
        Decision(
            request=request,
            decided_on=date(2025, 12, 2),
            granted=True,
            new_deadline=date(2030, 12, 31),
        ),
        [DecisionRequirement(text="An updated work plan", due_on=date(2027, 4, 30))],
    )
    return request


def test_the_api_by_the_workspace_rule(recorded, client, ca5_chair):
    staff = UserFactory(username="irene", role="isu_staff")
    log_in_client(client, staff)
    answer = client.get("/api/extension-requests/?meeting=22MSP").json()
    assert [(r["state"], r["meeting"], r["requested_until"]) for r in answer["results"]] == [
        ("KHM", "22MSP", "2030-12-31")
    ]
    assert answer["results"][0]["versions"][0]["work_plan"] == [
        {"year": 2025, "area_m2": 100000, "budget": None}
    ]
    assert client.get("/api/extension-requests/?meeting=5RC").json()["results"] == []
    decisions = client.get("/api/extension-decisions/").json()["results"]
    assert [
        (d["state"], d["granted"], d["new_deadline"], d["requirements"]) for d in decisions
    ] == [
        (
            "KHM",
            True,
            "2030-12-31",
            [{"text": "An updated work plan", "due_on": "2027-04-30", "met_on": None}],
        )
    ]
    with time_machine.travel(datetime(2025, 6, 1, 9, tzinfo=UTC), tick=True):
        log_in_client(client, ca5_chair)
        assert client.get("/api/extension-decisions/").status_code == 200
    log_in_client(client, UserFactory(username="olga", role="observer"))
    assert client.get("/api/extension-requests/").status_code == 403
    log_in_client(client, UserFactory(username="other", role="committee"))
    assert client.get("/api/extension-decisions/").status_code == 403
    assert client.post("/api/extension-requests/", {}).status_code in (403, 405)


def test_the_api_lists_run_the_same_queries_for_more_records(recorded, calendar, client):
    log_in_client(client, UserFactory(username="irene", role="isu_staff"))
    urls = ("/api/extension-requests/", "/api/extension-decisions/")
    small = [len(queries_for(client, url)) for url in urls]
    for index in range(8):
        state = affected(f"Q{index:02d}", f"State {index}", date(2015, 9, 10))
        request = _request(state, calendar["22MSP"], date(2025, 2, 20))
        WorkPlanYear.objects.create(version=request.versions.get(), year=2026, area_m2=5)
        services.record_decision(
            Decision(request=request, decided_on=date(2025, 12, 2), granted=False),
            [DecisionRequirement(text="A report", due_on=date(2026, 4, 30))],
        )
    assert [len(queries_for(client, url)) for url in urls] == small


def test_the_dashboard_panels(recorded, calendar, committees):
    late = affected("AGO", "Angola", date(2015, 9, 10))
    affected("BDI", "Burundi", date(2015, 9, 10))
    _request(late, calendar["22MSP"], date(2025, 3, 10))
    ProgressFigure.objects.create(state=recorded.state, year=2025, area_released_m2=80_000)
    panels = {
        panel.key: panel
        for panel in dashboards.extension_panels(committees["CA5"], date(2025, 4, 1), None)
    }
    expected = panels["extension_requests"].context
    assert expected["counts"] == {"expected": 0, "received": 1, "late": 1, "missing": 1}
    assert [(row.state.iso3, row.status.value) for row in expected["rows"]] == [
        ("BDI", "missing"),
        ("AGO", "late"),
        ("KHM", "received"),
    ]
    assert [record.state.iso3 for record in panels["pending_extensions"].context["requests"]] == []
    progress = dashboards.plan_progress(date(2026, 1, 10))
    assert [(row.state.iso3, row.year, row.planned_m2, row.released_m2) for row in progress] == [
        ("KHM", 2025, 100_000, 80_000)
    ]
    assert dashboards.extension_panels(committees["CCC"], date(2025, 4, 1), None) == []


def test_each_pending_request_appears_once_on_the_dashboard(recorded, calendar, committees):
    """A request for the coming Meeting is in its panel with its status, whether recorded here
    or on the State's page only; every other request still pending (a Meeting closed with no
    decision recorded yet) is in the panel of those awaiting a decision; none is in both."""
    from reporting.dashboards import dashboard_panels
    from tests.factories import Article5ExtensionFactory

    angola = affected("AGO", "Angola", date(2015, 9, 10))
    coming = _request(angola, calendar["22MSP"], date(2025, 3, 10))
    peru = affected("PER", "Peru", date(2015, 9, 10))
    closed = _request(peru, calendar["5RC"], date(2024, 2, 1))
    # Entered on the States' pages only: Colombia's after the Review Conference closed (for
    # the 22nd Meeting), Chile's before it (for the Review Conference, still undecided).
    colombia = affected("COL", "Colombia", date(2015, 9, 10))
    for_coming = Article5ExtensionFactory(
        state=colombia, submitted_on=date(2025, 3, 31), requested_until=date(2031, 3, 1)
    )
    for_closed = Article5ExtensionFactory(
        state=affected("CHL", "Chile", date(2015, 9, 10)),
        submitted_on=date(2024, 11, 29),
        requested_until=date(2031, 3, 1),
    )
    today = date(2025, 4, 1)
    panels = {
        panel.key: panel.context
        for panel in [
            *dashboard_panels(committees["CA5"], today),
            *dashboards.extension_panels(committees["CA5"], today, None),
        ]
    }
    # Reporting's own panel of pending requests is not on this dashboard (keys are unique).
    assert list(panels) == [
        "deadlines",
        "clearance",
        "article5_chart",
        "extension_requests",
        "pending_extensions",
        "extension_progress",
    ]
    rows = panels["extension_requests"]["rows"]
    for_meeting = {row.request.outcome_record_id for row in rows if row.request} | {
        row.recorded.pk for row in rows if row.recorded
    }
    awaiting = {record.pk for record in panels["pending_extensions"]["requests"]}
    assert for_meeting == {coming.outcome_record_id, recorded.outcome_record_id, for_coming.pk}
    assert awaiting == {closed.outcome_record_id, for_closed.pk}
    assert panels["pending_extensions"]["total"] == 2
    # Peru and Chile, whose requests of the Review Conference are undecided, must still
    # request at the 22nd Meeting (their deadline falls before the 23rd).
    assert {(row.state.iso3, row.status.value) for row in rows} == {
        ("AGO", "late"),
        ("COL", "late"),
        ("KHM", "received"),
        ("CHL", "missing"),
        ("PER", "missing"),
    }
    # On the Committee on Article 5 Implementation only: the CECA's dashboard keeps reporting's.
    assert dashboards.extension_panels(committees["CECA"], today, None) == []
    assert "pending_extensions" in [p.key for p in dashboard_panels(committees["CECA"], today)]


def test_the_committees_dashboard_shows_them(recorded, ca5_chair, client):
    with time_machine.travel(datetime(2025, 4, 1, 9, tzinfo=UTC), tick=True):
        log_in_client(client, ca5_chair)
        page = client.get(reverse("reporting:dashboard", args=["CA5"])).content.decode()
    assert "Extension requests for the coming Meeting" in page
    assert "Progress against the work plans, last year" in page
    assert page.count('id="panel-pending_extensions"') == 1


def test_progress_reads_form_c_where_staff_entered_no_figure(recorded):
    from extensions import progress
    from tests.factories import Article7ReportFactory, MinedAreaFactory

    state = recorded.state
    # The 2025 report, sent twice: the later version counts; a draft for 2024 does not.
    first = Article7ReportFactory(state=state, year_covered=2025, version=1, status="submitted")
    MinedAreaFactory(report=first, cleared_m2=1)
    second = Article7ReportFactory(state=state, year_covered=2025, version=2, status="submitted")
    MinedAreaFactory(report=second, cancelled_m2=10_000, reduced_m2=5_000, cleared_m2=50_000)
    MinedAreaFactory(report=second, cleared_m2=5_000)
    draft = Article7ReportFactory(state=state, year_covered=2024, version=1)
    MinedAreaFactory(report=draft, cleared_m2=999)
    rows = progress.progress_of(state).years
    assert [(r.year, r.planned_m2, r.entered_m2, r.reported_m2, r.released_m2) for r in rows] == [
        (2025, 100_000, None, 70_000, 70_000)
    ]
    assert [
        (row.state.iso3, row.planned_m2, row.released_m2)
        for row in dashboards.plan_progress(date(2026, 1, 10))
    ] == [("KHM", 100_000, 70_000)]
    # A figure staff enter takes precedence.
    ProgressFigure.objects.create(state=state, year=2025, area_released_m2=60_000)
    (row,) = progress.progress_of(state).years
    assert (row.released_m2, row.shortfall_m2) == (60_000, 40_000)
