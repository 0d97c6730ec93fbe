from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from common.rendering import Paginator

from . import registry

#: Results shown per kind of record on the combined page; "all" shows the rest, paginated.
PER_SOURCE = 10


@dataclass
class Hit:
    title: str
    summary: str
    url: str


@dataclass
class Group:
    source: registry.SearchSource
    hits: list[Hit]
    has_more: bool


def _hits(source: registry.SearchSource, records) -> list[Hit]:
    return [Hit(source.title(r), source.summary(r), source.url(r)) for r in records]


def search(request: HttpRequest) -> HttpResponse:
    """Every kind of record the user may see, ranked; ``type`` narrows to one kind."""
    text = request.GET.get("q", "").strip()[:200]
    only = registry.source(request.GET.get("type", ""))
    context: dict = {"q": text, "only": only, "sources": registry.sources()}
    if only is not None and registry.query_terms(text):
        page = Paginator(only.search(request.user, text), settings.PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context.update(page=page, hits=_hits(only, page.object_list))
    elif registry.query_terms(text):
        groups = []
        for source in registry.sources():
            records = list(source.search(request.user, text)[: PER_SOURCE + 1])
            if records:
                groups.append(
                    Group(source, _hits(source, records[:PER_SOURCE]), len(records) > PER_SOURCE)
                )
        context["groups"] = groups
    return render(request, "search/results.html", context)
