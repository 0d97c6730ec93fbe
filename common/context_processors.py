from django.http import HttpRequest

from . import cache
from .models import DemoDataset


def demo_banner(request: HttpRequest) -> dict:
    """Tell every page whether demonstration data is loaded: read once, before the template
    renders (no query runs while one does), and cached until the table is written to."""
    loaded = cache.cached("demo", (), DemoDataset.objects.exists)
    return {"demo_loaded": loaded}
