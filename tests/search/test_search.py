"""One search box: ranking, accents, permissions, a fixed number of queries, the GIN index."""

import html
import importlib
import re
from datetime import date

import pytest
from django.db import connection

from committees.models import Meeting
from search import registry
from search.sources import MEETINGS, STATES
from tests.factories import StatePartyFactory, UserFactory
from tests.utils import log_in_client, queries_for

pytestmark = pytest.mark.django_db


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
    migration = importlib.import_module("search.migrations.0001_initial")
    indexed = {name: fields for _app, _model, name, fields in migration.INDEXES}
    assert indexed == {"stateparty_search": STATES.fields, "meeting_search": MEETINGS.fields}
    user = UserFactory(username="s", role="isu_staff")
    for source, index in ((STATES, "stateparty_search"), (MEETINGS, "meeting_search")):
        queryset = source.search(user, "geneva")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            sql, params = queryset.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert index in plan, plan


def test_every_source_is_registered():
    assert [source.key for source in registry.sources()] == [
        "states",
        "committees",
        "meetings",
        "contacts",
        "audiences",
    ]
