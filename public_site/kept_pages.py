"""The public pages kept rendered: one entry per address (which names the page, its language
and its arguments), scheme and host (the page's absolute links name them) and day
(compositions and the calendar change with it), in the cache's generation of
``pages.CACHE_NAME`` (``common.cache``: a write to a table a page shows starts a new one).

The views fill it (``kept_or_built``); ``middleware.KeptPageMiddleware`` answers a visitor from
it before the session, authentication, CSRF and message middleware run. Either way the page
goes out the same (``response``): ``Cache-Control: public``, its ETag, 304 on revalidation."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

from common import cache

from .pages import CACHE_NAME

#: Part of every key: a release never reads pages an older one kept.
CACHE_VERSION = 2


@dataclass(frozen=True)
class KeptPage:
    content: bytes
    content_type: str
    #: Computed once, when the page is built: a revalidation compares two strings.
    etag: str


#: Addresses longer than this are kept under their digest (a cache key has a length limit).
LONGEST_PATH = 200


def key_parts(request: HttpRequest) -> tuple:
    path = request.path
    if len(path) > LONGEST_PATH:
        path = hashlib.sha256(path.encode()).hexdigest()
    return (
        CACHE_VERSION,
        request.scheme,
        request.get_host(),
        path,
        timezone.localdate().isoformat(),
    )


def kept(request: HttpRequest) -> KeptPage | None:
    """The page kept for this request's address, if any (one round trip to the cache)."""
    return cache.kept(CACHE_NAME, key_parts(request))


def kept_or_built(request: HttpRequest, build: Callable[[], str], content_type: str) -> KeptPage:
    """The page kept for this address, else ``build()`` (kept for the next request unless
    ``PUBLIC_SITE_CACHE`` is off)."""

    def page() -> KeptPage:
        content = build().encode()
        etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
        return KeptPage(content, content_type, etag)

    if not settings.PUBLIC_SITE_CACHE:
        return page()
    return cache.cached(CACHE_NAME, key_parts(request), page)


def response(request: HttpRequest, page: KeptPage) -> HttpResponse:
    """The page with ``Cache-Control: public`` and its ETag; 304 when the browser has it."""
    answer = HttpResponse(page.content, content_type=page.content_type)
    answer["ETag"] = page.etag
    patch_cache_control(answer, public=True, max_age=settings.PUBLIC_SITE_MAX_AGE)
    return get_conditional_response(request, etag=page.etag, response=answer)
