"""A readable comparison of two snapshots of a document: which paragraphs were added, removed
or changed (word by word), and which details of the heading changed."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

_WORDS = re.compile(r"\S+\s*|\s+")

HEADER_FIELDS = (
    ("title", _("Title")),
    ("committee", _("Committee")),
    ("member_line", _("Members")),
    ("symbol", _("Symbol")),
    ("date", _("Date")),
    ("visibility", _("Visibility")),
)


@dataclass(frozen=True)
class HeaderChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class DiffRow:
    #: "same", "added", "removed", "changed" or "heading"
    kind: str
    old_number: int | None
    new_number: int | None
    html: SafeString


@dataclass(frozen=True)
class DocumentDiff:
    header: list[HeaderChange]
    rows: list[DiffRow]

    @property
    def counts(self) -> dict[str, int]:
        counts = {"added": 0, "removed": 0, "changed": 0}
        for row in self.rows:
            if row.kind in counts:
                counts[row.kind] += 1
        return counts

    @property
    def has_changes(self) -> bool:
        return bool(self.header) or any(
            row.kind in ("added", "removed", "changed") for row in self.rows
        )


def _items(data: dict) -> list[tuple[str, int | None, str]]:
    """("heading", None, "I. Activities") and ("paragraph", number, text), in order."""
    items = []
    for section in data.get("sections", []):
        items.append(("heading", None, f"{section['number']}. {section['heading']}"))
        for paragraph in section["paragraphs"]:
            items.append(("paragraph", paragraph["number"], paragraph["text"]))
    return items


def word_diff(old: str, new: str) -> SafeString:
    """``old`` turned into ``new``, with <del> and <ins> around the words that changed."""
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    html = SafeString("")
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(old_words[i1:i2]), "".join(new_words[j1:j2])
        if tag == "equal":
            html += escape(removed)
            continue
        # The space after the last changed word stays outside the marks.
        tail = ""
        if removed and added:
            removed, added = removed.rstrip(), added.rstrip()
            tail = "".join(new_words[j1:j2])[len(added) :]
        if removed:
            html += format_html("<del>{}</del>", removed)
        if added:
            html += format_html("<ins>{}</ins>", added)
        html += escape(tail)
    return html


#: How alike two paragraphs must be to show as one edited paragraph rather than one removed
#: and another added.
SIMILAR = 0.6


def _pairs(removed: list, added: list) -> list[tuple[int, int]]:
    """Edited paragraphs in a replaced stretch: each removed paragraph paired, in order, with
    the later added paragraph most like it, word for word, if it is alike enough."""
    pairs = []
    start = 0
    for r, (old_kind, _number, old_text) in enumerate(removed):
        if old_kind != "paragraph":
            continue
        best, best_ratio = None, SIMILAR
        for a in range(start, len(added)):
            new_kind, _new_number, new_text = added[a]
            if new_kind != "paragraph":
                continue
            ratio = difflib.SequenceMatcher(
                a=old_text.split(), b=new_text.split(), autojunk=False
            ).ratio()
            if ratio >= best_ratio:
                best, best_ratio = a, ratio
        if best is not None:
            pairs.append((r, best))
            start = best + 1
    return pairs


def diff_snapshots(old: dict, new: dict) -> DocumentDiff:
    header = [
        HeaderChange(str(label), str(old.get(key, "")), str(new.get(key, "")))
        for key, label in HEADER_FIELDS
        if old.get(key) != new.get(key)
    ]
    old_items, new_items = _items(old), _items(new)
    matcher = difflib.SequenceMatcher(
        a=[(kind, text) for kind, _n, text in old_items],
        b=[(kind, text) for kind, _n, text in new_items],
        autojunk=False,
    )
    rows: list[DiffRow] = []

    def add(kind: str, old_item=None, new_item=None, html=None) -> None:
        item = new_item or old_item
        if item[0] == "heading":
            kind = "heading" if kind == "same" else kind
        rows.append(
            DiffRow(
                kind,
                old_item[1] if old_item else None,
                new_item[1] if new_item else None,
                html if html is not None else escape(item[2]),
            )
        )

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for old_item, new_item in zip(old_items[i1:i2], new_items[j1:j2], strict=True):
                add("same", old_item, new_item)
            continue
        removed, added = old_items[i1:i2], new_items[j1:j2]
        done_removed = done_added = 0
        for r, a in _pairs(removed, added) if tag == "replace" else []:
            for old_item in removed[done_removed:r]:
                add("removed", old_item)
            for new_item in added[done_added:a]:
                add("added", new_item=new_item)
            add("changed", removed[r], added[a], word_diff(removed[r][2], added[a][2]))
            done_removed, done_added = r + 1, a + 1
        for old_item in removed[done_removed:]:
            add("removed", old_item)
        for new_item in added[done_added:]:
            add("added", new_item=new_item)
    return DocumentDiff(header, rows)
