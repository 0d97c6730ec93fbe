"""Lists: search ignores accents and case ("cote" finds Côte d'Ivoire, on PostgreSQL through
``unaccent``; SQLite ignores case only), sorting follows the language's alphabetical order
(ICU collations), and the column heading shows the sort direction and turns it round."""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

from common.lookups import fold
from documents.models import Document
from states_parties.models import StateParty
from tests.factories import (
    ActivityFactory,
    CommitteeFactory,
    DocumentFactory,
    LetterFactory,
    MeetingFactory,
    OutgoingMessageFactory,
    StatePartyFactory,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def states():
    """Three States whose names sort differently by code point and alphabetically."""
    return [
        StatePartyFactory(iso3="CRI", name="Costa Rica", name_fr="Costa Rica"),
        StatePartyFactory(iso3="HRV", name="Croatia", name_fr="Croatie"),
        StatePartyFactory(iso3="CIV", name="Côte d'Ivoire", name_fr="Côte d’Ivoire"),
    ]


def _names(response) -> list[str]:
    rows = re.findall(
        r'<td><a href="/states/[A-Z]{3}/">([^<]+)</a></td>', response.content.decode()
    )
    return [html.unescape(name) for name in rows]


def test_fold_takes_the_accents_off():
    assert (
        fold("Côte d'Ivoire, Türkiye, São Tomé, Ñandú") == "Cote d'Ivoire, Turkiye, Sao Tome, Nandu"
    )


@pytest.mark.parametrize("query", ["cote", "COTE", "côte", "Côte d'Ivoire", "civ"])
def test_the_states_list_finds_a_name_whatever_its_accents_and_case(staff_client, states, query):
    assert _names(staff_client.get("/states/", {"q": query})) == ["Côte d'Ivoire"]


def test_a_name_in_another_language_is_found_without_its_accents(staff_client, states):
    assert _names(staff_client.get("/states/", {"q": "CROATIE"})) == ["Croatia"]


def test_every_list_search_ignores_accents_and_case(staff_client, states):
    committee = CommitteeFactory(code="CSP", name="Comité spécial")
    ActivityFactory(committee=committee, text="Atelier à Genève sur la dépollution")
    MeetingFactory(title="Réunion régionale", venue="Genève")
    DocumentFactory(
        committee=committee, symbol="APLC/CA5/2025/WP.1", status=Document.Status.PUBLISHED
    )
    LetterFactory(title="Rapport annuel : délai dépassé")
    OutgoingMessageFactory(state=states[2])
    pages = {
        "/activities/": ("ATELIER A GENEVE", "Atelier à Genève"),
        "/meetings/": ("reunion regionale", "Réunion régionale"),
        "/documents/": ("COMITE SPECIAL", "APLC/CA5/2025/WP.1"),
        "/correspondence/letters/": ("DELAI DEPASSE", "délai dépassé"),
        "/correspondence/outbox/": ("cote", "Côte d"),
    }
    for url, (query, shown) in pages.items():
        found = html.unescape(staff_client.get(url, {"q": query}).content.decode())
        missing = html.unescape(staff_client.get(url, {"q": "zzz"}).content.decode())
        assert shown in found, url
        assert shown not in missing, url


def test_states_sort_in_alphabetical_order_in_each_language(staff_client, states):
    assert _names(staff_client.get("/states/")) == ["Costa Rica", "Côte d'Ivoire", "Croatia"]
    french = staff_client.get("/states/", headers={"accept-language": "fr"})
    with translation.override("fr"):
        assert [state.display_name for state in french.context["page"].object_list] == [
            "Costa Rica",
            "Côte d’Ivoire",
            "Croatie",
        ]


def test_spanish_sorts_n_tilde_after_n():
    for iso3, name in (("XAA", "Ñandutí"), ("XAB", "Nueva Zelandia"), ("XAC", "Nauru")):
        StatePartyFactory(iso3=iso3, name=name, name_es=name)
    with translation.override("es"):
        spanish = list(StateParty.objects.in_name_order().values_list("name_es", flat=True))
    with translation.override("en"):
        english = list(StateParty.objects.in_name_order().values_list("name", flat=True))
    assert spanish == ["Nauru", "Nueva Zelandia", "Ñandutí"]
    assert english == ["Ñandutí", "Nauru", "Nueva Zelandia"]


def _heading(response, label: str) -> str:
    page = response.content.decode()
    return re.search(rf'<th scope="col"[^>]*><a href="[^"]*">{label}.*?</th>', page).group(0)


def test_the_heading_shows_the_sort_direction_and_turns_it_round(staff_client, states):
    response = staff_client.get("/states/", {"status": ""})
    assert _heading(response, "Name") == (
        '<th scope="col" aria-sort="ascending"><a href="?status=&amp;sort=-name">Name'
        ' <span class="sort-arrow" aria-hidden="true">▲</span></a></th>'
    )
    assert _heading(response, "ISO") == (
        '<th scope="col"><a href="?status=&amp;sort=iso3">ISO</a></th>'
    )
    response = staff_client.get("/states/", {"sort": "-name", "page": "1"})
    assert _names(response) == ["Croatia", "Côte d'Ivoire", "Costa Rica"]
    assert _heading(response, "Name") == (
        '<th scope="col" aria-sort="descending"><a href="?sort=name">Name'
        ' <span class="sort-arrow" aria-hidden="true">▼</span></a></th>'
    )
    response = staff_client.get("/states/", {"sort": "iso3"})
    assert _names(response) == ["Côte d'Ivoire", "Costa Rica", "Croatia"]
    assert 'aria-sort="ascending"><a href="?sort=-iso3">ISO' in response.content.decode()
    assert "aria-sort" not in _heading(response, "Name")


@pytest.mark.slow
def test_on_sqlite_the_search_ignores_case_and_needs_no_extension():
    """``make run`` works on SQLite, which has no ``unaccent``: the migrations pass and the
    search ignores case (accents must then be typed as written)."""
    script = (
        "from django.core.management import call_command\n"
        "call_command('migrate', 'common', verbosity=0)\n"
        "call_command('migrate', 'states_parties', verbosity=0)\n"
        "from states_parties.filters import StatePartyFilter\n"
        "from states_parties.models import StateParty\n"
        "StateParty.objects.create(iso3='CIV', name=\"Côte d'Ivoire\", regional_group='africa')\n"
        "for q in ('CÔTE', 'ivoire', 'cote'):\n"
        "    print(q, StatePartyFilter({'q': q}, queryset=StateParty.objects.all()).qs.count())\n"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={**clean, "DATABASE_URL": "sqlite://:memory:"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    # SQLite's LIKE folds ASCII letters only: "CÔTE" finds nothing, "ivoire" finds the State.
    assert result.stdout.split("\n")[-4:] == ["CÔTE 0", "ivoire 1", "cote 0", ""]
