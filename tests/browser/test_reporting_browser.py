import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import expect

from common.changes import batched
from reporting import services
from reporting.models import Submission
from tests.factories import UserFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reporting_record(states, meetings, standing_committees):
    """The committee's States, in force since 1 October 1999, report every year except:
    Algeria has sent nothing since its 2021 report, Canada nothing since its 2023 report."""
    services.sync_expected_reports(states.values(), through_year=2025)
    # As an import records them: the reminders are re-planned once, at the end.
    with batched():
        for iso3, state in states.items():
            services.save_submission(
                Submission(state=state, kind="initial", year=1999, received_on=date(2000, 3, 1))
            )
            last = {"DZA": 2021, "CAN": 2023}.get(iso3, 2025)
            for year in range(1999, last + 1):
                services.save_submission(
                    Submission(state=state, year=year, received_on=date(year + 1, 4, 1))
                )
    return states


def test_a_chair_follows_the_overdue_list_from_the_dashboard(app, reporting_record, meetings):
    # The President (elected at the close of 22MSP to preside over 23MSP) chairs the
    # Committee on Cooperative Compliance.
    algeria, canada = reporting_record["DZA"], reporting_record["CAN"]
    chair = UserFactory(username="kenji", first_name="Kenji", role="committee")
    meetings["23MSP"].president_user = chair
    meetings["23MSP"].save()
    with time_machine.travel(datetime(2026, 6, 15, 9, 0, tzinfo=UTC), tick=True):
        sign_in(app, "kenji")
        committees = app.get_by_test_id("my-committees")
        expect(committees).to_contain_text("Committee on Cooperative Compliance")
        expect(committees).to_contain_text("Chair")
        committees.get_by_role("link", name="Dashboard").click()

        expect(app.get_by_role("heading", level=1)).to_have_text(
            "Committee on Cooperative Compliance: dashboard"
        )
        overdue = app.get_by_test_id("dashboard-overdue").locator("tbody tr")
        expect(overdue).to_have_count(2)
        expect(overdue.nth(0).locator("td")).to_have_text(
            ["Algeria", "4", "2022, 2023, 2024, 2025"]
        )
        expect(overdue.nth(1).locator("td")).to_have_text(["Canada", "2", "2024, 2025"])

        overdue.nth(0).get_by_role("link", name="Algeria").click()
        expect(app.get_by_role("heading", level=1)).to_contain_text("Algeria")
        reports = app.get_by_test_id("article7-reports")
        expect(reports).to_contain_text("Overdue")

        app.go_back()
        app.get_by_role("link", name="The full list: 2 States Parties").click()
        expect(app.get_by_role("heading", level=1)).to_have_text("Overdue Article 7 reports")
        expect(app.get_by_test_id("overdue-table").locator("tbody tr")).to_have_count(2)
        with app.expect_download() as download_info:
            app.get_by_role("link", name="Export CSV").click()
        download = download_info.value
        assert download.suggested_filename == "article7-overdue.csv"
        rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
        assert [row[:6] for row in rows] == [
            [
                "iso3",
                "name",
                "regional_group",
                "consecutive_missing",
                "overdue_count",
                "missing_years",
            ],
            ["DZA", "Algeria", algeria.regional_group, "4", "4", "2022, 2023, 2024, 2025"],
            ["CAN", "Canada", canada.regional_group, "2", "2", "2024, 2025"],
        ]
