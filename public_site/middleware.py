"""Answers a visitor's request for a public page that is kept rendered, before the session,
authentication, CSRF, language and message middleware run: that work is the same for every
visitor and the kept page does not depend on it, so a cached page costs one read of the cache.

It comes after the middleware that set the client's address and the security headers
(``SecurityMiddleware``, the Content-Security-Policy), which therefore apply to it as to
every page; what the layers it skips add to a public page on the way out (the language,
``Vary: Cookie``, ``X-Frame-Options``, the length) it adds itself, so that a kept page goes
out exactly as it did when it was built (``tests/public_site/test_kept_pages.py``).

A request with a session cookie (someone signed in) goes the whole way: their pages are
kept private (``accounts.middleware.PrivateResponsesMiddleware``)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from . import kept_pages


class KeptPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {f"/{code}/": code for code, _label in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self._language(request)
        if language is not None and (page := kept_pages.kept(request)) is not None:
            response = kept_pages.response(request, page)
            response.headers.setdefault("Content-Language", language)
            patch_vary_headers(response, ("Cookie",))
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
            if not response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            return response
        return self.get_response(request)

    def _language(self, request: HttpRequest) -> str | None:
        """The language of a public page a visitor may be answered from the cache for: a GET
        or HEAD of a language's address, without query string or session cookie."""
        if (
            request.method not in ("GET", "HEAD")
            or not settings.PUBLIC_SITE_CACHE
            or request.META.get("QUERY_STRING")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return None
        return self.languages.get(request.path_info[:4])
