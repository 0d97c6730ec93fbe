"""A document "as of" a date says what the record said on that date, and says it again a year
later: reports received, statements dated, activities held and compositions after the date
change nothing."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine

from activities import services as activity_services
from activities.models import Activity
from committees.models import Committee
from common.collation import collation_key
from documents.assembly import pdf_source_for_snapshot, snapshot
from documents.models import Document
from documents.pdf import render_source
from reporting import services as reporting_services
from reporting.models import Article9Record, ReportingSummary, Submission
from states_parties.models import StateParty
from tests.activity_fixtures import DOCUMENT_DATE

pytestmark = pytest.mark.django_db


def _at(year: int, month: int, day: int):
    return time_machine.travel(datetime(year, month, day, 10, 0, tzinfo=UTC), tick=False)


def _document(kind: str, language: str) -> Document:
    return Document(
        committee=Committee.objects.get(code="CCC"),
        kind=kind,
        period="2025-2026",
        date=DOCUMENT_DATE,
        language=language,
        symbol="APLC/MSP.22/2025/INF.1",
    )


def _read(kind: str, language: str, tmp_path: Path) -> tuple[dict, str]:
    """The snapshot and the text of its PDF, made now from the record."""
    data = snapshot(_document(kind, language))
    out = tmp_path / f"{kind}-{language}.pdf"
    out.write_bytes(render_source(pdf_source_for_snapshot(data, draft=False)).content)
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    return data, text


def _submit(iso3: str, year: int, received_on: date) -> None:
    reporting_services.save_submission(
        Submission(state=StateParty.objects.get(iso3=iso3), year=year, received_on=received_on)
    )


KINDS = [("article7-status", "en"), ("article7-status", "fr"), ("activities-priorities", "es")]


def test_a_document_as_of_a_date_reads_the_same_a_year_later(ccc_year, seat, tmp_path):
    with _at(2025, 11, 20):
        reporting_services.sync_expected_reports()
        # Reported for 2024 by 20 November: Belgium on time, Canada late.
        _submit("BEL", 2024, date(2025, 4, 10))
        _submit("CAN", 2024, date(2025, 9, 1))
        before = {key: _read(*key, tmp_path) for key in KINDS}
        summaries = dict(ReportingSummary.objects.values_list("state_id", "computed_on"))

    with _at(2025, 12, 5):
        # After the document's date: Germany's report arrives, Peru's Article 9 legislation is
        # recorded, the Committee meets, and the 22nd Meeting closes with a new composition.
        _submit("DEU", 2024, date(2025, 12, 4))
        reporting_services.save_article9_record(
            Article9Record(
                state=StateParty.objects.get(iso3="PER"),
                as_of=date(2025, 12, 1),
                status="legislation_adopted",
                measure="Ley 1234",
            )
        )
        activity_services.save_activity(
            Activity(
                committee=Committee.objects.get(code="CCC"),
                date=date(2025, 12, 2),
                kind="meeting",
                text="On 2 December 2025, the Committee met again.",
                visibility="public",
            )
        )
        seat("CCC", "NOR", "22MSP", "24MSP")
        after = {key: _read(*key, tmp_path) for key in KINDS}

    with _at(2026, 12, 1):
        reporting_services.sync_expected_reports()  # the reports due in 2026 now exist
        a_year_later = {key: _read(*key, tmp_path) for key in KINDS}

    assert after == before
    assert a_year_later == before
    # Rendering as of a past day left the reporting summaries of the day alone.
    assert summaries and set(summaries.values()) == {date(2025, 11, 20)}

    # What it says: as of 20 November Germany had not reported for 2024, Peru had stated
    # nothing on Article 9, and Belgium's and Canada's reports were in.
    data, text = before[("article7-status", "en")]
    overdue = {name: years for name, _missed, years, _open in data["reporting"]["overdue"]}
    assert overdue["Germany"].endswith(", 2023, 2024")
    assert "Belgium" not in overdue and "Canada" not in overdue
    assert "Peru" in [name for name, _status in data["reporting"]["article9_outstanding"]]
    assert data["reporting"]["rates"][-1] == [2025, 14, 2, 1]  # due 30 April 2025
    assert "Germany" in text and "Allemagne" not in text
    assert "On 2 December 2025" not in a_year_later[("activities-priorities", "es")][1]
    assert "Noruega" not in a_year_later[("activities-priorities", "es")][1]
    # In French, the States are named in French, most reports missed first, then in French
    # alphabetical order.
    french = before[("article7-status", "fr")][0]["reporting"]["overdue"]
    assert "Allemagne" in [name for name, *_rest in french]
    assert french == sorted(french, key=lambda row: (-row[1], collation_key(row[0])))
