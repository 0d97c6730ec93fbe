import csv
import io
import random
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook

from committees.models import Committee, Representative
from reporting import services
from reporting.models import ExpectedReport, Submission
from states_parties.models import StateParty
from tests.factories import StatePartyFactory, UserFactory, bulk_states
from tests.utils import log_in_client, queries_for, truncate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def june_2024():
    with time_machine.travel(datetime(2024, 6, 1, 9, tzinfo=UTC), tick=True):
        yield


@pytest.fixture
def reporting_states():
    angola = StatePartyFactory(
        iso3="AGO", name="Angola", deposit_date=date(2019, 1, 10), has_mined_areas=True
    )
    belgium = StatePartyFactory(iso3="BEL", name="Belgium", deposit_date=date(2019, 1, 10))
    services.sync_expected_reports([angola, belgium], through_year=2024)
    for year in range(2019, 2024):
        services.save_submission(
            Submission(state=belgium, year=year, received_on=date(year + 1, 4, 1))
        )
    return angola, belgium


def csv_of(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


# --- access ----------------------------------------------------------------------------------

PUBLIC = [
    "/reporting/",
    "/reporting/overdue/",
    "/reporting/grid/",
    "/reporting/article9/",
    "/reporting/reports/",
    "/reporting/?format=csv",
    "/reporting/overdue/?format=xlsx",
    "/reporting/grid/?format=csv",
    "/reporting/article9/export/",
]
STAFF = [
    "/reporting/reports/new/",
    "/reporting/reports/import/",
    "/reporting/article9/new/",
    "/reporting/article9/import/",
    "/reporting/audiences/new/",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_compliance_lists_are_for_every_logged_in_user(
    url, reporting_states, observer_client, client
):
    assert observer_client.get(url).status_code == 200
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("url", STAFF)
def test_recording_reports_is_for_staff(url, staff_client, committee_client, observer_client):
    assert staff_client.get(url).status_code == 200
    assert committee_client.get(url).status_code == 403
    assert observer_client.get(url).status_code == 403


def test_audiences_are_not_for_observers(staff_client, committee_client, observer_client):
    assert staff_client.get("/reporting/audiences/").status_code == 200
    assert committee_client.get("/reporting/audiences/").status_code == 200
    assert observer_client.get("/reporting/audiences/").status_code == 403
    assert observer_client.get("/reporting/audiences/1/").status_code == 403


def test_dashboards_are_for_the_committee_and_staff(
    client, seat, standing_committees, staff_user, observer_user
):
    with time_machine.travel(datetime(2025, 6, 1, 9, tzinfo=UTC), tick=True):
        staff_client, observer_client = Client(), Client()
        log_in_client(staff_client, staff_user)
        log_in_client(observer_client, observer_user)
        member = UserFactory(username="canada", role="committee")
        Representative.objects.create(
            term=seat("CCC", "CAN", "5RC", "23MSP"), name="C", user=member
        )
        log_in_client(client, member)
        assert client.get("/committees/CCC/dashboard/").status_code == 200
        assert client.get("/committees/CA5/dashboard/").status_code == 403
        assert observer_client.get("/committees/CCC/dashboard/").status_code == 403
        for code in ("CCC", "CA5", "CVA", "CECA"):
            assert staff_client.get(f"/committees/{code}/dashboard/").status_code == 200


def test_restricted_reports_are_hidden_from_observers(
    reporting_states, staff_client, observer_client
):
    _angola, belgium = reporting_states
    Submission.objects.filter(state=belgium, year=2023).update(
        visibility="restricted", link="https://reports.example/secret.pdf"
    )
    assert b"secret.pdf" in staff_client.get("/reporting/reports/").content
    assert b"secret.pdf" not in observer_client.get("/reporting/reports/").content
    assert b"secret.pdf" not in observer_client.get("/states/BEL/").content


# --- content and exports ---------------------------------------------------------------------


def test_overdue_list_and_its_exports(reporting_states, staff_client):
    page = staff_client.get("/reporting/overdue/").content.decode()
    assert "Angola" in page and "Belgium" not in page
    assert "initial report, 2019, 2020, 2021, 2022, 2023" in page
    rows = csv_of(staff_client.get("/reporting/overdue/?format=csv"))
    assert rows == [
        [
            "iso3",
            "name",
            "regional_group",
            "consecutive_missing",
            "overdue_count",
            "missing_years",
            "mines_retained_latest",
            "article4_open",
            "article5_open",
        ],
        [
            "AGO",
            "Angola",
            "weog",
            "6",
            "6",
            "initial report, 2019, 2020, 2021, 2022, 2023",
            "",
            "false",
            "true",
        ],
    ]
    response = staff_client.get("/reporting/overdue/?format=xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="article7-overdue.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]][:5] == ["AGO", "Angola", "weog", 6, 6]


def test_grid_and_its_export(reporting_states, staff_client):
    page = staff_client.get("/reporting/grid/?from=2019&to=2024").content.decode()
    assert 'title="Annual report 2020: Overdue (1128 days)"' in page

    assert 'title="Annual report 2020: Received on time"' in page
    rows = csv_of(staff_client.get("/reporting/grid/?from=2022&to=2024&format=csv"))
    assert rows == [
        ["iso3", "name", "initial", "2022", "2023", "2024"],
        ["AGO", "Angola", "overdue:1617", "overdue:398", "overdue:32", "not_yet_due"],
        ["BEL", "Belgium", "overdue:1617", "on_time", "on_time", "not_yet_due"],
    ]


def test_lists_and_exports_name_states_in_the_readers_language(reporting_states, staff_client):
    """The grid in Spanish lists Alemania, Angola, Bélgica in Spanish alphabetical order; its
    export names them as the page does."""
    germany = StatePartyFactory(iso3="DEU", name="Germany", deposit_date=date(2019, 1, 10))
    services.sync_expected_reports([germany], through_year=2024)
    page = staff_client.get("/reporting/grid/", HTTP_ACCEPT_LANGUAGE="es")
    assert [state.display_name for state in page.context["page"].object_list] == [
        "Alemania",
        "Angola",
        "Bélgica",
    ]
    assert '<a href="/states/BEL/">Bélgica</a>' in page.content.decode()
    rows = csv_of(staff_client.get("/reporting/grid/?format=csv", HTTP_ACCEPT_LANGUAGE="fr"))
    assert [row[:2] for row in rows[1:]] == [
        ["DEU", "Allemagne"],
        ["AGO", "Angola"],
        ["BEL", "Belgique"],
    ]
    overdue = csv_of(staff_client.get("/reporting/overdue/?format=csv", HTTP_ACCEPT_LANGUAGE="fr"))
    assert [row[:2] for row in overdue[1:]] == [["DEU", "Allemagne"], ["AGO", "Angola"]]
    # The years missing in the language of the page, whoever's request built the summaries,
    # named as letters name them.
    spanish = staff_client.get("/reporting/overdue/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "<td>informe inicial, 2019, 2020, 2021, 2022, 2023</td>" in spanish
    assert overdue[1][5] == "rapport initial, 2019, 2020, 2021, 2022, 2023"
    found = staff_client.get("/reporting/overdue/?q=alemania", HTTP_ACCEPT_LANGUAGE="fr")
    assert [state.iso3 for state in found.context["page"].object_list] == ["DEU"]


def test_state_page_shows_its_reports(reporting_states, staff_client):
    page = staff_client.get("/states/BEL/").content.decode()
    assert 'data-testid="article7-reports"' in page
    assert "Received on time" in page
    assert "Annual report 2024" in page


def test_record_a_report_through_the_form(reporting_states, staff_client):
    angola, _belgium = reporting_states
    response = staff_client.post(
        "/reporting/reports/new/",
        {
            "state": angola.pk,
            "kind": "annual",
            "year": 2023,
            "received_on": "2024-05-02",
            "form_letters": ["A", "C", "J"],
            "language_list": ["en", "fr"],
            "visibility": "public",
        },
    )
    assert response.status_code == 302, response.content.decode()
    submission = Submission.objects.get(state=angola)
    assert (submission.forms, submission.languages) == ("ACJ", "en,fr")
    assert ExpectedReport.objects.get(state=angola, year=2023, kind="annual").received_on == (
        date(2024, 5, 2)
    )


def test_report_form_errors(reporting_states, staff_client):
    angola, _belgium = reporting_states
    response = staff_client.post(
        "/reporting/reports/new/",
        {
            "state": angola.pk,
            "kind": "annual",
            "year": 2023,
            "received_on": "2024-07-01",
            "form_letters": ["A"],
            "nothing_new": "on",
            "visibility": "public",
        },
    )
    html = response.content.decode()
    assert "This date is in the future." in html
    assert "A cover page only has no forms; clear one or the other." in html
    assert not Submission.objects.filter(state=angola).exists()


# --- query counts ----------------------------------------------------------------------------


def _register(count: int) -> None:
    """``count`` States in force since 1 March 1999 with 26 years of reports, a third missing."""
    truncate(StateParty)
    states = bulk_states(count, deposit_date=date(1998, 9, 1))

    services.sync_expected_reports(states, through_year=2024)
    rng = random.Random(count)
    # Every tenth State stopped reporting in 2019, so that every filter finds someone.
    silent = {state.pk for state in states[::10]}
    reports = ExpectedReport.objects.filter(due_date__lt=date(2024, 6, 1))
    Submission.objects.bulk_create(
        Submission(state_id=r.state_id, kind=r.kind, year=r.year, received_on=r.due_date)
        for r in reports
        if rng.random() < 0.66 and not (r.state_id in silent and r.year >= 2019)
    )

    services.sync_expected_reports(states, through_year=2024)


PAGES = [
    "/reporting/",
    "/reporting/overdue/",
    "/reporting/overdue/?min=3&open_obligation=article5",
    "/reporting/grid/",
    "/reporting/grid/?from=1999&to=2024&only_overdue=on",
    "/reporting/article9/",
    "/reporting/reports/",
    "/committees/CCC/dashboard/",
    "/committees/CA5/dashboard/",
    "/committees/CVA/dashboard/",
    "/committees/CECA/dashboard/",
    "/reporting/audiences/",
]


@pytest.mark.slow
def test_lists_and_dashboards_keep_flat_query_counts(staff_client, standing_committees):
    assert Committee.objects.count() == 4
    # Ten times more States and reports, same queries; `make bench` runs 2,000 States.
    _register(20)
    assert ExpectedReport.objects.count() > 20 * 25
    small = _steady_query_counts(staff_client)
    _register(200)
    assert ExpectedReport.objects.count() > 200 * 25
    large = _steady_query_counts(staff_client)
    assert small == large


def _steady_query_counts(client) -> dict[str, int]:
    """Queries per page once the day's first read has found the summaries current."""
    services._summaries_current_on = None
    queries_for(client, PAGES[0])
    return {url: len(queries_for(client, url)) for url in PAGES}
