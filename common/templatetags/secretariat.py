from datetime import timedelta
from typing import Any

from django import template

from common.access import can_see, can_see_history

register = template.Library()


@register.filter
def minutes(value: timedelta | None) -> int:
    return int(value.total_seconds() // 60) if value else 0


@register.filter
def readable_by(record: Any, user: Any) -> bool:
    """``{% if report|readable_by:user %}``: may the user read this record's content?"""
    return can_see(user, record.visibility, getattr(record, "committee_id", None))


@register.inclusion_tag("includes/history_link.html", takes_context=True)
def history_link(context: dict, record: Any) -> dict:
    """A link to the record's history, for those who may read the audit trail."""
    from common.history import record_history_url

    user = context.get("user")
    url = record_history_url(record) if can_see_history(user) else None
    return {"url": url}


@register.inclusion_tag("includes/sort_heading.html", takes_context=True)
def sort_heading(
    context: dict, key: str, label: str, default: str = "", css_class: str = ""
) -> dict:
    """A column heading that sorts the list by ``key``: it shows the direction the list is
    sorted in (``aria-sort`` and an arrow) and, clicked, sorts the other way. ``default`` is
    the list's order when no ``sort`` is asked for (``"name"`` or ``"-date"``; none when that
    order is not one of the columns'). ``css_class`` is the heading's class (``"number"``)."""
    request = context["request"]
    current = request.GET.get("sort") or default
    direction = {key: "ascending", f"-{key}": "descending"}.get(current, "")
    query = request.GET.copy()
    query["sort"] = f"-{key}" if direction == "ascending" else key
    query.pop("page", None)
    return {
        "label": label,
        "direction": direction,
        "url": f"?{query.urlencode()}",
        "css_class": css_class,
    }
