"""Every import, fed arbitrary and hostile files: a clear error with its place, and nothing saved.

Properties, checked by hypothesis over many generated files:
* reading never raises, whatever the bytes (wrong encodings, NULs, BOMs, binary files, huge
  cells, spreadsheet formulas);
* a rejected file names each problem (row and column when there is one) and applying it
  writes nothing: no record, no history row;
* a file that is accepted applies without an error.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from committees.imports import MeetingImporter, MembershipImporter
from common.import_plan import ImportRejected
from reporting.imports import Article9Importer, SubmissionImporter
from states_parties.imports import StatePartyImporter
from tests.utils import examples, history_row_count

pytestmark = pytest.mark.django_db

IMPORTERS = [
    StatePartyImporter,
    MeetingImporter,
    MembershipImporter,
    SubmissionImporter,
    Article9Importer,
]

#: Cell values that have broken importers elsewhere, and some that are plausible.
HOSTILE_CELLS = [
    "",
    " ",
    '=HYPERLINK("https://evil.example","click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(A1:A2)",
    "-2+3",
    "\t=1",
    "a\x00b",
    "'; DROP TABLE states_parties_stateparty; --",
    "<script>alert(1)</script>",
    "9" * 40,
    "-1",
    "1e309",
    "NaN",
    "２０２４-０１-０１",
    "2024-02-30",
    "99999-01-01",
    "\u202eKHM",
    "KHM",
    "khm",
    "DEU",
    "CA5",
    "22MSP",
    "5RC",
    "msp",
    "annual",
    "initial",
    "public",
    "restricted",
    "in_preparation",
    "legislation_adopted",
    "2024-04-02",
    "1999-04-23",
    "2023",
    "true",
    "ABCJ",
    "en;fr",
    "x" * 20_000,
]
cells = st.one_of(st.sampled_from(HOSTILE_CELLS), st.text(max_size=30))
encodings = st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16"])


def _check(importer_class, content: bytes) -> None:
    importer = importer_class()
    with transaction.atomic():
        plan = importer.read(content)
        before = history_row_count()
        if plan.is_valid:
            importer.apply(plan)
        else:
            assert plan.issues
            for issue in plan.issues:
                assert str(issue.message).strip()
                assert issue.row is None or issue.row >= 1
                assert issue.column is None or issue.column.strip()
                assert issue.column is None or issue.column in (
                    *importer.columns,
                    *importer.ignored_columns,
                    *_header_of(content),
                )
            with pytest.raises(ImportRejected):
                importer.apply(plan)
            assert history_row_count() == before
        transaction.set_rollback(True)


def _header_of(content: bytes) -> list[str]:
    try:
        text = content.decode("utf-8-sig")
        # Read as the importers read it (newline="": a lone \r ends a row).
        return [name.strip() for name in next(csv.reader(io.StringIO(text, newline="")))]
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return []


@pytest.fixture
def register(standing_committees, meetings, states):
    """States, committees and meetings that rows may refer to."""


FUZZ = settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("importer_class", IMPORTERS, ids=lambda cls: cls.__name__)
@FUZZ
@given(
    content=st.one_of(
        st.binary(max_size=3000),
        st.builds(
            lambda prefix, body: prefix + body,
            st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"PK\x03\x04", b"%PDF-1.7\n"]),
            st.binary(max_size=500),
        ),
    )
)
def test_arbitrary_bytes_are_refused_clearly(register, importer_class, content):
    _check(importer_class, content)


@pytest.mark.parametrize("importer_class", IMPORTERS, ids=lambda cls: cls.__name__)
@FUZZ
@given(data=st.data(), encoding=encodings)
def test_hostile_csv_files_are_refused_clearly_or_imported_whole(
    register, importer_class, data, encoding
):
    columns = list(importer_class.columns)
    header = data.draw(st.permutations(columns).map(list) | st.just(columns))
    rows = data.draw(
        st.lists(st.lists(cells, min_size=len(header), max_size=len(header) + 1), max_size=4)
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    try:
        content = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        content = buffer.getvalue().encode("utf-8", errors="replace")
    _check(importer_class, content)


# --- the messages people read -------------------------------------------------------------------


def _issues(content: bytes) -> list[str]:
    return [str(issue) for issue in StatePartyImporter().read(content).issues]


HEADER = "iso3,name,signature_date,instrument,deposit_date,withdrawal_deposit_date\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04rest", "This is an Excel workbook or another ZIP file, not a CSV file"),
        (b"%PDF-1.7", "This is a PDF document, not a CSV file"),
        ("iso3\nKHM\n".encode("utf-16"), "The file is UTF-16 text; save it as “CSV UTF-8”"),
        ("iso3,name\nKHM,Camboya\xf1\n".encode("latin-1"), "The file is not UTF-8 text (byte"),
        (
            (HEADER + 'KHM,"=HYPERLINK(""https://evil.example"")",,,,\n').encode(),
            'row 2, column name: “=HYPERLINK("https://evil.example")” looks like a '
            "spreadsheet formula; formulas are not imported (enter the value itself).",
        ),
        (
            (HEADER + "KHM,Cam\x00bodia,,,,\n").encode(),
            "row 2, column name: This cell contains a NUL character; the file is not plain text.",
        ),
        (
            (HEADER + "KHM," + "x" * 10_001 + ",,,,\n").encode(),
            "row 2, column name: This cell has 10001 characters; at most 10000 are accepted.",
        ),
        (
            (HEADER + 'KHM,"' + "x" * 200_000 + '",,,,\n').encode(),
            "The file is not a readable CSV file: field larger than field limit (131072).",
        ),
        (b"\xef\xbb\xbf" + HEADER.encode(), "The file has no records."),
    ],
)
def test_each_hostile_file_gets_a_message_that_says_what_is_wrong(db, content, message):
    issues = _issues(content)
    assert any(issue.startswith(message) for issue in issues), issues


def test_a_bom_is_not_part_of_the_first_column(db):
    content = (
        b"\xef\xbb\xbf" + (HEADER + "KHM,Cambodia,1997-12-03,ratification,1999-07-28,\n").encode()
    )
    assert StatePartyImporter().read(content).is_valid


def test_the_upload_page_says_what_is_wrong_and_saves_nothing(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from states_parties.models import StateParty

    response = staff_client.post(
        "/states/import/", {"file": SimpleUploadedFile("states.xlsx", b"PK\x03\x04" + b"\0" * 100)}
    )
    assert response.status_code == 400
    assert (
        "This is an Excel workbook or another ZIP file, not a CSV file" in response.content.decode()
    )
    big = SimpleUploadedFile("states.csv", HEADER.encode() + b"x" * (5 * 1024 * 1024))
    response = staff_client.post("/states/import/", {"file": big})
    assert "The file is larger than 5 MB." in response.content.decode()
    assert not StateParty.objects.exists()
    assert StateParty.history.count() == 0


def test_exports_defuse_formulas_in_csv_and_xlsx(staff_client):
    from openpyxl import load_workbook

    from tests.factories import StatePartyFactory

    StatePartyFactory(iso3="KHM", name='=HYPERLINK("https://evil.example")')
    csv_text = b"".join(staff_client.get("/states/export.csv").streaming_content).decode()
    assert '\'=HYPERLINK(""https://evil.example"")' in csv_text
    response = staff_client.get("/states/export.csv?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet["B2"]
    assert cell.value == '=HYPERLINK("https://evil.example")'
    assert cell.data_type == "s"  # text: the spreadsheet shows it, never runs it


@pytest.mark.parametrize("importer_class", IMPORTERS, ids=lambda cls: cls.__name__)
def test_a_header_cut_by_a_lone_carriage_return_is_named_as_the_importer_read_it(
    register, importer_class
):
    # Found by the fuzzer: the importers read with newline="", so "\r" ends the header row.
    content = b"\x00\rrow"
    plan = importer_class().read(content)
    assert (1, "\x00") in {(issue.row, issue.column) for issue in plan.issues}
    _check(importer_class, content)
