from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from common.import_plan import ImportIssue, ImportRejected
from states_parties.imports import StatePartyImporter
from states_parties.models import StateParty

pytestmark = pytest.mark.django_db

HEADER = (
    "iso3,name,signature_date,instrument,deposit_date,withdrawal_deposit_date,"
    "withdrawal_suspended\n"
)
GOOD = (
    HEADER
    + "KHM,Cambodia,1997-12-03,ratification,1999-07-28,,false\n"
    + "LKA,Sri Lanka,,accession,2017-12-13,,\n"
    + "UKR,Ukraine,1999-02-24,ratification,2005-12-27,2025-06-29,true\n"
)


def test_import_creates_then_changes_nothing():
    importer = StatePartyImporter()
    assert importer.run(GOOD) == {"create": 3, "update": 0, "unchanged": 0}
    assert importer.run(GOOD) == {"create": 0, "update": 0, "unchanged": 3}
    sri_lanka = StateParty.objects.get(iso3="LKA")
    assert sri_lanka.entry_into_force == date(2018, 6, 1)
    assert sri_lanka.instrument == "accession"
    assert StateParty.objects.get(iso3="UKR").withdrawal_suspended is True
    assert StateParty.objects.count() == 3


def test_update_is_reported_with_its_changes():
    StatePartyImporter().run(GOOD)
    changed = GOOD.replace(
        "KHM,Cambodia,1997-12-03,ratification,1999-07-28",
        "KHM,Cambodia,1997-12-03,ratification,1999-07-29",
    )
    plan = StatePartyImporter().read(changed)
    assert plan.counts == {"create": 0, "update": 1, "unchanged": 2}
    (update,) = [row for row in plan.rows if row.action == "update"]
    assert (update.row, update.key) == (2, "KHM")
    assert update.changes == {"deposit_date": (date(1999, 7, 28), date(1999, 7, 29))}


def test_one_bad_row_rejects_the_whole_file_with_every_error():
    bad = (
        HEADER
        + "KHM,Cambodia,1997-12-03,ratification,1999-07-28,,false\n"
        + "LKA,Sri Lanka,,treaty,13/12/2017,,maybe\n"
        + "XXX,Nowhere,,,,,\n"
        + "KHM,Cambodia again,,accession,2000-01-01,,\n"
        + "CAN,Canada,1997-12-03,ratification,1997-12-01,,\n"
    )
    plan = StatePartyImporter().read(bad)
    assert plan.issues == [
        ImportIssue(
            3, "instrument", "“treaty” is not one of: ratification, accession, succession."
        ),
        ImportIssue(
            3,
            "deposit_date",
            "“13/12/2017” is not a date; write it as YYYY-MM-DD, e.g. 2025-03-12.",
        ),
        ImportIssue(3, "withdrawal_suspended", "“maybe” is not true or false."),
        ImportIssue(4, "iso3", "“XXX” is not an ISO 3166 alpha-3 country code."),
        ImportIssue(5, "iso3", "“KHM” already appears on row 2."),
        ImportIssue(6, "deposit_date", "No instrument could be deposited before 3 December 1997."),
        ImportIssue(6, "deposit_date", "The deposit cannot precede the signature."),
    ]
    with pytest.raises(ImportRejected):
        StatePartyImporter().apply(plan)
    assert StateParty.objects.count() == 0


def test_header_problems():
    plan = StatePartyImporter().read(
        "iso3,name,signature,instrument,deposit_date,deposit_date\nKHM,,,,,\n"
    )
    assert plan.issues == [
        ImportIssue(1, "signature_date", "This column is missing."),
        ImportIssue(1, "withdrawal_deposit_date", "This column is missing."),
        ImportIssue(
            1,
            "signature",
            "Unknown column; the columns are: iso3,name,name_fr,name_es,signature_date,"
            "instrument,deposit_date,withdrawal_deposit_date,withdrawal_suspended,"
            "regional_group.",
        ),
        ImportIssue(1, "deposit_date", "This column appears twice."),
    ]


def test_file_level_problems():
    assert StatePartyImporter().read("é".encode("latin-1")).issues == [
        ImportIssue(None, None, "The file is not UTF-8 text (byte 0); save it as CSV UTF-8.")
    ]
    assert StatePartyImporter().read(HEADER).issues == [
        ImportIssue(None, None, "The file has no records.")
    ]
    assert StatePartyImporter().read(HEADER + "KHM,Cambodia,,,,,,extra\n").issues == [
        ImportIssue(2, None, "This row has more cells than the header.")
    ]


def test_excel_byte_order_mark_and_blank_name_default_to_iso_name():
    content = ("\ufeff" + HEADER + "KHM,,1997-12-03,Ratification,1999-07-28,,\n").encode()
    assert StatePartyImporter().run(content) == {"create": 1, "update": 0, "unchanged": 0}
    assert StateParty.objects.get().name == "Cambodia"


def test_export_then_import_is_a_round_trip(tmp_path):
    StatePartyImporter().run(GOOD)
    exported = tmp_path / "states.csv"
    call_command("export_states_parties", output=exported, stderr=StringIO())
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert lines[0] == (
        "iso3,name,name_fr,name_es,signature_date,instrument,deposit_date,"
        "withdrawal_deposit_date,withdrawal_suspended,entry_into_force,initial_report_due,"
        "article4_deadline,article5_original_deadline,article5_current_deadline,"
        "withdrawal_effective,status"
    )
    assert lines[1:] == [
        "KHM,Cambodia,Cambodge,Camboya,1997-12-03,ratification,1999-07-28,,false,2000-01-01,"
        "2000-06-29,2004-01-01,2010-01-01,2010-01-01,,state_party",
        "LKA,Sri Lanka,Sri Lanka,Sri Lanka,,accession,2017-12-13,,false,2018-06-01,2018-11-28,"
        "2022-06-01,2028-06-01,2028-06-01,,state_party",
        "UKR,Ukraine,Ukraine,Ucrania,1999-02-24,ratification,2005-12-27,2025-06-29,true,"
        "2006-06-01,2006-11-28,2010-06-01,2016-06-01,2016-06-01,,withdrawal_pending",
    ]
    out = StringIO()
    call_command("import_states_parties", exported, stdout=out)
    assert out.getvalue() == "Imported: 0 created, 0 updated, 3 unchanged.\n"


def test_import_command_reports_rows_and_columns_and_saves_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + "KHM,Cambodia,1997-12-03,ratification,1999-07-28,,\n"
        + "LKA,Sri Lanka,,accession,2017-13-13,,\n"
    )
    err = StringIO()
    with pytest.raises(CommandError, match=r"1 problem\(s\); nothing was imported"):
        call_command("import_states_parties", path, stdout=StringIO(), stderr=err)
    assert err.getvalue() == (
        "row 3, column deposit_date: “2017-13-13” is not a date; write it as YYYY-MM-DD, "
        "e.g. 2025-03-12.\n"
    )
    assert StateParty.objects.count() == 0


def test_import_command_dry_run_and_missing_file(tmp_path):
    path = tmp_path / "good.csv"
    path.write_text(GOOD)
    out = StringIO()
    call_command("import_states_parties", path, dry_run=True, stdout=out)
    assert out.getvalue() == "Would import: 3 created, 0 updated, 0 unchanged.\n"
    assert StateParty.objects.count() == 0
    with pytest.raises(
        CommandError, match=r"Cannot read .*missing\.csv: No such file or directory"
    ):
        call_command("import_states_parties", tmp_path / "missing.csv")


@pytest.mark.slow
def test_the_demo_file_imports():
    from states_parties.demo import DEMO_CSV

    counts = StatePartyImporter().run(DEMO_CSV.read_bytes())
    assert counts == {"create": 166, "update": 0, "unchanged": 0}


def test_names_in_french_and_spanish_are_optional_columns():
    """A blank cell keeps the name recorded (a new State takes the UN short name); a name
    given replaces it."""
    StatePartyImporter().run(GOOD)
    content = (
        "iso3,name,name_fr,name_es,signature_date,instrument,deposit_date,"
        "withdrawal_deposit_date,withdrawal_suspended\n"
        "KHM,Cambodia,Royaume du Cambodge,,1997-12-03,ratification,1999-07-28,,false\n"
        "CIV,Côte d'Ivoire,,,1997-12-03,ratification,2000-06-30,,false\n"
    )
    plan = StatePartyImporter().read(content)
    assert [(row.key, row.action, row.changes) for row in plan.rows] == [
        ("KHM", "update", {"name_fr": ("Cambodge", "Royaume du Cambodge")}),
        ("CIV", "create", {}),
    ]
    StatePartyImporter().apply(plan)
    assert list(
        StateParty.objects.filter(iso3__in=["KHM", "CIV"])
        .order_by("iso3")
        .values_list("iso3", "name_fr", "name_es")
    ) == [
        ("CIV", "Côte d'Ivoire", "Côte d'Ivoire"),
        ("KHM", "Royaume du Cambodge", "Camboya"),
    ]
