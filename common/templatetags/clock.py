"""``{{ message.sent_at|local_datetime }}`` in every template without a ``{% load %}`` (a
template builtin, ``TEMPLATES`` in the settings): the date-time in the ISU's time zone, which it
names (``common.clock``); ``|local_datetime:"DATETIME_FORMAT"`` for the long form."""

from typing import Any

from django import template

from common.clock import local_datetime as format_local

register = template.Library()


@register.filter
def local_datetime(value: Any, format: str = "SHORT_DATETIME_FORMAT") -> str:
    return format_local(value, format)
