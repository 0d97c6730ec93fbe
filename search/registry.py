"""One search box over every kind of record: each app registers a source.

A source names the model fields to search, with a weight (A highest, D lowest), and the
queryset of records a user may see; the search runs one query per source, filtered by that
queryset, ranked by PostgreSQL full-text search (accents ignored), or by plain ``icontains``
on SQLite (``make run``). An app adds itself from its ``AppConfig.ready()``::

    from search.registry import SearchSource, register

    register(SearchSource(
        key="letters",
        label=_("Letters"),
        visible=lambda user: Letter.objects.visible_to(user),
        fields={"subject": "A", "reference": "A", "body": "C"},
        title=lambda letter: letter.subject,
        summary=lambda letter: letter.reference,
    ))

For a large table, add a GIN index on the same expression (see ``migrations/0001_initial``)
or a stored ``SearchVectorField`` named by ``vector``; ``explain_uses_index`` in the tests
shows whether PostgreSQL uses it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.utils.functional import Promise

#: The text search configuration the migration creates: no stemming, accents ignored.
CONFIG = "secretariat_search"
#: Words of a query used at most; the rest are ignored.
MAX_TERMS = 8


@dataclass(frozen=True)
class SearchSource:
    key: str
    label: str | Promise
    visible: Callable[[Any], QuerySet]
    #: Field name -> weight, "A" to "D".
    fields: Mapping[str, str]
    title: Callable[[Any], str]
    summary: Callable[[Any], str] = field(default=lambda record: "")
    url: Callable[[Any], str] = field(default=lambda record: record.get_absolute_url())
    #: A stored, indexed ``SearchVectorField`` to match instead of computing the vector.
    vector: str | None = None
    #: Extra matches beyond the text, e.g. "22MSP" for the 22nd Meeting: text -> Q or None.
    also_matches: Callable[[str], Q | None] | None = None
    #: Whether the search page offers this kind of record to a user at all (the scope menu
    #: names only what the role may read): user -> bool, from ``accounts.permissions``.
    offered_to: Callable[[Any], bool] = field(default=lambda user: True)

    def search_vector(self) -> SearchVector:
        """The weighted document; migrations that index a source use the same expression."""
        return weighted_vector(self.fields)

    def search(self, user, text: str) -> QuerySet:
        """Records of this source the user may see that match ``text``, best first, each with
        ``search_rank``."""
        terms = query_terms(text)
        records = self.visible(user)
        if not terms:
            return records.none()
        extra = self.also_matches(text) if self.also_matches else None
        if connections[records.db].vendor == "postgresql":
            document = F(self.vector) if self.vector else self.search_vector()
            query = SearchQuery(
                " & ".join(f"'{term}':*" for term in terms), search_type="raw", config=CONFIG
            )
            records = records.annotate(search_document=document)
            matches = Q(search_document=query)
            ranked = records.filter(matches | extra if extra else matches).annotate(
                search_rank=SearchRank(document, query)
            )
        else:
            condition = Q()
            for term in terms:
                any_field = Q()
                for name in self.fields:
                    any_field |= Q(**{f"{name}__icontains": term})
                condition &= any_field
            ranked = records.filter(condition | extra if extra else condition).annotate(
                search_rank=Value(1.0, output_field=FloatField())
            )
        first_field = next(iter(self.fields))
        return ranked.order_by("-search_rank", first_field, "pk")


def weighted_vector(fields: Mapping[str, str]) -> SearchVector:
    """``{"name": "A", "notes": "C"}`` -> one ``tsvector`` expression, fields grouped by weight.

    A GIN index on exactly this expression (``search/migrations``) serves the searches."""
    by_weight: dict[str, list[str]] = {}
    for name, weight in fields.items():
        by_weight.setdefault(weight, []).append(name)
    vectors = [
        SearchVector(*names, weight=weight, config=CONFIG)
        for weight, names in sorted(by_weight.items())
    ]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def query_terms(text: str) -> list[str]:
    """Words of the query, lower case; anything else (operators, quotes) is dropped, so no
    input can break the query."""
    return re.findall(r"\w+", text.lower())[:MAX_TERMS]


_sources: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    _sources[source.key] = source


def sources(user: Any = None) -> list[SearchSource]:
    """Every source, or those offered to ``user``."""
    return [item for item in _sources.values() if user is None or item.offered_to(user)]


def source(key: str, user: Any = None) -> SearchSource | None:
    """The source named ``key`` (``None`` if there is none, or it is not offered to ``user``)."""
    found = _sources.get(key)
    if found is None or (user is not None and not found.offered_to(user)):
        return None
    return found
