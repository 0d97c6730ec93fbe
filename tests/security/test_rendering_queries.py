"""No query runs while a template renders: every list and dashboard, as ISU staff (who see the
most), gets everything it shows from its view (lists, not lazy querysets)."""

import pytest
import time_machine
from django.urls import reverse

from tests.utils import RenderingQueries

from . import matrix
from .conftest import TODAY

pytestmark = pytest.mark.django_db

PAGES = [
    ("reporting:dashboard", {"code": "CA5"}),
    ("reporting:dashboard", {"code": "CCC"}),
    ("reporting:overview", {}),
    ("reporting:overdue", {}),
    ("reporting:grid", {}),
    ("reporting:article9", {}),
    ("reporting:submissions", {}),
    ("reporting:audiences", {}),
    ("states_parties:list", {}),
    ("committees:list", {}),
    ("committees:meeting_list", {}),
    ("activities:activity_list", {}),
    ("activities:priority_list", {}),
    ("activities:plan_list", {}),
    ("activities:matter_list", {}),
    ("documents:list", {}),
    ("correspondence:letters", {}),
    ("correspondence:awaiting", {}),
    ("correspondence:outbox", {}),
    ("correspondence:upcoming", {}),
    ("correspondence:rules", {}),
    ("feeds:list", {}),
    ("history:log", {}),
    ("search:results", {"query": "q=sentinel"}),
    ("site:home", {}),
    ("site:committee", {"code": "CA5"}),
    ("site:states", {}),
    ("site:meetings", {}),
    ("site:documents", {}),
    ("site:article7", {}),
    ("site:article7_report", {"iso3": "PER", "period": "2024"}),
]


@pytest.mark.parametrize(
    ("name", "arguments"), PAGES, ids=[f"{name}{args}" for name, args in PAGES]
)
def test_no_query_runs_while_the_page_renders(data, name, arguments):
    arguments = dict(arguments)
    query = arguments.pop("query", "")
    url = reverse(name, kwargs=arguments) + (f"?{query}" if query else "")
    client = matrix.clients(data)["staff"]
    with time_machine.travel(TODAY, tick=True):
        # Twice: built (the dashboard's cache is empty), then as cached.
        for _ in range(2):
            with RenderingQueries() as rendering:
                response = client.get(url)
            assert response.status_code == 200
            assert rendering.queries == []


def test_the_watch_sees_a_lazy_queryset(data):
    """The check itself: a queryset handed to a template runs while it renders."""
    from django.template import Context, Template

    from states_parties.models import StateParty

    with RenderingQueries() as rendering:
        Template("{% for s in states %}{{ s.iso3 }}{% endfor %}").render(
            Context({"states": StateParty.objects.all()})
        )
    assert [template for template, _ in rendering.queries] == ["<string>"]
