from django.http import HttpRequest

from .models import DemoDataset


def demo_banner(request: HttpRequest) -> dict:
    """Tell every page whether demonstration data is loaded (lazily: one query, only if used)."""

    def demo_loaded() -> bool:
        return DemoDataset.objects.exists()

    return {"demo_loaded": demo_loaded}
