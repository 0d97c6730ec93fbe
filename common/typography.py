"""French typography of translated text: a no-break space (U+00A0, or the narrow U+202F) before
":" ";" "?" "!" and "»", and after "«". ``scripts/french_typography.py`` applies the rule to
the French catalogues; ``tests/i18n/test_french_typography.py`` keeps them to it."""

import re

NBSP = "\u00a0"
NO_BREAK = "\u00a0\u202f"
#: An ordinary space (or none, for the guillemets) where a no-break space belongs.
_BEFORE = re.compile(r" ([:;?!»])")
_AFTER_OPENING = re.compile(r"« ")
_PROBLEMS = re.compile(r" [:;?!»]|« |«(?=[^\s" + NO_BREAK + r"])|(?<=[^\s" + NO_BREAK + r"])»")


def fix_french(text: str) -> str:
    """``text`` with the ordinary spaces before ``: ; ? ! »`` and after ``«`` made
    no-break spaces. Only ordinary spaces change: "09:00", "CAN;PER" and URLs are left alone."""
    return _AFTER_OPENING.sub("«" + NBSP, _BEFORE.sub(NBSP + r"\1", text))


def french_problems(text: str) -> list[str]:
    """The places in ``text`` that break the rule, each with a little context."""
    return [
        text[max(match.start() - 15, 0) : match.end() + 15] for match in _PROBLEMS.finditer(text)
    ]
