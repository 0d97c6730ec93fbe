"""The API's JSON parser: DRF's, with a bound on nesting.

Python's decoder recurses once per level and gives up with a ``RecursionError`` (a 500) on a
body of a few thousand brackets; no record of ours nests more than a few levels. A body that
nests deeper than ``MAX_DEPTH``, or that the decoder cannot follow, is a malformed request: 400.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

#: Deeper than any payload the API accepts (a record with lists of related keys: 3 levels).
MAX_DEPTH = 32


def depth(value: Any) -> int:
    """How deeply lists and objects nest in ``value`` (without recursion of our own)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def _too_deep() -> ParseError:
    return ParseError(
        _("JSON parse error - nested more than %(limit)s levels deep.") % {"limit": MAX_DEPTH}
    )


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise _too_deep() from None
        if depth(data) > MAX_DEPTH:
            raise _too_deep()
        return data
