"""What a name or a title may contain: no invisible characters that change how text reads.

Bidirectional controls (U+202E "right-to-left override" turns "cod.exe" into what looks like
"exe.doc") and zero-width characters (two names that look the same but differ) are refused
everywhere a name or title is entered, and so are line breaks and other control characters in
a single-line field. ``validate_single_line`` is a validator of the model fields themselves, so
that forms, CSV imports and the API (which all run ``full_clean``) refuse the same text with
the same message.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Characters that reorder the text around them.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
#: Characters that take no space: two names that look alike may differ by one.
ZERO_WIDTH = frozenset("\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
#: Line and paragraph breaks beyond the ASCII control characters.
BREAKS = frozenset("\u2028\u2029")


def _describe(character: str) -> str:
    name = unicodedata.name(character, "")
    code = f"U+{ord(character):04X}"
    return f"{code} {name.lower()}" if name else code


def forbidden_character(value: str) -> str | None:
    """The first character a single-line name or title may not contain, or ``None``."""
    for character in value:
        if (
            character in BIDI_CONTROLS
            or character in ZERO_WIDTH
            or character in BREAKS
            or unicodedata.category(character) == "Cc"  # line breaks, tabs, NUL, escapes
        ):
            return character
    return None


def validate_single_line(value: str) -> None:
    character = forbidden_character(value or "")
    if character is None:
        return
    if character in "\n\r\u2028\u2029\x0b\x0c\x85":
        raise ValidationError(
            _("Write this on one line: it contains a line break."), code="line_break"
        )
    raise ValidationError(
        _(
            "This contains an invisible character (%(character)s) that changes how the text "
            "reads; type it again without it."
        ),
        code="invisible_character",
        params={"character": _describe(character)},
    )
