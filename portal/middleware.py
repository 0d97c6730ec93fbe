"""A State's national reporter reaches the portal's pages and nothing else."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from common.access import is_reporter

from .access import reporter_may_open


class ReporterConfinementMiddleware:
    """After ``SecondFactorMiddleware`` (a reporter owing a code is sent there first): a
    reporter asking for the application's home goes to the portal's; any other page but
    the portal's and the account's answers 403 (the API a JSON 403), but for the public
    pages anyone reads without signing in. The admin site turns them away by itself
    (reporters are never ``is_staff``), and the API's unknown addresses stay a 404."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not is_reporter(user):
            return None
        match = request.resolver_match
        if match is None:
            return None
        if match.view_name == "home":
            return redirect("portal:home")
        if reporter_may_open(match.view_name):
            return None
        namespaces = set(match.namespaces)
        if "admin" in namespaces:
            return None
        if "api" in namespaces:
            if match.url_name is None:  # the API's catch-all: a JSON 404 for everyone
                return None
            return JsonResponse({"detail": _("National reporters do not use the API.")}, status=403)
        # What anyone may read without signing in (the public website) a reporter reads too.
        if getattr(view, "login_required", True) is False:
            return None
        raise PermissionDenied
