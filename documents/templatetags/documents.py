from datetime import date

from django import template
from django.utils import translation
from django.utils.dateformat import format as format_date

register = template.Library()

#: How the Convention's documents write a date in each language.
DATE_FORMATS = {"en": "j F Y", "fr": "j F Y", "es": r"j \d\e F \d\e Y"}


@register.filter
def document_date(value: date | None) -> str:
    """``20 November 2025``, ``20 novembre 2025``, ``20 de noviembre de 2025``."""
    if value is None:
        return ""
    language = (translation.get_language() or "en").split("-")[0]
    return format_date(value, DATE_FORMATS.get(language, DATE_FORMATS["en"]))
