from django.http import HttpRequest

from . import cache
from .models import DemoDataset


def demo_banner(request: HttpRequest) -> dict:
    """Tell every page whether demonstration data is loaded: read once, before the template
    renders (no query runs while one does), and cached until the table is written to."""
    loaded = cache.cached("demo", (), DemoDataset.objects.exists)
    return {"demo_loaded": loaded}


def navigation(request: HttpRequest) -> dict:
    """Which main navigation entry the current page belongs to."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {"nav_section": ""}
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
        }.get(match.app_name, match.url_name or "")
    return {"nav_section": section}
