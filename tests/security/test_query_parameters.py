"""Every page the resolver knows, with hostile values in each of its query parameters: an
answer (the page with the default, or 400), never a server error.

The parameters of a page are found as a browser and a reader of the code would find them: the
fields of its GET forms (filters, search), the query strings of its own links (pagination,
sorting, exports, months), the names its view reads from ``request.GET``, and the ones every
list has (``page``, ``format``). The API's parameters are exercised by schemathesis
(``tests/api/test_schemathesis.py``).
"""

from __future__ import annotations

import inspect
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from types import ModuleType
from urllib.parse import parse_qsl, urlencode, urlsplit

import django_filters
import pytest
import time_machine
from django.http import HttpResponse, HttpResponseBadRequest
from django.test import Client, override_settings
from django.urls import get_resolver, path, resolve, reverse

from tests.utils import log_in_client

from . import matrix
from .conftest import TODAY  # the records (``data``) are built once per module, as of then

pytestmark = pytest.mark.django_db


#: What a careless or hostile caller sends: negative, out of range for a year, too large for
#: any integer type, not a number, a NUL, no such day, dates at the ends of ``date``'s range,
#: far too long.
HOSTILE = (
    "-1",
    "0",
    "10000",
    "99999999999999999999",
    "abc",
    "\x00",
    "2024-02-30",
    "9999-12-31",
    "0001-01-01",
    "x" * 3000,
)
#: Every list (a page with a paginator) has these.
COMMON = ("page", "format")


class _Parameters(HTMLParser):
    """Names of the inputs of GET forms, and the query strings of links to ``path``."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if tag == "form":
            self._in_get_form = (values.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea") and self._in_get_form and values.get("name"):
            self.names.add(values["name"])
        for attribute in ("href", "hx-get"):
            link = urlsplit(values.get(attribute) or "")
            if link.query and link.path in ("", self.path):
                self.names.update(name for name, _value in parse_qsl(link.query, True))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_get_form = False


def _read_in_code(view) -> set[str]:
    """The names a view reads from ``request.GET``, itself or through a helper of its module
    it passes the request to, and the fields of the FilterSets it builds."""
    view = inspect.unwrap(view)
    module = inspect.getmodule(view)
    try:
        sources = [inspect.getsource(view)]
    except (OSError, TypeError):
        return set()
    for helper in re.findall(r"\b(_?[a-z_]+)\(request\b", sources[0]):
        function = getattr(module, helper, None)
        if inspect.isfunction(function) and function.__module__ == module.__name__:
            sources.append(inspect.getsource(function))
    names = set()
    for source in sources:
        names.update(re.findall(r"request\.GET(?:\.get\(|\[)\"([a-z_]+)\"", source))
        for class_name in re.findall(r"\b([A-Z]\w*Filter)\(", source):
            filterset = getattr(module, class_name, None)
            if isinstance(filterset, type) and issubclass(filterset, django_filters.FilterSet):
                names.update(filterset.base_filters)
    return names


def _source(view) -> str:
    try:
        return inspect.getsource(inspect.unwrap(view))
    except (OSError, TypeError):
        return ""


def parameters_of(client: Client, url: str) -> set[str]:
    response = client.get(url)
    names = _read_in_code(resolve(urlsplit(url).path).func)
    view = resolve(urlsplit(url).path).func
    if (response.context is not None and "page" in response.context) or re.search(
        r"\b(paginate|list_page)\(", _source(view)
    ):
        names |= set(COMMON)  # a list, one page at a time: ``page``, and ``format`` downloads
    if "html" in response.get("Content-Type", ""):
        parser = _Parameters(urlsplit(url).path)
        parser.feed(response.content.decode())
        names |= parser.names
    return names - {"csrfmiddlewaretoken"}


def _staff_page_names() -> list[str]:
    """Every pattern ISU staff open with a GET (they see every record), by name."""
    return [
        name
        for name in sorted(matrix.ACCESS)
        if any(rule.statuses.get("staff") == 200 and not rule.query for rule in matrix._rules(name))
    ]


STAFF_PAGES = _staff_page_names()


def page_url(name: str, data) -> str:
    rule = next(
        rule for rule in matrix._rules(name) if rule.statuses.get("staff") == 200 and not rule.query
    )
    return reverse(name, kwargs=rule.kwargs(data))


def test_the_walk_covers_the_pages_of_the_matrix():
    assert len(STAFF_PAGES) > 100
    assert {"states_parties:list", "committees:meeting_list", "health"} <= set(STAFF_PAGES)


# One test per page, so that the walk spreads over the test workers; the records are the
# module's (``data``, built once per module by tests/security/conftest.py).
# The walk over every page is half a minute of CPU as a whole: ``make test`` runs it, the inner
# loop (``make test-fast``) keeps the tests of the walk itself below.
@pytest.mark.slow
@pytest.mark.parametrize("name", STAFF_PAGES)
def test_no_query_parameter_value_makes_a_page_fail(data, name):
    from common.models import Heartbeat

    with time_machine.travel(TODAY, tick=True):
        # The readiness check wants a recent heartbeat, however long the module has run.
        Heartbeat.objects.update(last_seen=datetime.now(UTC))
        client = log_in_client(Client(raise_request_exception=False), data.users["staff"])
        url = page_url(name, data)
        names = sorted(parameters_of(client, url))
        problems = server_errors(client, url, names)
    assert not problems, "\n".join(problems)


def server_errors(client: Client, url: str, names: list[str]) -> list[str]:
    """The requests with a hostile value that answer 5xx. Every parameter at once with each
    value; where the page refuses that request (400), one parameter may have stopped it before
    the others were read, so each goes alone with the value."""
    problems = []
    for value in HOSTILE if names else ():
        response, query = _get(client, url, dict.fromkeys(names, value))
        if response.status_code == 400 and len(names) > 1:
            tried = [_get(client, url, {parameter: value}) for parameter in names]
        else:
            tried = [(response, query)]
        problems += [f"{r.status_code} {q[:120]}" for r, q in tried if r.status_code >= 500]
    return problems


def _get(client: Client, url: str, parameters: dict[str, str]):
    query = f"{url}?{urlencode(parameters)}" if parameters else url
    return client.get(query), query


def test_a_parameter_that_fails_is_found_behind_one_that_is_refused(staff_client):
    client = staff_client

    def strict_then_careless(request):
        if request.GET.get("year", "2025") != "2025":
            return HttpResponseBadRequest()
        return HttpResponse(str(int(request.GET.get("page", 1))))  # ValueError on "abc"

    urls = ModuleType("careless_urls")
    urls.urlpatterns = [path("careless/", strict_then_careless), *get_resolver().url_patterns]
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF=urls):
        problems = server_errors(client, "/careless/", ["page", "year"])
    # Each value that is not a whole number, sent as the page alone after the 400 of both (a
    # NUL never reaches a view: common.params refuses it).
    assert problems == [
        f"500 /careless/?{urlencode({'page': value})}"[:124]
        for value in ("abc", "2024-02-30", "9999-12-31", "0001-01-01", "x" * 3000)
    ]


def test_the_walk_finds_the_parameters_of_a_page(data):
    with time_machine.travel(TODAY, tick=True):
        client = log_in_client(Client(), data.users["staff"])
        assert {"q", "kind", "committee", "year", "when", "page", "format"} <= parameters_of(
            client, "/meetings/"
        )
        assert {"q", "type", "page"} <= parameters_of(client, "/search/")
        # Read by a helper of the view; a filter the page does not show.
        assert "on" in parameters_of(client, "/committees/")
        assert "year" in parameters_of(client, "/meetings/month/")


@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/meetings/?year=-1", 200, "Ensure this value is greater than or equal to 1900."),
        ("/meetings/?year=10000", 200, "Ensure this value is less than or equal to 2200."),
        ("/meetings/month/?year=99999999999999999999", 200, ""),
        ("/meetings/?year=2025", 200, ""),
        ("/committees/?on=2024-02-30", 200, "“2024-02-30” is not a date (YYYY-MM-DD)"),
        ("/reporting/grid/?from=-99999999999999999999&to=abc", 200, ""),
        ("/activities/?q=%00", 400, ""),
    ],
)
def test_malformed_values_fall_back_or_answer_400(staff_client, url, status, text):
    response = staff_client.get(url)
    assert response.status_code == status
    assert text in response.content.decode()
