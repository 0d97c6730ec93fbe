"""Activities, priorities and actions from CSV: every problem by row and column, all or
nothing, and the same file twice changes nothing."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from activities.imports import ActionImporter, ActivityImporter, PriorityImporter
from activities.models import Action, Activity, Priority

pytestmark = pytest.mark.django_db

ACTIVITIES = (
    "committee,date,end_date,kind,text,states,actions,articles,visibility\n"
    'CCC,2025-01-20,,letter,"On 20 January 2025, the Committee wrote to all States Parties.",'
    ",SRAAP 48,7,public\n"
    "Committee on Cooperative Compliance,2025-05-12,2025-05-13,engagement,"
    '"On 12 and 13 May 2025, the Committee met two delegations.",CAN;PER,48;49,9;1,confidential\n'
    'ca5,2025-03-11,,Workshop,"On 11 March 2025, a workshop on clearance.",KHM,10,5,'
    "States Parties only\n"
)

PRIORITIES = """committee,period,text,actions,articles
CCC,2025-2026,"Encourage every State Party to report by 30 April.",SRAAP 48,7
CCC,2025 - 2026,"Engage States with outstanding Article 9 obligations.",49,9
CA5,2026,"Support affected States with their extension requests.",,5
"""


def run(command: str, content: str, tmp_path, *args) -> str:
    path = tmp_path / "import.csv"
    path.write_text(content)
    out = StringIO()
    call_command(command, str(path), *args, stdout=out, stderr=out)
    return out.getvalue()


def test_activities_are_imported_with_their_links(sraap, people, tmp_path):
    assert run("import_activities", ACTIVITIES, tmp_path) == (
        "Imported: 3 created, 0 updated, 0 unchanged.\n"
    )
    rows = {
        activity.date.isoformat(): (
            activity.committee.code,
            activity.end_date.isoformat() if activity.end_date else None,
            activity.kind,
            activity.visibility,
            sorted(state.iso3 for state in activity.states.all()),
            sorted(action.reference for action in activity.actions.all()),
            sorted(article.number for article in activity.articles.all()),
        )
        for activity in Activity.objects.all()
    }
    assert rows == {
        "2025-01-20": ("CCC", None, "letter", "public", [], ["SRAAP 48"], [7]),
        "2025-05-12": (
            "CCC",
            "2025-05-13",
            "engagement",
            "confidential",
            ["CAN", "PER"],
            ["SRAAP 48", "SRAAP 49"],
            [1, 9],
        ),
        "2025-03-11": ("CA5", None, "workshop", "states_parties", ["KHM"], ["SRAAP 10"], [5]),
    }
    # The same file again: nothing changes; a changed link is an update.
    assert run("import_activities", ACTIVITIES, tmp_path) == (
        "Imported: 0 created, 0 updated, 3 unchanged.\n"
    )
    changed = ACTIVITIES.replace("KHM,10,5,States Parties only", "KHM;THA,10,5,public")
    plan = ActivityImporter().read(changed)
    assert plan.counts == {"create": 0, "update": 1, "unchanged": 2}
    (update,) = [row for row in plan.rows if row.action == "update"]
    assert update.changes == {
        "visibility": ("states_parties", "public"),
        "states": ("KHM", "KHM;THA"),
    }
    ActivityImporter().apply(plan)
    assert Activity.objects.count() == 3
    assert Activity.objects.get(committee__code="CA5").visibility == "public"


def test_every_problem_is_reported_by_row_and_column_and_nothing_is_saved(sraap, people, tmp_path):
    content = """committee,date,end_date,kind,text,states,actions,articles,visibility
CCC,2025-01-20,,letter,"A good row.",,48,7,public
XYZ,2025-13-01,,lunch,,ABC,SRAAP 99;OAP 3,23,secret
CCC,2025-05-12,2025-05-01,meeting,"Ends before it starts.",,,,internal
CCC,2019-05-12,,meeting,"No plan covers 2019.",,12,Art. 3,internal
CCC,2025-01-20,,letter,"A good row.",,48,7,public
CCC,2025-06-01,,meeting,"No visibility.",,,,
"""
    plan = ActivityImporter().read(content)
    assert [str(issue) for issue in plan.issues] == [
        "row 3, column committee: No committee with the code or name “XYZ”.",
        "row 3, column date: “2025-13-01” is not a date; write it as YYYY-MM-DD, e.g. 2025-03-12.",
        "row 3, column kind: “lunch” is not one of: meeting, letter, workshop, engagement, "
        "observations, other.",
        "row 3, column text: The paragraph's text is required.",
        "row 3, column states: No State with the code ABC.",
        "row 3, column articles: “23” is not an article of the Convention (1 to 22).",
        "row 3, column visibility: “secret” is not one of: public, states_parties, internal, "
        "confidential.",
        "row 4, column end_date: An activity cannot end before it starts.",
        "row 5, column actions: No single action plan covers 2019: write the action with its "
        "plan, e.g. SRAAP 12.",
        "row 6, column text: “CCC · 2025-01-20 · A good row.” already appears on row 2.",
        "row 7, column visibility: Say who may read it: one of public, states_parties, "
        "internal, confidential.",
    ]
    with pytest.raises(CommandError, match=r"11 problem\(s\); nothing was imported\."):
        run("import_activities", content, tmp_path)
    assert not Activity.objects.exists()


def test_unknown_actions_are_named(sraap, people):
    content = """committee,date,kind,text,actions,visibility
CCC,2025-01-20,letter,"Text.",SRAAP 99,public
CCC,2025-01-21,letter,"Text.",OAP 3,public
CCC,2025-01-22,letter,"Text.",action 5,public
CCC,2025-01-23,letter,"Text.",48b,public
"""
    plan = ActivityImporter().read(content)
    assert [str(issue) for issue in plan.issues] == [
        "row 2, column actions: Siem Reap-Angkor Action Plan has no action 99.",
        "row 3, column actions: No action plan with the code “OAP”.",
        "row 4, column actions: No action plan with the code “action”.",
        "row 5, column actions: “48b” is not an action; write it as SRAAP 48 or 48.",
    ]


def test_a_header_without_the_required_columns_is_refused(people):
    plan = ActivityImporter().read("committee,day,text\nCCC,2025-01-01,x\n")
    assert [str(issue) for issue in plan.issues] == [
        "row 1, column date: This column is missing.",
        "row 1, column kind: This column is missing.",
        "row 1, column visibility: This column is missing.",
        "row 1, column day: Unknown column; the columns are: committee,date,end_date,kind,text,"
        "states,actions,articles,visibility,text_fr,text_es.",
    ]


def test_translations_are_imported_and_a_blank_cell_keeps_the_recorded_one(sraap, people):
    content = (
        "committee,date,kind,text,visibility,text_fr,text_es\n"
        'CCC,2025-01-20,letter,"The Committee wrote.",public,"Le Comité a écrit.",\n'
    )
    ActivityImporter().apply(ActivityImporter().read(content))
    activity = Activity.objects.get()
    assert (activity.text_fr, activity.text_es, activity.missing_translations) == (
        "Le Comité a écrit.",
        "",
        ["es"],
    )
    # Spanish added, French left blank in the file: the French one stays.
    plan = ActivityImporter().read(
        "committee,date,kind,text,visibility,text_fr,text_es\n"
        'CCC,2025-01-20,letter,"The Committee wrote.",public,,"El Comité escribió."\n'
    )
    assert [(row.action, row.changes) for row in plan.rows] == [
        ("update", {"text_es": ("", "El Comité escribió.")})
    ]
    ActivityImporter().apply(plan)
    activity.refresh_from_db()
    assert (activity.text_fr, activity.text_es, activity.missing_translations) == (
        "Le Comité a écrit.",
        "El Comité escribió.",
        [],
    )
    # A file of originals only changes nothing.
    plan = ActivityImporter().read(
        "committee,date,kind,text,visibility\nCCC,2025-01-20,letter,The Committee wrote.,public\n"
    )
    assert plan.counts == {"create": 0, "update": 0, "unchanged": 1}

    priorities = (
        "committee,period,text,actions,articles,text_fr,text_es\n"
        'CCC,2025-2026,"Encourage reporting.",,,'
        '"Encourager les rapports.","Alentar los informes."\n'
    )
    PriorityImporter().apply(PriorityImporter().read(priorities))
    priority = Priority.objects.get()
    assert (priority.text_in("fr"), priority.text_in("es"), priority.text_in("en")) == (
        "Encourager les rapports.",
        "Alentar los informes.",
        "Encourage reporting.",
    )
    plan = PriorityImporter().read(priorities.replace("Alentar los informes.", "Alentar."))
    assert [(row.action, row.changes) for row in plan.rows] == [
        ("update", {"text_es": ("Alentar los informes.", "Alentar.")})
    ]


def test_the_export_carries_the_translations_and_imports_back(sraap, people):
    ActivityImporter().apply(
        ActivityImporter().read(
            "committee,date,kind,text,visibility,text_fr\n"
            'CCC,2025-01-20,letter,"The Committee wrote.",public,"Le Comité a écrit."\n'
        )
    )
    response = people.client("staff").get("/activities/?format=csv")
    exported = b"".join(response.streaming_content).decode()
    assert exported.splitlines() == [
        "committee,date,end_date,kind,text,states,actions,articles,visibility,text_fr,text_es",
        "CCC,2025-01-20,,letter,The Committee wrote.,,,,public,Le Comité a écrit.,",
    ]
    plan = ActivityImporter().read(exported)
    assert plan.counts == {"create": 0, "update": 0, "unchanged": 1}


def test_priorities_are_imported_in_order_and_idempotently(sraap, people, tmp_path):
    assert run("import_priorities", PRIORITIES, tmp_path) == (
        "Imported: 3 created, 0 updated, 0 unchanged.\n"
    )
    assert [
        (p.committee.code, p.period, p.position, [a.reference for a in p.actions.all()])
        for p in Priority.objects.order_by("committee__code", "position")
    ] == [
        ("CA5", "2026", 1, []),
        ("CCC", "2025-2026", 1, ["SRAAP 48"]),
        ("CCC", "2025-2026", 2, ["SRAAP 49"]),
    ]
    assert run("import_priorities", PRIORITIES, tmp_path) == (
        "Imported: 0 created, 0 updated, 3 unchanged.\n"
    )
    assert run("import_priorities", PRIORITIES, tmp_path, "--dry-run") == (
        "Would import: 0 created, 0 updated, 3 unchanged.\n"
    )


def test_priority_problems(sraap, people):
    plan = PriorityImporter().read(
        "committee,period,text,actions,articles\n"
        "CCC,2025-2020,Backwards.,,\n"
        "CCC,,No period.,,\n"
        "CCC,2025-2026,,48,0\n"
    )
    assert [str(issue) for issue in plan.issues] == [
        "row 2, column period: “2025-2020” is not a period: the years must run forward, at most "
        "five years.",
        "row 3, column period: “” is not a period; write it as 2025-2026 or 2025.",
        "row 4, column text: The paragraph's text is required.",
        "row 4, column articles: “0” is not an article of the Convention (1 to 22).",
    ]
    assert not Priority.objects.exists()


def test_actions_are_imported_into_a_recorded_plan(sraap, tmp_path):
    content = (
        "plan,number,section,short_title,text\n"
        "SRAAP,2,Universalization,Promote adherence,Promote adherence to the Convention.\n"
        "sraap,48,Transparency,Transparency reports,Submit annual reports by 30 April.\n"
    )
    assert run("import_actions", content, tmp_path) == (
        "Imported: 1 created, 1 updated, 0 unchanged.\n"
    )
    action = Action.objects.get(plan=sraap, number=48)
    assert (action.section, action.short_title) == ("Transparency", "Transparency reports")
    assert run("import_actions", content, tmp_path) == (
        "Imported: 0 created, 0 updated, 2 unchanged.\n"
    )
    plan = ActionImporter().read("plan,number,short_title,text\nOAP,1,Title,Text\nSRAAP,x,T,T\n")
    assert [str(issue) for issue in plan.issues] == [
        "row 2, column plan: No action plan with the code “OAP”; create the plan first.",
        "row 3, column number: “x” is not a whole number.",
    ]


def test_the_upload_page_previews_then_imports(sraap, people, client):
    staff = people.client("staff")
    page = staff.get("/activities/import/")
    assert page.status_code == 200
    response = staff.post(
        "/activities/import/",
        {"file": SimpleUploadedFile("a.csv", ACTIVITIES.encode(), content_type="text/csv")},
    )
    assert response.status_code == 200
    assert "3 to create, 0 to update, 0 unchanged. Nothing has been saved yet." in (
        response.content.decode()
    )
    assert not Activity.objects.exists()
    payload = response.context["payload"]
    done = staff.post("/activities/import/", {"payload": payload})
    assert done.status_code == 302
    assert Activity.objects.count() == 3
    for who, status in [("ccc_member", 403), ("observer", 403), ("anonymous", 302)]:
        assert people.client(who).get("/activities/import/").status_code == status
        assert people.client(who).get("/priorities/import/").status_code == status
