from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from committees.composition import member_line
from committees.imports import MeetingImporter, MembershipImporter
from committees.models import Meeting, Office, SeatTerm
from common.import_plan import ImportIssue

pytestmark = pytest.mark.django_db

MEETINGS = (
    "kind,number,title,start_date,end_date,venue,president_iso3\n"
    "msp,21,,2023-11-20,2023-11-24,Geneva,DEU\n"
    "rc,5,,2024-11-25,2024-11-29,Siem Reap,KHM\n"
    "msp,22,,2025-12-01,2025-12-05,Geneva,JPN\n"
    "msp,23,,2026-11-30,2026-12-04,Geneva,\n"
    "intersessional,,Intersessional Meetings 2025,2025-06-17,2025-06-20,Geneva,\n"
)


def test_meetings_import_is_idempotent(states):
    assert MeetingImporter().run(MEETINGS) == {"create": 5, "update": 0, "unchanged": 0}
    assert MeetingImporter().run(MEETINGS) == {"create": 0, "update": 0, "unchanged": 5}
    rc = Meeting.objects.get(kind="rc", number=5)
    assert (rc.venue, rc.president_state.iso3, rc.end_date) == (
        "Siem Reap",
        "KHM",
        date(2024, 11, 29),
    )
    moved = MEETINGS.replace("msp,23,,2026-11-30,2026-12-04", "msp,23,,2026-11-30,2026-12-03")
    plan = MeetingImporter().read(moved)
    assert plan.counts == {"create": 0, "update": 1, "unchanged": 4}
    assert plan.rows[3].changes == {"end_date": (date(2026, 12, 4), date(2026, 12, 3))}


def test_meetings_import_errors(states):
    bad = (
        "kind,number,title,start_date,end_date,venue,president_iso3\n"
        "assembly,1,,2023-11-20,2023-11-24,Geneva,\n"
        "msp,,,2023-11-20,2023-11-24,Geneva,\n"
        "msp,30,,2030-11-24,2030-11-20,Geneva,XXX\n"
        "bilateral,,Talks,2025-01-01,2025-01-01,Geneva,\n"
    )
    assert MeetingImporter().read(bad).issues == [
        ImportIssue(
            2,
            "kind",
            "“assembly” is not one of: msp, rc, intersessional, special, "
            "committee, bilateral, workshop, civil_society.",
        ),
        ImportIssue(
            3, "number", "Meetings of the States Parties and Review Conferences are numbered."
        ),
        ImportIssue(4, "president_iso3", "No State with the code “XXX”."),
        ImportIssue(5, "committee", "Say which committee held this meeting."),
    ]
    assert not Meeting.objects.exists()


MEMBERSHIPS = (
    "committee,iso3,term_start_meeting,term_end_meeting,chair_years,gender_focal_point_years\n"
    "CA5,DEU,21MSP,22MSP,2025,\n"
    "CA5,THA,21MSP,22MSP,,2024;2025\n"
    "Committee on Article 5 Implementation,JPN,5RC,23MSP,2026,\n"
    "ca5,PER,5RC,23MSP,,2026\n"
)


@pytest.fixture
def calendar(standing_committees, meetings):
    return meetings


def test_memberships_import_and_composition(calendar):
    assert MembershipImporter().run(MEMBERSHIPS) == {"create": 4, "update": 0, "unchanged": 0}
    assert MembershipImporter().run(MEMBERSHIPS) == {"create": 0, "update": 0, "unchanged": 4}
    ca5 = SeatTerm.objects.first().committee
    assert member_line(ca5, date(2025, 6, 1)) == "(Germany (Chair), Japan, Peru, Thailand)"
    assert member_line(ca5, date(2026, 6, 1)) == "(Japan (Chair), Peru)"
    assert Office.objects.filter(kind="gender_focal_point").count() == 3


def test_moving_an_office_between_rows_of_one_file(calendar):
    MembershipImporter().run(MEMBERSHIPS)
    moved = MEMBERSHIPS.replace("CA5,DEU,21MSP,22MSP,2025,", "CA5,DEU,21MSP,22MSP,,").replace(
        "CA5,THA,21MSP,22MSP,,2024;2025", "CA5,THA,21MSP,22MSP,2025,2024;2025"
    )
    plan = MembershipImporter().read(moved)
    assert plan.is_valid, plan.issues
    assert plan.counts == {"create": 0, "update": 2, "unchanged": 2}
    MembershipImporter().apply(plan)
    ca5 = SeatTerm.objects.first().committee
    assert member_line(ca5, date(2025, 6, 1)) == "(Germany, Japan, Peru, Thailand (Chair))"


def test_memberships_import_checks_the_rules_and_saves_nothing(calendar):
    bad = (
        "committee,iso3,term_start_meeting,term_end_meeting,chair_years,gender_focal_point_years\n"
        "CA5,DEU,21MSP,22MSP,2024,\n"  # chair in its first year
        "CA5,DEU,5RC,23MSP,,\n"  # overlaps the row above
        "CA5,THA,21MSP,5RC,,\n"  # one meeting only
        "XYZ,PER,25MSP,22,,twenty\n"  # unknown committee, meetings, year
        "CCC,JPN,5RC,23MSP,2026,\n"  # the President chairs CCC
    )
    plan = MembershipImporter().read(bad)
    assert plan.issues == [
        ImportIssue(
            2,
            "chair_years",
            "The Chair is chosen from the members in the second year of "
            "their term; Germany is in its second year in 2025.",
        ),
        ImportIssue(
            3,
            "iso3",
            "Germany already sits on this committee from the close of Meeting "
            "of the States Parties (21MSP) to the close of Meeting of the States Parties "
            "(22MSP); terms of one State on one committee cannot overlap.",
        ),
        ImportIssue(
            4,
            "term_end_meeting",
            "A term on this committee lasts 2 formal meetings: from "
            "the close of Meeting of the States Parties (21MSP) it ends at the close of "
            "Meeting of the States Parties (22MSP).",
        ),
        ImportIssue(5, "committee", "No committee with the code or name “XYZ”."),
        ImportIssue(5, "term_start_meeting", "25MSP is not recorded; import the meetings first."),
        ImportIssue(5, "term_end_meeting", "“22” is not a meeting name such as 22MSP or 5RC."),
        ImportIssue(5, "gender_focal_point_years", "“twenty” is not a year."),
        ImportIssue(
            6,
            "chair_years",
            "Committee on Cooperative Compliance is chaired by the President of the Convention.",
        ),
    ]
    assert not SeatTerm.objects.exists()
    assert not Office.objects.exists()


def test_import_commands(calendar, tmp_path):
    good = tmp_path / "memberships.csv"
    good.write_text(MEMBERSHIPS)
    out = StringIO()
    call_command("import_memberships", good, stdout=out)
    assert out.getvalue() == "Imported: 4 created, 0 updated, 0 unchanged.\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        MEMBERSHIPS.replace("CA5,DEU,21MSP,22MSP,2025,", "CA5,DEU,21MSP,22MSP,2025,2031")
    )
    err = StringIO()
    with pytest.raises(CommandError, match=r"1 problem\(s\); nothing was imported"):
        call_command("import_memberships", bad, stdout=StringIO(), stderr=err)
    assert (
        err.getvalue()
        == "row 2, column gender_focal_point_years: Germany serves in 2024, 2025 only.\n"
    )


def test_meetings_export_then_import_round_trip(calendar, staff_client):
    body = staff_client.get("/meetings/export.csv").getvalue().decode()
    assert (
        body.splitlines()[0]
        == "kind,number,title,start_date,end_date,venue,president_iso3,committee"
    )
    assert MeetingImporter().run(body) == {"create": 0, "update": 0, "unchanged": len(calendar)}
