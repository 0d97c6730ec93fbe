#!/usr/bin/env python3
"""Give the French catalogues their typography: a no-break space before ":" ";" "?" "!" and "»"
and after "«" in every French translation (``common.typography``).

Run from the project's root after merging new strings, then compile (``make messages``):

    .venv/bin/python scripts/french_typography.py            # the French catalogues
    .venv/bin/python scripts/french_typography.py FILE.po    # or these files

Only msgstr lines change, and only their ordinary spaces: the files keep their layout, so the
diff shows exactly what changed. Running it again changes nothing.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common.typography import NBSP, fix_french  # noqa: E402

CATALOGUES = [
    ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po",
    ROOT / "documents" / "locale" / "fr" / "LC_MESSAGES" / "django.po",
]
#: A line of a .po file: an optional keyword (msgstr, msgstr[1], msgid...) and a quoted string.
LINE = re.compile(r'^(?P<keyword>[a-z_]+(?:\[\d+\])?\s+)?"(?P<text>.*)"\s*$')


def fix_catalogue(text: str) -> str:
    lines = text.split("\n")
    in_msgstr = in_header = False
    previous: int | None = None  # the msgstr line before this one, within the same entry
    for index, line in enumerate(lines):
        match = LINE.match(line)
        if match is None:
            in_msgstr, previous = False, None
            continue
        keyword = (match.group("keyword") or "").strip()
        if keyword:
            # The header (msgid "" directly followed by its msgstr) is metadata, not French.
            header = (
                keyword == "msgid"
                and match.group("text") == ""
                and (lines[index + 1].startswith("msgstr") if index + 1 < len(lines) else False)
            )
            in_msgstr = keyword.startswith("msgstr") and not in_header
            in_header = header
            previous = None
        if not in_msgstr:
            continue
        content = match.group("text")
        # A space that ends one line of a wrapped string and a mark that starts the next.
        if previous is not None and content[:1] in ":;?!»" and lines[previous].endswith(' "'):
            lines[previous] = lines[previous][:-2] + NBSP + '"'
        start = match.start("text")
        lines[index] = line[:start] + fix_french(content) + line[match.end("text") :]
        previous = index
    return "\n".join(lines)


def main(paths: list[str]) -> None:
    for path in [Path(p) for p in paths] or CATALOGUES:
        before = path.read_text(encoding="utf-8")
        after = fix_catalogue(before)
        if after != before:
            path.write_text(after, encoding="utf-8")
            changed = sum(
                a != b for a, b in zip(before.split("\n"), after.split("\n"), strict=True)
            )
            print(f"{path}: {changed} lines changed")
        else:
            print(f"{path}: already right")


if __name__ == "__main__":
    main(sys.argv[1:])
