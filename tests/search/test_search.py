"""One search box: ranking, accents, permissions, a fixed number of queries, the GIN index."""

import html
import importlib
import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.utils.text import Truncator

from activities import services as activity_services
from activities.models import Activity
from committees.models import Meeting
from search import registry
from search.sources import ACTIVITIES, LETTERS, MEETINGS, STATES
from tests.api.conftest import ACTIVITIES as ACTIVITIES_BY_KEY
from tests.factories import StatePartyFactory, UserFactory
from tests.utils import log_in_client, queries_for

pytestmark = pytest.mark.django_db

ACTIVITY_TEXTS = {key: text for key, (_code, _level, text) in ACTIVITIES_BY_KEY.items()}


def titles(response, key: str) -> list[str]:
    page = response.content.decode()
    section = re.search(rf'data-testid="results-{key}">(.*?)</section>', page, re.S)
    if section is None:
        return []
    return [
        html.unescape(t) for t in re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section.group(1))
    ]


def test_a_name_ranks_above_a_mention_in_notes(record, staff_client):
    StatePartyFactory(iso3="LAO", name="Laos", notes="Neighbour of Cambodia; survey ongoing.")
    response = staff_client.get("/search/?q=cambodia")
    assert titles(response, "states") == ["Cambodia", "Laos"]


def test_accents_are_ignored_both_ways(record, staff_client):
    assert titles(staff_client.get("/search/?q=cote"), "states") == ["Côte d'Ivoire"]
    assert set(titles(staff_client.get("/search/?q=T%C3%9CRK"), "states")) == {
        "Türkiye",
        "Turkmenistan",
    }
    assert titles(staff_client.get("/search/?q=turkiye"), "states") == ["Türkiye"]


def test_states_are_found_by_their_french_and_spanish_names_and_shown_in_the_readers(
    record, staff_client
):
    assert titles(staff_client.get("/search/?q=cambodge"), "states") == ["Cambodia"]
    french = staff_client.get("/search/?q=camboya", HTTP_ACCEPT_LANGUAGE="fr")
    assert titles(french, "states") == ["Cambodge"]


def test_activities_are_found_by_their_translations_and_titled_in_the_readers_language(
    records, staff_client
):
    activity = Activity.objects.get(text=ACTIVITY_TEXTS["ca5_public"])
    activity.text_fr = "Le Comité a rencontré la délégation du Cambodge à Genève."
    activity.save()
    english = staff_client.get("/search/?q=rencontr%C3%A9+d%C3%A9l%C3%A9gation")
    assert titles(english, "activities") == [Truncator(activity.text).chars(160)]
    french = staff_client.get("/search/?q=rencontr%C3%A9", HTTP_ACCEPT_LANGUAGE="fr")
    assert titles(french, "activities") == [
        "Le Comité a rencontré la délégation du Cambodge à Genève."
    ]


def test_prefixes_of_every_word_must_match(record, staff_client):
    response = staff_client.get("/search/?q=consult+alleg")
    assert titles(response, "meetings") == ["CCC consultations on an alleged use"]
    assert titles(staff_client.get("/search/?q=consult+retreat"), "meetings") == []


def test_meetings_are_found_by_their_short_name(record, staff_client, meetings):
    assert titles(staff_client.get("/search/?q=22MSP"), "meetings") == [
        "Meeting of the States Parties (22MSP)"
    ]


def test_results_are_filtered_by_permission(record, member, client):
    staff, observer = (
        UserFactory(username="s", role="isu_staff"),
        UserFactory(username="o", role="observer"),
    )

    def found(user, text, key):
        log_in_client(client, user)
        return titles(client.get(f"/search/?q={text}"), key)

    assert set(found(staff, "geneva", "meetings")) >= {
        "CA5 retreat",
        "CCC consultations on an alleged use",
    }
    assert "CCC consultations on an alleged use" not in found(member, "geneva", "meetings")
    assert "CA5 retreat" in found(member, "geneva", "meetings")
    assert not {"CA5 retreat", "CCC consultations on an alleged use"} & set(
        found(observer, "geneva", "meetings")
    )
    assert found(staff, "mission", "contacts") == ["Mission of Cambodia"]
    assert found(member, "mission", "contacts") == ["Mission of Cambodia"]
    assert found(observer, "mission", "contacts") == []


def test_committees_are_found_by_name_and_code(record, staff_client):
    assert titles(staff_client.get("/search/?q=victim"), "committees") == [
        "Committee on Victim Assistance"
    ]
    assert titles(staff_client.get("/search/?q=ca5"), "committees") == [
        "Committee on Article 5 Implementation"
    ]


def test_one_kind_paginated_and_harmless_input(record, staff_client):
    response = staff_client.get("/search/?q=state&type=states")
    assert response.status_code == 200
    for text in ["'", "a & b | !c", "(((", ":*", "\\", "   "]:
        assert staff_client.get("/search/", {"q": text}).status_code == 200


def test_queries_do_not_grow_with_the_data(record, staff_client):
    small = len(queries_for(staff_client, "/search/?q=geneva"))
    for index in range(40):
        StatePartyFactory(
            iso3=f"Q{chr(65 + index // 26)}{chr(65 + index % 26)}", name=f"Geneva State {index}"
        )
        Meeting.objects.create(
            kind="workshop",
            committee=record["ca5_meeting"].committee,
            title=f"Geneva workshop {index}",
            start_date=date(2026, 7, 1),
            end_date=date(2026, 7, 1),
        )
    assert len(queries_for(staff_client, "/search/?q=geneva")) == small


def test_the_indexes_are_built_on_the_expressions_searched():
    """The migration's fields are the sources' fields, and PostgreSQL uses the index."""
    indexed = {
        name: fields
        for module in (
            "0001_initial",
            "0002_activity_and_letter_indexes",
            "0003_names_and_translations_searched",
        )
        for _app, _model, name, fields in importlib.import_module(
            f"search.migrations.{module}"
        ).INDEXES
    }
    pairs = (
        (STATES, "stateparty_search"),
        (MEETINGS, "meeting_search"),
        (ACTIVITIES, "activity_search"),
        (LETTERS, "letter_search"),
    )
    assert indexed == {index: source.fields for source, index in pairs}
    user = UserFactory(username="s", role="isu_staff")
    for source, index in pairs:
        queryset = source.search(user, "geneva")
        with connection.cursor() as cursor:
            # On these near-empty tables a full scan of any index is as cheap as a sequential
            # scan: discourage both, as the planner would on a table of real size.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            sql, params = queryset.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert index in plan, plan


def test_every_source_is_registered():
    assert [source.key for source in registry.sources()] == [
        "states",
        "committees",
        "meetings",
        "activities",
        "priorities",
        "compliance_matters",
        "documents",
        "letters",
        "contacts",
        "audiences",
    ]


# --- the records of the committees ----------------------------------------------------------------


def test_activities_are_found_as_their_level_and_committee_allow(records, member, ccc_member):
    """CA5 and CCC each have an internal activity about Ruritania; the CCC also a confidential
    one; CA5 a public and a States Parties one that do not mention it."""
    client = Client()
    staff, observer = (
        UserFactory(username="s", role="isu_staff"),
        UserFactory(username="o", role="observer"),
    )

    def found(user, text, key="activities"):
        log_in_client(client, user)
        return set(titles(client.get(f"/search/?q={text}"), key))

    ca5_internal = ACTIVITY_TEXTS["ca5_internal"]
    ccc_internal = ACTIVITY_TEXTS["ccc_internal"]
    confidential = ACTIVITY_TEXTS["ccc_confidential"]
    assert found(staff, "ruritanian") == {ca5_internal, ccc_internal}
    assert found(member, "ruritanian") == {ca5_internal}
    assert found(ccc_member, "ruritanian") == {ccc_internal}
    assert found(observer, "ruritanian") == set()
    assert found(staff, "alleged") == {confidential}
    assert found(ccc_member, "alleged") == {confidential}
    assert found(member, "alleged") == set()
    assert found(observer, "geneva") == {ACTIVITY_TEXTS["ca5_public"]}
    assert found(staff, "surveys") == {ACTIVITY_TEXTS["ca5_states_parties"]}
    assert found(member, "surveys") == {ACTIVITY_TEXTS["ca5_states_parties"]}
    assert found(observer, "surveys") == set()


def test_the_compliance_matter_is_found_by_staff_and_the_compliance_committee_only(
    records, member, ccc_member
):
    client = Client()
    observer = UserFactory(username="o", role="observer")
    staff = UserFactory(username="s", role="isu_staff")

    def found(user):
        log_in_client(client, user)
        return titles(client.get("/search/?q=ruritania"), "compliance_matters")

    assert found(staff) == ["Alleged use by Ruritania"]
    assert found(ccc_member) == ["Alleged use by Ruritania"]
    assert found(member) == []
    assert found(observer) == []


def test_priorities_documents_and_letters(records, member, ccc_member):
    client = Client()
    observer = UserFactory(username="o", role="observer")
    staff = UserFactory(username="s", role="isu_staff")

    def found(user, text, key):
        log_in_client(client, user)
        return set(titles(client.get(f"/search/?q={text}"), key))

    both = {"CA5 priority: Ruritania.", "CCC priority: Ruritania."}
    assert found(observer, "priority+ruritania", "priorities") == both
    response = client.get("/search/?q=priority&type=priorities")
    assert 'href="/priorities/?committee=CA5&amp;period=2026-2027"' in (response.content.decode())

    def symbols(user, text):
        return {title.split(":")[0] for title in found(user, text, "documents")}

    assert symbols(staff, "aplc") == {
        "APLC/CA5/2026/1",
        "APLC/CA5/2026/2",
        "APLC/CCC/2026/1",
        "APLC/CCC/2026/2",
    }
    assert symbols(member, "aplc") == {"APLC/CA5/2026/1", "APLC/CA5/2026/2", "APLC/CCC/2026/1"}
    assert symbols(ccc_member, "ccc/2026") == {"APLC/CCC/2026/1", "APLC/CCC/2026/2"}
    assert symbols(observer, "aplc") == {"APLC/CA5/2026/1"}
    assert symbols(observer, "activities+priorities") == {"APLC/CA5/2026/1"}

    def letters(user, text):
        return {title.split(" ", 1)[1] for title in found(user, text, "letters")}

    assert letters(staff, "ruritania") == {
        "CA5 letter on clearance",
        "CCC letter on compliance",
        "ISU letter on the meeting",
    }
    assert letters(member, "ruritania") == {"CA5 letter on clearance"}
    assert letters(ccc_member, "colleagues") == {"CCC letter on compliance"}
    assert letters(observer, "ruritania") == set()


def test_search_of_records_runs_a_fixed_number_of_queries(records, member):
    client = log_in_client(Client(), member)
    small = len(queries_for(client, "/search/?q=ruritania"))
    for activity in Activity.objects.filter(committee__code="CA5"):
        for index in range(5):
            activity_services.save_activity(
                Activity(
                    committee=activity.committee,
                    date=activity.date,
                    kind="meeting",
                    text=f"{activity.text} Ruritania {index}.",
                    visibility=activity.visibility,
                )
            )
    assert len(queries_for(client, "/search/?q=ruritania")) == small
