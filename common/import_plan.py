"""What an import plans before it writes: a planned change per row, the problems found by row
and column, and the refusal of a plan that has any."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.translation import gettext as _

Action = Literal["create", "update", "unchanged"]


@dataclass(frozen=True)
class ImportIssue:
    row: int | None  # None for a problem with the whole file (encoding, header)
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("column %(column)s") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class PlannedRow:
    row: int
    key: str
    action: Action
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    apply: Callable[[], None] | None = None
    #: Runs after every row's ``apply``: for links between rows (an office moving from one
    #: member to another must first be freed).
    finish: Callable[[], None] | None = None


#: Called with (rows done, rows in all) as an import is checked or written.
Progress = Callable[[int, int], None]
#: How often a long import reports its progress, in rows.
PROGRESS_EVERY = 1000


@dataclass
class ImportPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    text: str = ""
    #: Records in the file, and how many of them were planned (all, unless ``read`` was given
    #: a limit: the preview of a large file plans its first rows only).
    total_rows: int = 0
    checked_rows: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.issues

    @property
    def complete(self) -> bool:
        """Whether every record was planned, so that ``is_valid`` speaks for the whole file."""
        return self.checked_rows == self.total_rows

    def issue_summary(self) -> list[tuple[str, int]]:
        """How many problems each column has (the whole file's ones first), most first."""
        counts: dict[str, int] = {}
        for issue in self.issues:
            column = issue.column or ""
            counts[column] = counts.get(column, 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {action: self.count(action) for action in ("create", "update", "unchanged")}


class ImportRejected(Exception):
    def __init__(self, issues: list[ImportIssue]) -> None:
        super().__init__("\n".join(str(issue) for issue in issues))
        self.issues = issues


class RowInvalid(Exception):
    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = dict(errors)
