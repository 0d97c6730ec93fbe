from django import template

from reporting.compliance import display_missing_years

register = template.Library()


@register.filter
def missing_years(stored: str | None) -> str:
    """``initial, 2023`` -> ``inicial, 2023`` in a Spanish page."""
    return display_missing_years(stored or "")
