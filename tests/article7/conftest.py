from __future__ import annotations

import pytest

from article7 import services
from article7.services import SectionData
from reporting import services as reporting_services
from tests.factories import StatePartyFactory, UserFactory


def fill(report, by, **sections: SectionData):
    """Save every required form (empty unless given), returning the report as saved."""
    for code in "ABCDEFGHI":
        report = services.save_section(
            report=report,
            code=code,
            data=sections.get(code, SectionData()),
            expected_revision=report.revision,
            by=by,
        )
    return report


D_2024 = SectionData(
    rows=(
        {
            "mine_type": "PMN-2",
            "institution": "CMAC",
            "at_start": 100,
            "used_or_destroyed": 20,
            "received": 0,
            "transferred": 0,
            "at_end": 80,
        },
    )
)
C_2024 = SectionData(rows=({"location": "Battambang", "status": "confirmed", "area_m2": 5000},))


@pytest.fixture
def cambodia(db):
    state = StatePartyFactory(iso3="KHM", name="Cambodia")
    reporting_services.sync_expected_reports([state], through_year=2026)
    return state


@pytest.fixture
def submitter(db):
    return UserFactory(username="reporter-staff", role="isu_staff", email="sok@mfa.example")


@pytest.fixture
def report_2024(cambodia, submitter):
    report = services.start_report(state=cambodia, year_covered=2024, by=submitter, language="en")
    report = fill(report, submitter, C=C_2024, D=D_2024)
    return services.submit(
        report=report,
        official_name="Sok Chea",
        official_function="Director",
        confirm_warnings=True,
        by=submitter,
    )
