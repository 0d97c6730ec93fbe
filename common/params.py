"""Query parameters, read the same way by every page: a malformed or out-of-range value falls
back to the page's default (or, for a filter form, shows the form's error), never reaches the
database as something it cannot hold, and never makes a page fail.

* ``QueryStringMiddleware`` answers 400 to a query string with a NUL character anywhere: no
  parameter of ours can hold one, and PostgreSQL refuses it in any comparison.
* ``query_int`` and ``query_date`` read one number or one date, bounded.
* ``YearFilter`` is the year of a filter form (django-filter), between ``MIN_YEAR`` and
  ``MAX_YEAR``.

``tests/security/test_query_parameters.py`` walks every page with hostile values for each of
its parameters.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

import django_filters
from django import forms
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

#: Years any record of the Convention (adopted 1997) can concern, with room on either side;
#: dates are computed around them (a year before, three after) without leaving ``date``'s range.
MIN_YEAR = 1900
MAX_YEAR = 2200


class QueryStringMiddleware:
    """The pages' guard; the API answers malformed parameters itself, in its JSON shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(_api_prefix()):
            _refuse_nul(request)
        return self.get_response(request)


@functools.cache
def _api_prefix() -> str:
    return reverse("api:api-root")


def _refuse_nul(request: HttpRequest) -> None:
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            raise BadRequest("A query parameter contains a NUL character.")


def query_int(request: HttpRequest, name: str, default: int, *, minimum: int, maximum: int) -> int:
    """A whole number between ``minimum`` and ``maximum``; ``default`` if absent or malformed,
    the nearest bound if out of range."""
    text = request.GET.get(name, "").strip()
    if not text or len(text) > 20:
        return default
    try:
        value = int(text)
    except ValueError:
        return default
    return max(minimum, min(maximum, value))


def parse_query_date(text: str) -> date | None:
    """A date written YYYY-MM-DD, between ``MIN_YEAR`` and ``MAX_YEAR``; ``None`` otherwise."""
    text = text.strip()
    if len(text) != 10:
        return None
    try:
        value = parse_date(text)
    except ValueError:  # well formed but no such day (2024-02-30)
        return None
    if value is None or not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return value


def query_date(request: HttpRequest, name: str) -> date | None:
    return parse_query_date(request.GET.get(name, ""))


class YearFilter(django_filters.NumberFilter):
    """A year in a filter form: a whole number between ``MIN_YEAR`` and ``MAX_YEAR`` (anything
    else is the form's error, and the list is not filtered by it)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        kwargs.setdefault("label", _("Year"))
        super().__init__(*args, **kwargs)
