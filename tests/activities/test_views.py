"""The activities, priorities, action plans and compliance pages: lists with search, filters,
pagination and export; forms that say what is wrong; the dashboard panels; flat query counts."""

import csv
import io
from datetime import date, timedelta

import pytest

from activities import services
from activities.models import Action, ActionPlan, Activity, ComplianceMatter, Priority
from committees.models import Committee, Meeting
from documents import services as document_services
from documents.models import Document
from tests.activity_fixtures import DOCUMENT_DATE
from tests.utils import queries_for

pytestmark = pytest.mark.django_db


def _texts(response) -> list[str]:
    return [activity.text for activity in response.context["page"].object_list]


def test_the_list_searches_and_filters(ccc_year, people, states, articles, sraap):
    ca5 = Committee.objects.get(code="CA5")
    services.save_activity(
        Activity(
            committee=ca5,
            date=date(2025, 4, 2),
            kind="engagement",
            text="Dialogue with Cambodia on its extension request.",
            visibility="public",
        ),
        states=[states["KHM"]],
        articles=[articles[5]],
        actions=[Action.objects.get(number=10)],
    )
    client = people.client("observer")
    assert len(_texts(client.get("/activities/"))) == 9
    assert _texts(client.get("/activities/?q=workshop")) == [
        "On 11 March 2025, the Committee held an online workshop on Article 7 reporting with the "
        "other committees."
    ]
    assert len(_texts(client.get("/activities/?committee=CCC"))) == 8
    assert len(_texts(client.get("/activities/?committee=CCC&kind=letter"))) == 3
    assert _texts(client.get("/activities/?state=KHM")) == [
        "Dialogue with Cambodia on its extension request."
    ]
    assert len(_texts(client.get("/activities/?article=5"))) == 1
    assert len(_texts(client.get("/activities/?article=7"))) == 3
    action = Action.objects.get(number=48)
    assert len(_texts(client.get(f"/activities/?action={action.pk}"))) == 3
    between = _texts(client.get("/activities/?after=2025-05-01&before=2025-06-30"))
    assert [text[:17] for text in between] == ["On 17 June 2025, ", "On 12 May 2025, t"]
    empty = client.get("/activities/?q=nothing-like-this").content.decode()
    assert "No activity matches." in empty


def test_htmx_gets_only_the_results(ccc_year, people):
    response = people.client("staff").get(
        "/activities/?q=letter", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="activity-results"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="activity-results"')
    assert "<html" not in html


def test_the_export_is_the_filtered_list_in_the_import_format(ccc_year, people):
    response = people.client("staff").get("/activities/?committee=CCC&kind=letter&format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "committee",
        "date",
        "end_date",
        "kind",
        "text",
        "states",
        "actions",
        "articles",
        "visibility",
        "text_fr",
        "text_es",
    ]
    assert [row[1] for row in rows[1:]] == ["2025-09-30", "2025-02-14", "2025-01-20"]
    assert rows[1][6:9] == ["SRAAP 48", "7", "public"]
    assert rows[1][9:] == [
        "Le 30 septembre 2025, le Comité a écrit à chaque État partie qui n’a pas soumis de "
        "rapport et a des obligations au titre de l’article 5, 4 ou 3.",
        "El 30 de septiembre de 2025, el Comité escribió a cada Estado Parte que no ha "
        "presentado informes y tiene obligaciones en virtud del artículo 5, 4 o 3.",
    ]
    xlsx = people.client("staff").get("/activities/?format=xlsx")
    assert xlsx["Content-Disposition"] == 'attachment; filename="activities.xlsx"'


def test_recording_an_activity_checks_it(ccc_year, people, states, meetings):
    client = people.client("staff")
    ccc = Committee.objects.get(code="CCC")
    matter = services.save_compliance_matter(
        ComplianceMatter(
            title="Alleged transfer", kind="alleged_transfer", opened_on=date(2025, 3, 1)
        )
    )
    response = client.post(
        "/activities/new/",
        {
            "committee": ccc.pk,
            "date": "2025-05-12",
            "end_date": "2025-05-01",
            "kind": "engagement",
            "text": "Met the delegation.",
            "visibility": "internal",
            "compliance_matter": matter.pk,
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "end_date": ["An activity cannot end before it starts."],
        "visibility": ["An engagement on a compliance matter is confidential."],
    }
    assert not Activity.objects.filter(text="Met the delegation.").exists()
    response = client.post(
        "/activities/new/",
        {
            "committee": ccc.pk,
            "date": "2025-05-12",
            "kind": "engagement",
            "text": "Met the delegation.",
            "visibility": "confidential",
            "compliance_matter": matter.pk,
            "states": [states["CAN"].pk, states["PER"].pk],
        },
    )
    activity = Activity.objects.get(text="Met the delegation.")
    assert response.status_code == 302
    assert response["Location"] == f"/activities/{activity.pk}/"
    assert sorted(s.iso3 for s in activity.states.all()) == ["CAN", "PER"]
    assert activity.created_by == people.staff
    assert people.client("ccc_member").get("/activities/new/").status_code == 403


def test_an_activity_names_its_meeting_only_to_those_who_may_see_the_meeting(
    people, standing_committees, november_2025
):
    ccc = standing_committees["CCC"]
    meeting = Meeting.objects.create(
        kind="committee",
        committee=ccc,
        title="Consultations on an alleged use",
        start_date=date(2025, 5, 20),
        end_date=date(2025, 5, 20),
    )
    activity = services.save_activity(
        Activity(
            committee=ccc,
            date=date(2025, 5, 20),
            kind="meeting",
            text="On 20 May 2025, the Committee met.",
            visibility="public",
            meeting=meeting,
        )
    )
    url = f"/activities/{activity.pk}/"
    # The meeting is the CCC's own: its members and ISU staff see it, nobody else.
    for name, sees in [
        ("staff", True),
        ("ccc_member", True),
        ("ca5_member", False),
        ("observer", False),
    ]:
        page = people.client(name).get(url).content.decode()
        assert "On 20 May 2025, the Committee met." in page
        assert ("Consultations on an alleged use" in page) is sees, name


def test_an_activity_in_a_document_cannot_be_deleted(ccc_year, people):
    document = document_services.create_document(
        Document(
            committee=ccc_year,
            kind="activities-priorities",
            period="2025-2026",
            date=DOCUMENT_DATE,
            symbol="S",
        ),
        people.staff,
    )
    activity = document.paragraphs.filter(activity__isnull=False).first().activity
    client = people.client("staff")
    response = client.post(f"/activities/{activity.pk}/delete/", follow=True)
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert (
        f"“{activity}” cannot be deleted because other records refer to it "
        "(Document paragraphs: 1)." in response.content.decode()
    )
    free = services.save_activity(
        Activity(committee=ccc_year, date=date(2025, 7, 1), kind="other", text="Free.")
    )
    assert client.post(f"/activities/{free.pk}/delete/").status_code == 302
    assert not Activity.objects.filter(pk=free.pk).exists()


def test_priorities_list_order_and_forms(ccc_year, people):
    client = people.client("staff")
    page = client.get("/priorities/?committee=CCC&period=2025-2026")
    assert [p.position for p in page.context["page"].object_list] == [1, 2, 3, 4]
    third = Priority.objects.get(committee__code="CCC", position=3)
    client.post(f"/priorities/{third.pk}/move/", {"direction": "up"})
    assert [
        p.text[:10] for p in Priority.objects.filter(committee__code="CCC").order_by("position")
    ] == ["Encourage ", "Support St", "Engage the", "Report on "]
    response = client.post(
        "/priorities/new/",
        {"committee": ccc_year.pk, "period": "2026/27", "text": "Something."},
    )
    assert response.context["form"].errors == {
        "period": ["“2026/27” is not a period; write it as 2025-2026 or 2025."]
    }
    response = client.post(
        "/priorities/new/",
        {"committee": ccc_year.pk, "period": "2025 - 2026", "text": "A fifth priority."},
    )
    assert response.status_code == 302
    assert Priority.objects.get(text="A fifth priority.").position == 5
    assert Priority.objects.get(text="A fifth priority.").period == "2025-2026"
    rows = b"".join(client.get("/priorities/?format=csv").streaming_content).decode()
    assert rows.splitlines()[0] == "committee,period,text,actions,articles,text_fr,text_es"
    assert people.client("observer").get("/priorities/").status_code == 200
    assert people.client("observer").get("/priorities/new/").status_code == 403


def test_action_plans(sraap, people):
    client = people.client("staff")
    assert "Siem Reap-Angkor Action Plan" in client.get("/action-plans/").content.decode()
    page = client.get("/action-plans/sraap/?q=report")
    assert [a.number for a in page.context["page"].object_list] == [10, 48]
    response = client.post(
        "/action-plans/SRAAP/actions/new/",
        {"number": 48, "short_title": "Again", "text": "Again."},
    )
    assert response.context["form"].errors == {
        "__all__": ["This plan already has an action with this number."]
    }
    response = client.post(
        "/action-plans/new/",
        {"code": "oap", "name": "Oslo Action Plan", "start_year": 2020, "end_year": 2019},
    )
    assert "An action plan cannot end before it starts." in str(response.context["form"].errors)
    response = client.post(
        "/action-plans/new/",
        {"code": "oap", "name": "Oslo Action Plan", "start_year": 2020, "end_year": 2024},
    )
    assert response.status_code == 302
    assert ActionPlan.objects.get(code="OAP").name == "Oslo Action Plan"
    export = b"".join(client.get("/action-plans/SRAAP/?format=csv").streaming_content).decode()
    assert export.splitlines()[:2] == [
        "plan,number,section,short_title,text",
        "SRAAP,1,,Universal adherence,Universal adherence: the text.",
    ]


def test_compliance_matter_form(people, states):
    client = people.client("staff")
    response = client.post(
        "/compliance/new/",
        {
            "title": "Alleged use",
            "kind": "alleged_use",
            "states": [states["TKM"].pk],
            "opened_on": "2025-04-02",
            "status": "closed",
        },
    )
    assert response.context["form"].errors == {"closed_on": ["Say when the matter was closed."]}
    response = client.post(
        "/compliance/new/",
        {
            "title": "Alleged use",
            "kind": "alleged_use",
            "states": [states["TKM"].pk],
            "opened_on": "2025-04-02",
            "status": "open",
        },
    )
    matter = ComplianceMatter.objects.get()
    assert response["Location"] == f"/compliance/{matter.pk}/"


# --- dashboards ---------------------------------------------------------------------------------


def test_the_dashboards_show_what_the_committee_did(ccc_year, people, november_2025):
    ccc = ccc_year
    services.save_activity(
        Activity(
            committee=ccc,
            date=date(2025, 11, 1),
            kind="engagement",
            text="Confidential engagement with a delegation.",
            visibility="confidential",
        )
    )
    services.save_compliance_matter(
        ComplianceMatter(
            title="Alleged use in the east", kind="alleged_use", opened_on=date(2025, 4, 2)
        )
    )
    page = people.client("ccc_member").get("/committees/CCC/dashboard/")
    panels = {panel.key: panel for panel in page.context["panels"]}
    assert [a.text[:34] for a in panels["activities"].context["activities"]] == [
        "Confidential engagement with a del",
        "On 8 October 2025, the Committee m",
        "On 30 September 2025, the Committe",
        "On 17 June 2025, the Committee pre",
        "On 12 May 2025, the Committee met ",
    ]
    assert panels["activities"].context["this_year"] == 9
    assert [m.title for m in panels["compliance_matters"].context["matters"]] == [
        "Alleged use in the east"
    ]
    html = page.content.decode()
    assert "Open compliance matters (confidential)" in html
    ca5_page = people.client("ca5_member").get("/committees/CA5/dashboard/")
    keys = [panel.key for panel in ca5_page.context["panels"]]
    assert "compliance_matters" not in keys
    assert "No activity recorded yet." in ca5_page.content.decode()


# --- query counts ---------------------------------------------------------------------------------


PAGES = [
    "/activities/",
    "/activities/?committee=CCC&kind=letter",
    "/activities/?format=csv",
    "/priorities/",
    "/priorities/?format=csv",
    "/action-plans/",
    "/action-plans/SRAAP/",
    "/compliance/",
    "/documents/",
    "/committees/CCC/dashboard/",
]


def _grow(committee: Committee, states, start: int, count: int) -> None:
    """Activities at every level with links, priorities, compliance matters and documents."""
    actions = list(Action.objects.all()[:3])
    plan = ActionPlan.objects.get()
    for number in range(100 + start, 100 + start + count):
        services.save_action(Action(plan=plan, number=number, short_title="A", text="A."))
    for index in range(start, start + count):
        activity = services.save_activity(
            Activity(
                committee=committee,
                date=date(2025, 1, 1) + timedelta(days=index),
                kind="letter",
                text=f"Letter {index}.",
                visibility=("public", "internal", "confidential")[index % 3],
            ),
            states=list(states.values())[: 1 + index % 4],
            actions=actions[: 1 + index % 3],
        )
        if index % 5 == 0:
            services.save_compliance_matter(
                ComplianceMatter(title=f"Matter {index}", kind="other", opened_on=activity.date),
                states=list(states.values())[:2],
            )
        services.save_priority(
            Priority(committee=committee, period="2025-2026", text=f"Priority {index}."),
            actions=actions[:2],
        )
        if index % 10 == 0:
            document_services.create_document(
                Document(
                    committee=committee,
                    kind="activities-priorities",
                    period="2025-2026",
                    date=DOCUMENT_DATE,
                    symbol=f"S/{index}",
                )
            )


def test_pages_keep_flat_query_counts(ccc_year, people, states, november_2025):
    client = people.client("staff")
    _grow(ccc_year, states, 0, 1)
    small = {url: len(queries_for(client, url)) for url in PAGES}
    _grow(ccc_year, states, 1, 10)  # every level, matters and documents among them
    large = {url: len(queries_for(client, url)) for url in PAGES}
    assert small == large


def test_the_records_page_shows_each_translation_or_that_it_is_missing(ccc_year, people):
    activity = Activity.objects.get(date="2025-09-30")
    activity.text_es = ""
    activity.save()
    page = people.client("staff").get(f"/activities/{activity.pk}/").content.decode()
    assert (
        '<dd data-testid="translation-fr"><blockquote class="paragraph-text" lang="fr">'
        "Le 30 septembre 2025, le Comité a écrit à chaque État partie qui n’a pas soumis de "
        "rapport et a des obligations au titre de l’article 5, 4 ou 3.</blockquote></dd>"
    ) in page
    assert (
        '<dd data-testid="translation-es"><span class="tag tag--warning">missing</span> '
        f'<a href="/activities/{activity.pk}/edit/">Enter it</a></dd>'
    ) in page
    listing = people.client("staff").get("/activities/?committee=CCC").content.decode()
    assert listing.count('data-testid="missing-es"') == 1
    assert 'data-testid="missing-fr"' not in listing
    # Readers who cannot edit see the translations, not the editors' reminders.
    observer = people.client("observer")
    assert (
        'data-testid="missing-es"'
        not in observer.get("/activities/?committee=CCC").content.decode()
    )
    assert "Enter it" not in observer.get(f"/activities/{activity.pk}/").content.decode()
    # Staff enter translations on the record's form.
    form = people.client("staff").get(f"/activities/{activity.pk}/edit/").context["form"]
    assert {"text", "text_fr", "text_es"} <= set(form.fields)
    priority_form = people.client("staff").get("/priorities/new/").context["form"]
    assert {"text", "text_fr", "text_es"} <= set(priority_form.fields)
