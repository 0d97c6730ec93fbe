"""The client's address, decided once per request for everything that records it.

Behind the reverse proxy every connection comes from the proxy; the client's address is the one
the proxy appended to ``X-Forwarded-For``. ``ClientAddressMiddleware`` runs first and puts that
address in ``REMOTE_ADDR``, so that the lockout (django-axes, through
``AXES_CLIENT_IP_CALLABLE``), the audit trail (``common.audit.AuditMiddleware``) and the
sign-in logs (``accounts.signals``) all read the same value, from ``request_address``.

Only the last ``TRUSTED_PROXY_COUNT`` entries of the header were written by our proxies; the
ones before them are whatever the client sent, and are never believed (a client cannot choose
the address it is locked out or recorded under).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def forwarded_address(meta: Mapping[str, Any], proxy_count: int) -> str | None:
    """The address the outermost of ``proxy_count`` trusted proxies saw, or ``None`` when the
    request did not come through them (no header, too few entries, or not an address)."""
    if proxy_count < 1:
        return None
    entries = [entry.strip() for entry in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [entry for entry in entries if entry]
    if len(entries) < proxy_count:
        return None
    candidate = entries[-proxy_count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


class ClientAddressMiddleware:
    """Sets ``REMOTE_ADDR`` to the client's address as the trusted proxies report it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        address = forwarded_address(request.META, settings.TRUSTED_PROXY_COUNT)
        if address is not None:
            request.META["REMOTE_ADDR"] = address
        return self.get_response(request)


def request_address(request: Any) -> str | None:
    """The client's address of a request (after ``ClientAddressMiddleware``)."""
    if request is None:
        return None
    meta = getattr(request, "META", None) or {}
    return meta.get("REMOTE_ADDR") or None
