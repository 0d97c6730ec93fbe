"""What a State's national reporter may open and read: the portal's pages, their own State's
Article 7 reports and everyone's published reports, and nothing else of the application.

``ReporterConfinementMiddleware`` (``portal.middleware``) refuses every other page; the
functions here are what views and other apps ask about one reporter."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from common.access import is_reporter

#: Pages any signed-in user reaches, reporters included: signing in and out, the second factor,
#: the password, the language, the health checks and the icon.
ACCOUNT_PAGES = frozenset(
    {
        "login",
        "logout",
        "password_change",
        "password_change_done",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "two_factor_verify",
        "two_factor_enrol",
        "set_language",
        "health",
        "health_live",
        "health_ready",
        "favicon",
    }
)
#: The portal's pages for reporters (the staff's pages about reporters are not among them).
PORTAL_PAGES = {
    "portal:home",
    "portal:invitation",
    "portal:start",
    "portal:published",
    "portal:report",
    "portal:section",
    "portal:section_unchanged",
    "portal:review",
    "portal:submit",
    "portal:correction",
    "portal:annexes",
    "portal:annex_remove",
}


def register_reporter_pages(*view_names: str) -> None:
    """Let reporters open more pages (views that check, record by record, what a reporter
    may read: their State's reports, published reports)."""
    PORTAL_PAGES.update(view_names)


def reporter_may_open(view_name: str) -> bool:
    return view_name in ACCOUNT_PAGES or view_name in PORTAL_PAGES


def reporter_of(user: Any):
    """The ``Reporter`` record of an active reporter, or ``None`` (kept on the user object)."""
    if not is_reporter(user):
        return None
    cached = getattr(user, "_portal_reporter", False)
    if cached is False:
        from .models import Reporter

        cached = Reporter.objects.active().select_related("state").filter(user=user).first()
        user._portal_reporter = cached
    return cached


def reporter_state(user: Any):
    """The State an active reporter reports for, or ``None``."""
    reporter = reporter_of(user)
    return reporter.state if reporter is not None else None


def is_reporter_of(user: Any, state: Any) -> bool:
    """Is ``user`` an active reporter of ``state``? (They write its reports.)"""
    own = reporter_state(user)
    return own is not None and state is not None and own.pk == getattr(state, "pk", state)


# --- Article 7 reports (registered with ``article7.access`` in ``PortalConfig.ready``) ---------


def reporter_writes(user: Any, report: Any) -> bool:
    """An active reporter writes their own State's reports (drafts: article7 freezes the rest)."""
    return is_reporter_of(user, report.state_id)


def reporter_reads(user: Any) -> Q | None:
    """An active reporter reads their own State's reports and every published one."""
    state = reporter_state(user)
    if state is None:
        return None
    from article7.models import ReportStatus

    return Q(state=state) | Q(status=ReportStatus.PUBLISHED)
