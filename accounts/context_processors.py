"""What every page's header needs about the signed-in user."""

from django.http import HttpRequest

from .middleware import SECOND_FACTOR_EXEMPT
from .permissions import is_reporter, role_label


def navigation(request: HttpRequest) -> dict:
    """Which main navigation entry the current page belongs to, and the user's role as the
    header names it (a committee user's roles are read once per request, and most pages have
    read them already to choose what the user may see)."""
    user = getattr(request, "user", None)
    label = role_label(user) if user is not None and user.is_authenticated else ""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {"nav_section": "", "role_label": label, "waiting_counts": False}
    # The badges load after the page; not on the pages of a second factor still owed (the
    # request would be sent back to them).
    waiting_counts = match.view_name not in SECOND_FACTOR_EXEMPT and not is_reporter(user)
    if match.url_name == "dashboard":
        section = "committees"
    elif match.app_name == "committees":
        section = "meetings" if (match.url_name or "").startswith("meeting") else "committees"
    else:
        section = {
            "states_parties": "states",
            "reporting": "reporting",
            "activities": "activities",
            "documents": "documents",
            "correspondence": "correspondence",
            "history": "history",
            "search": "search",
            "portal": "portal",
        }.get(match.app_name, match.url_name or "")
    return {"nav_section": section, "role_label": label, "waiting_counts": waiting_counts}
