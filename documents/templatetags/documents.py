from datetime import date

from django import template
from django.utils import translation

from common.typography import written_date

register = template.Library()


@register.filter
def document_date(value: date | None) -> str:
    """``20 November 2025``, ``1er novembre 2025``, ``20 de noviembre de 2025``."""
    if value is None:
        return ""
    return written_date(value, translation.get_language() or "en")
