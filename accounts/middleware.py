"""Session lifetime, the second factor and the user's language, applied before any view runs."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .permissions import requires_second_factor

SESSION_STARTED_KEY = "secretariat_session_started"
#: When the session's expiry was last written (seconds since the epoch).
SESSION_REFRESHED_KEY = "secretariat_session_refreshed"

#: Pages a signed-in user who still owes a second factor may open.
SECOND_FACTOR_EXEMPT = frozenset(
    {
        "two_factor_verify",
        "two_factor_enrol",
        "logout",
        "login",
        "health",
        "health_live",
        "health_ready",
    }
)


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect that htmx follows with a full page load, not inside a fragment."""
    response = redirect_to_login(request.get_full_path(), url)
    if getattr(request, "htmx", False):
        return HttpResponse(status=204, headers={"HX-Redirect": response["Location"]})
    return response


class SessionRefreshMiddleware:
    """Keeps a used session alive by writing it (and so its expiry, ``SESSION_COOKIE_AGE``
    from now) when its last write is ``SESSION_REFRESH_SECONDS`` old or more, instead of on
    every request (``SESSION_SAVE_EVERY_REQUEST``): one write a minute at most.

    Only a session the request used counts as activity, and an empty one (a visitor who is
    not signed in) is never created for this."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(time.time())
        refreshed = session.get(SESSION_REFRESHED_KEY)
        if refreshed is None or now - refreshed >= settings.SESSION_REFRESH_SECONDS:
            # Modified: the session middleware saves it, with a new expiry.
            session[SESSION_REFRESHED_KEY] = now
        return response


class SessionLifetimeMiddleware:
    """Ends a session ``SESSION_ABSOLUTE_AGE`` seconds after login, however active it was
    (``SessionRefreshMiddleware`` ends an idle one)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SESSION_STARTED_KEY, now)
            if now - started > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
                messages.info(
                    request,
                    _("Your session ended %(hours)s hours after you logged in; log in again.")
                    % {"hours": settings.SESSION_ABSOLUTE_AGE // 3600},
                )
                return _redirect(request, resolve_url(settings.LOGIN_URL))
        return self.get_response(request)


class SecondFactorMiddleware:
    """ISU staff and committee chairs see nothing but the second-factor pages until they have
    confirmed a code from their authenticator (or enrolled one, the first time)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> Any:
        match = request.resolver_match
        if match is not None and match.view_name in SECOND_FACTOR_EXEMPT:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or not requires_second_factor(user):
            return None
        from django_otp import user_has_device

        step = "two_factor_verify" if user_has_device(user) else "two_factor_enrol"
        return _redirect(request, resolve_url(step))


class UserLanguageMiddleware:
    """A logged-in user's preferred language wins over the browser's and the cookie's.

    Comes after ``AuthenticationMiddleware``; ``LocaleMiddleware`` (earlier) still sets
    ``Content-Language`` and ``Vary`` on the way out, from the language active here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user and user.is_authenticated else ""
        # A page whose address names its language (the public website's /fr/...) keeps it.
        if language and not translation.get_language_from_path(request.path_info):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class PrivateResponsesMiddleware:
    """Nothing shown to a signed-in user is kept by a browser or a proxy cache: a shared
    computer's back button or a caching proxy must not hand a page to the next person.

    Comes right after ``AuthenticationMiddleware``, so that it sees every response of the
    layers within (lockout pages, second-factor redirects, the API, whose token users DRF sets
    on the request); static files are answered before it and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
