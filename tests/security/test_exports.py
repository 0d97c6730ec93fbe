"""Every download, in every format, as every kind of user: the status the access matrix gives
its page, the file's type, and its header row (the columns of the app's ``tables.py``)."""

import csv
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from activities.tables import ACTIONS, ACTIVITIES, COMPLIANCE_MATTERS, PRIORITIES
from article7.dashboards import FIGURE_COLUMNS as A7_FIGURES
from article7.tables import REPORTS as A7_REPORTS
from article7.views.public import CSV_HEADER as A7_PUBLISHED_CSV
from committees.tables import COMPOSITIONS, MEETINGS
from common.exports import EXPORT_FORMATS, XLSX_TYPE
from common.views import HISTORY
from correspondence.tables import LETTERS, MESSAGES, UPCOMING, awaiting_table
from documents.tables import DOCUMENTS
from extensions.tables import EXPECTED, REQUESTS
from portal.tables import REPORTERS
from reporting.tables import (
    ARTICLE9_OUTSTANDING,
    ARTICLE9_RECORDS,
    AUDIENCE_MEMBERS,
    OVERDUE,
    RATES,
    submissions_table,
)
from states_parties.tables import STATES

from . import matrix
from .conftest import TODAY

pytestmark = pytest.mark.django_db

#: The grid's default years on ``TODAY`` (1 June 2025): the ten years to last year.
GRID_HEADER = ("iso3", "name", "initial", *(str(year) for year in range(2015, 2025)))

#: Each download's URL name and its header row.
EXPORTS = {
    "activities:activity_list": ACTIVITIES.header,
    "activities:matter_list": COMPLIANCE_MATTERS.header,
    "activities:plan_detail": ACTIONS.header,
    "activities:priority_list": PRIORITIES.header,
    "committees:composition_export": COMPOSITIONS.header,
    "committees:meeting_export": MEETINGS.header,
    "correspondence:awaiting": awaiting_table(TODAY.date()).header,
    "correspondence:letters": LETTERS.header,
    "correspondence:outbox": MESSAGES.header,
    "correspondence:upcoming": UPCOMING.header,
    "documents:list": DOCUMENTS.header,
    "extensions:expected": EXPECTED.header,
    "extensions:requests": REQUESTS.header,
    "history:log": HISTORY.header,
    "history:record": HISTORY.header,
    "article7:reports": A7_REPORTS.header,
    "portal:reporter_list": REPORTERS.header,
    "article7:figures": A7_FIGURES,
    "article7:published_csv": A7_PUBLISHED_CSV,
    "reporting:article9": ARTICLE9_OUTSTANDING.header,
    "reporting:article9_export": ARTICLE9_RECORDS.header,
    "reporting:audience": AUDIENCE_MEMBERS.header,
    "reporting:grid": GRID_HEADER,
    "reporting:overdue": OVERDUE.header,
    "reporting:overview": RATES.header,
    "reporting:submissions": submissions_table().header,
    "states_parties:export": STATES.header,
}

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE}


def _url(name: str, rule: matrix.Rule, data: matrix.Data, file_format: str) -> str:
    return f"{reverse(name, kwargs=rule.kwargs(data))}?format={file_format}"


def _content(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _header(content: bytes, file_format: str) -> tuple[str, ...]:
    if file_format == "csv":
        return tuple(next(csv.reader(io.StringIO(content.decode("utf-8")))))
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return tuple(next(sheet.iter_rows(max_row=1, values_only=True)))


@pytest.mark.slow
def test_every_download_the_resolver_knows_is_listed(data):
    """Every pattern staff may GET is asked for its CSV: those that answer one are downloads."""
    found = set()
    with time_machine.travel(TODAY, tick=True):
        staff = matrix.clients(data)["staff"]
        for pattern in matrix.url_patterns():
            if pattern.name not in matrix.ACCESS:
                continue
            for rule in matrix._rules(pattern.name):
                if rule.statuses.get("staff") != 200:
                    continue
                response = staff.get(_url(pattern.name, rule, data, "csv"))
                if response.get("Content-Type", "").startswith("text/csv"):
                    found.add(pattern.name)
    assert found == set(EXPORTS)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_a_download_in_every_format_as_every_kind_of_user(data, name):
    problems = []
    with time_machine.travel(TODAY, tick=True):
        role_clients = matrix.clients(data)
        for rule in matrix._rules(name):
            for file_format in EXPORT_FORMATS:
                url = _url(name, rule, data, file_format)
                for role in matrix.ROLES:
                    response = role_clients[role].get(url)
                    expected = rule.statuses[role]
                    if not matrix._status_matches(expected, response):
                        problems.append(f"{url} as {role}: {response.status_code}, not {expected}")
                        continue
                    if response.status_code != 200:
                        continue
                    content_type = response.get("Content-Type")
                    if content_type != CONTENT_TYPES[file_format]:
                        problems.append(f"{url} as {role}: {content_type}")
                        continue
                    header = _header(_content(response), file_format)
                    if header != EXPORTS[name]:
                        problems.append(f"{url} as {role}: header {header}")
    assert problems == []
