"""Importing past Article 7 reports and Article 9 records: all or nothing, errors by row and
column, idempotent, with an upload page that previews before it applies."""

import csv
import io
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from common.import_plan import ImportIssue
from reporting import services
from reporting.imports import Article9Importer, SubmissionImporter
from reporting.models import Article9Record, ExpectedReport, Submission
from states_parties.models import RetainedMines
from tests.factories import StatePartyFactory

pytestmark = pytest.mark.django_db

SUBMISSIONS = (
    "iso3,kind,year,received_on,forms,nothing_new,languages,link,visibility,mines_retained,"
    "stockpile_remaining,mined_area_remaining\n"
    "KHM,initial,2019,2019-12-01,ABCDEFGH,false,en,,public,,,\n"
    "KHM,annual,2019,2020-04-29,A;C;D;J,false,en;fr,https://example.org/khm-2019.pdf,"
    "public,1200,0,55 000 000\n"
    "KHM,annual,2020,2021-05-10,,true,en,,restricted,1100,,\n"
)
ARTICLE9 = (
    "iso3,as_of,status,measure,source\n"
    "KHM,2020-01-15,in_preparation,,Article 7 report 2019\n"
    "KHM,2021-03-01,legislation_adopted,Law on the prohibition of mines (2021),Form A\n"
)


@pytest.fixture
def cambodia():
    state = StatePartyFactory(
        iso3="KHM", name="Cambodia", deposit_date=date(2019, 1, 10), has_mined_areas=True
    )
    services.sync_expected_reports([state], through_year=2021)
    return state


def test_submissions_import_then_changes_nothing(cambodia):
    assert SubmissionImporter().run(SUBMISSIONS) == {"create": 3, "update": 0, "unchanged": 0}
    assert SubmissionImporter().run(SUBMISSIONS) == {"create": 0, "update": 0, "unchanged": 3}
    annual = Submission.objects.get(state=cambodia, kind="annual", year=2019)
    assert (annual.forms, annual.languages, annual.mines_retained) == ("ACDJ", "en,fr", 1200)
    assert annual.mined_area_remaining == 55_000_000
    assert annual.link == "https://example.org/khm-2019.pdf"
    late = Submission.objects.get(state=cambodia, kind="annual", year=2020)
    assert (late.nothing_new, late.visibility, late.forms) == (True, "states_parties", "")
    # The reports meet what the State owed, and the Article 3 figures follow.
    received = dict(
        ExpectedReport.objects.filter(state=cambodia)
        .order_by("due_date")
        .values_list("year", "received_on")
        .filter(kind="annual")
    )
    assert received == {2019: date(2020, 4, 29), 2020: date(2021, 5, 10), 2021: None}
    assert set(RetainedMines.objects.values_list("year", "quantity")) == {
        (2019, 1200),
        (2020, 1100),
    }


def test_a_changed_row_is_an_update_with_its_changes(cambodia):
    SubmissionImporter().run(SUBMISSIONS)
    plan = SubmissionImporter().read(SUBMISSIONS.replace("2021-05-10", "2021-04-30"))
    assert plan.counts == {"create": 0, "update": 1, "unchanged": 2}
    (update,) = [row for row in plan.rows if row.action == "update"]
    assert (update.row, update.key) == (4, "KHM ANNUAL 2020")
    assert update.changes == {"received_on": (date(2021, 5, 10), date(2021, 4, 30))}


def test_every_error_by_row_and_column_and_nothing_saved(cambodia):
    bad = (
        "iso3,kind,year,received_on,forms,languages,visibility,mines_retained\n"
        "KHM,annual,2019,2020-04-29,ABZ,en,public,10\n"
        "XYZ,annual,2019,2020-04-29,,en,public,\n"
        "KHM,yearly,1990,30/04/2020,,de,secret,-4\n"
        "KHM,annual,2018,2017-04-29,AA,en,public,\n"
    )
    plan = SubmissionImporter().read(bad)
    assert plan.issues == [
        ImportIssue(2, "forms", "Forms are letters A to J, each once (e.g. ACDJ)."),
        ImportIssue(3, "iso3", "No State with the code “XYZ”."),
        ImportIssue(4, "kind", "“yearly” is not one of: initial, annual."),
        ImportIssue(4, "year", "Must be 1999 or more."),
        ImportIssue(
            4, "received_on", "“30/04/2020” is not a date; write it as YYYY-MM-DD, e.g. 2025-03-12."
        ),
        ImportIssue(4, "languages", "Unknown language code(s): de; use ar, en, es, fr, ru, zh."),
        ImportIssue(
            4,
            "visibility",
            "“secret” is not one of: public, states_parties, internal, confidential.",
        ),
        ImportIssue(4, "mines_retained", "Must be 0 or more."),
        ImportIssue(5, "forms", "Forms are letters A to J, each once (e.g. ACDJ)."),
    ]
    assert not plan.is_valid
    assert Submission.objects.count() == 0


@pytest.mark.parametrize("area", ["NaN", "Infinity", "-inf", "sNaN", "12abc"])
def test_an_area_that_is_not_a_finite_number_is_refused_by_row_and_column(cambodia, area):
    text = f"iso3,kind,year,received_on,mined_area_remaining\nKHM,annual,2019,2020-04-29,{area}\n"
    plan = SubmissionImporter().read(text)
    assert plan.issues == [
        ImportIssue(2, "mined_area_remaining", f"“{area}” is not a number of square metres.")
    ]
    assert Submission.objects.count() == 0


def test_a_report_received_before_its_year_began_is_refused(cambodia):
    plan = SubmissionImporter().read(
        "iso3,kind,year,received_on\nKHM,annual,2020,2019-12-31\nKHM,annual,2019,2020-01-05\n"
    )
    assert plan.issues == [
        ImportIssue(2, "received_on", "An annual report cannot arrive before its year begins.")
    ]
    assert Submission.objects.count() == 0


def test_import_command_all_or_nothing(cambodia, tmp_path):
    path = tmp_path / "reports.csv"
    path.write_text(SUBMISSIONS + "KHM,annual,2021,2022-13-01,,,,,,,,\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match=r"1 problem\(s\); nothing was imported"):
        call_command("import_submissions", path, stdout=StringIO(), stderr=err)
    assert err.getvalue() == (
        "row 5, column received_on: “2022-13-01” is not a date; write it as YYYY-MM-DD, "
        "e.g. 2025-03-12.\n"
    )
    assert Submission.objects.count() == 0
    path.write_text(SUBMISSIONS, encoding="utf-8")
    out = StringIO()
    call_command("import_submissions", path, stdout=out)
    assert out.getvalue() == "Imported: 3 created, 0 updated, 0 unchanged.\n"


def test_export_then_import_is_a_round_trip(cambodia, staff_client):
    SubmissionImporter().run(SUBMISSIONS)
    response = staff_client.get("/reporting/reports/?format=csv")
    exported = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(exported)))
    assert rows[0] == SUBMISSIONS.splitlines()[0].split(",")
    assert len(rows) == 4
    assert SubmissionImporter().run(exported) == {"create": 0, "update": 0, "unchanged": 3}


def test_article9_import_and_its_errors(cambodia):
    assert Article9Importer().run(ARTICLE9) == {"create": 2, "update": 0, "unchanged": 0}
    assert Article9Importer().run(ARTICLE9) == {"create": 0, "update": 0, "unchanged": 2}
    assert list(
        Article9Record.objects.order_by("as_of").values_list("as_of", "status", "measure")
    ) == [
        (date(2020, 1, 15), "in_preparation", ""),
        (date(2021, 3, 1), "legislation_adopted", "Law on the prohibition of mines (2021)"),
    ]
    plan = Article9Importer().read(
        "iso3,as_of,status,measure\n"
        "KHM,2022-01-01,legislation_adopted,\n"
        "KHM,2022-02-01,adopted,\n"
        "KHM,2022-02-01,,\n"
        "KHM,2099-01-01,nothing_reported,\n"
    )
    assert plan.issues == [
        ImportIssue(2, "measure", "Name the legislation that was adopted."),
        ImportIssue(
            3,
            "status",
            "“adopted” is not one of: legislation_adopted, existing_law_sufficient, "
            "in_preparation, nothing_reported.",
        ),
        ImportIssue(4, "iso3", "“KHM 2022-02-01” already appears on row 3."),
        ImportIssue(5, "as_of", "This date is in the future."),
    ]
    assert Article9Record.objects.count() == 2


def test_upload_page_previews_then_applies(cambodia, staff_client):
    upload = io.BytesIO(ARTICLE9.encode())
    upload.name = "article9.csv"
    preview = staff_client.post("/reporting/article9/import/", {"file": upload})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "KHM 2021-03-01" in html
    assert Article9Record.objects.count() == 0
    payload = preview.context["payload"]
    done = staff_client.post("/reporting/article9/import/", {"payload": payload})
    assert done.status_code == 302
    assert Article9Record.objects.count() == 2


def test_upload_page_shows_errors_and_offers_no_confirmation(cambodia, staff_client):
    upload = io.BytesIO(b"iso3,as_of,status\nKHM,2021-02-30,nothing_reported\n")
    upload.name = "article9.csv"
    response = staff_client.post("/reporting/article9/import/", {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "“2021-02-30” is not a date" in html
    assert "payload" not in response.context
    assert Article9Record.objects.count() == 0
