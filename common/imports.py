"""All-or-nothing CSV imports, shared by every import command and upload page.

An import is read in full and planned before anything is written: every cell is parsed, every
row validated by the model's own rules, and every problem reported with its row and column.
Only a plan without errors is applied, inside one transaction. Rows are matched on a natural
key, so applying the same file twice changes nothing the second time.

Row numbers are those a spreadsheet shows: the header is row 1, the first record row 2.
"""

from __future__ import annotations

import csv
import io
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from . import changes
from .import_cells import CellValueError, check_cells
from .import_plan import (
    PROGRESS_EVERY,
    ImportIssue,
    ImportPlan,
    ImportRejected,
    PlannedRow,
    Progress,
    RowInvalid,
)

#: The largest file an import reads (the rows: ``IMPORT_MAX_ROWS`` in the settings).
MAX_IMPORT_BYTES = 5 * 1024 * 1024
#: Signatures of files people pick by mistake instead of the CSV export.
NOT_CSV = {
    b"PK\x03\x04": "an Excel workbook or another ZIP file",
    bytes.fromhex("D0CF11E0A1B11AE1"): "an Excel 97-2003 workbook",
    b"%PDF-": "a PDF document",
}


class CsvImporter(ABC):
    """Subclasses name their columns and turn one parsed row into a planned change."""

    #: Columns a file must have, in the documented order.
    columns: ClassVar[tuple[str, ...]]
    #: Columns a file may leave out.
    optional_columns: ClassVar[frozenset[str]] = frozenset()
    #: Columns that are accepted and ignored, e.g. computed columns of our own export.
    ignored_columns: ClassVar[frozenset[str]] = frozenset()
    #: The column that identifies a record; a file may name each key only once.
    key_column: ClassVar[str]
    #: Where a model's error about a field is reported, when the names differ.
    column_for_field: ClassVar[Mapping[str, str]] = {}
    #: Rows whose validity depends on other rows and on the database (free seats, overlapping
    #: terms, one holder per office) are checked by applying the whole plan in a transaction
    #: that is always rolled back; closures must build fresh objects each time they run.
    rehearse: ClassVar[bool] = False

    def read(
        self, content: bytes | str, *, limit: int | None = None, progress: Progress | None = None
    ) -> ImportPlan:
        """Check the whole file (encoding, header, every cell, repeated keys, the row limit)
        and plan its records: all of them, or the first ``limit`` (a preview)."""
        plan = ImportPlan()
        text = self._decode(content, plan)
        if text is None:
            return plan
        plan.text = text
        try:
            records = self._records(text, plan)
        except csv.Error as error:
            plan.issues.append(
                ImportIssue(
                    None,
                    None,
                    _("The file is not a readable CSV file: %(error)s.") % {"error": error},
                )
            )
            return plan
        if records is None:
            return plan
        if not records and not plan.issues:
            plan.issues.append(ImportIssue(None, None, _("The file has no records.")))
            return plan
        plan.total_rows = len(records)
        checked = records if limit is None else records[:limit]
        plan.checked_rows = len(checked)
        self.prepare([cells for _row, cells in checked])
        for done, (row, cells) in enumerate(checked, start=1):
            planned = self._plan_record(row, cells, plan)
            if planned is not None:
                plan.rows.append(planned)
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, len(checked))
        if self.rehearse and plan.rows:
            self._rehearse(plan)
        plan.issues.sort(key=lambda issue: issue.row or 0)  # stable: columns keep their order
        return plan

    def _records(self, text: str, plan: ImportPlan) -> list[tuple[int, dict[str, str]]] | None:
        """The rows of the file as cells by column, or ``None`` if the header is wrong."""
        reader = csv.DictReader(io.StringIO(text, newline=""))
        reader.fieldnames = [name.strip() for name in reader.fieldnames or []]
        if not self._check_header(reader.fieldnames, plan):
            return None
        records: list[tuple[int, dict[str, str]]] = []
        seen_keys: dict[str, int] = {}
        limit = settings.IMPORT_MAX_ROWS
        for index, record in enumerate(reader, start=1):
            if index > limit:
                plan.issues.append(
                    ImportIssue(
                        None,
                        None,
                        _(
                            "The file has more than %(limit)s records; at most %(limit)s are "
                            "imported at once: split it into several files."
                        )
                        % {"limit": f"{limit:,}"},
                    )
                )
                return None
            row = reader.line_num
            if None in record:
                plan.issues.append(
                    ImportIssue(row, None, _("This row has more cells than the header."))
                )
                continue
            if all(not (value or "").strip() for value in record.values()):
                continue  # blank line at the end of a spreadsheet export
            cells = {name: (value or "") for name, value in record.items()}
            if not check_cells(row, cells, plan):
                continue
            key = self.row_key(cells)
            if key in seen_keys:
                plan.issues.append(
                    ImportIssue(
                        row,
                        self.key_column,
                        _("“%(key)s” already appears on row %(first)s.")
                        % {"key": key, "first": seen_keys[key]},
                    )
                )
                continue
            seen_keys[key] = row
            records.append((row, cells))
        return records

    def apply(self, plan: ImportPlan, progress: Progress | None = None) -> dict[str, int]:
        """Write a valid plan of the whole file in one transaction; an invalid or partial plan
        writes nothing."""
        if not plan.is_valid:
            raise ImportRejected(plan.issues)
        if not plan.complete:
            raise ValueError("a plan of the first rows only is a preview; it is never applied")
        # One announcement per signal for the whole file, sent before the commit.
        with transaction.atomic(), changes.batched():
            self._write(plan, progress)
        return plan.counts

    def _write(self, plan: ImportPlan, progress: Progress | None = None) -> None:
        for done, planned in enumerate(plan.rows, start=1):
            if planned.apply is not None:
                planned.apply()
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, len(plan.rows))
        for planned in plan.rows:
            if planned.finish is not None:
                planned.finish()

    def _rehearse(self, plan: ImportPlan) -> None:
        failed: set[int] = set()
        # Rolled back at the end: nothing it writes is announced.
        with changes.quiet(), transaction.atomic():
            for phase in ("apply", "finish"):
                for planned in plan.rows:
                    step = getattr(planned, phase)
                    if step is None or planned.row in failed:
                        continue
                    try:
                        with transaction.atomic():
                            step()
                    except ValidationError as error:
                        failed.add(planned.row)
                        invalid = self.model_errors(error, self.column_for_field)
                        plan.issues.extend(
                            ImportIssue(planned.row, column or None, message)
                            for column, messages in invalid.errors.items()
                            for message in messages
                        )
            transaction.set_rollback(True)

    def run(self, content: bytes | str) -> dict[str, int]:
        return self.apply(self.read(content))

    # --- hooks ------------------------------------------------------------------------------

    def normalise_key(self, text: str) -> str:
        return text.strip()

    def row_key(self, cells: Mapping[str, str]) -> str:
        """What identifies the record a row describes; by default the key column."""
        return self.normalise_key(cells.get(self.key_column, ""))

    def prepare(self, records: list[dict[str, str]]) -> None:  # noqa: B027
        """Load whatever the rows will be matched against, in a fixed number of queries."""

    @abstractmethod
    def plan_row(self, row: int, cells: Mapping[str, str]) -> PlannedRow:
        """Parse and validate one row; raise ``RowInvalid`` with every problem found."""

    # --- helpers for subclasses --------------------------------------------------------------

    @staticmethod
    def parse_cells(
        cells: Mapping[str, str], parsers: Mapping[str, Callable[[str], Any]]
    ) -> dict[str, Any]:
        """Parse each named cell; collect every failure before raising ``RowInvalid``."""
        values: dict[str, Any] = {}
        errors: dict[str, list[str]] = {}
        for column, parser in parsers.items():
            try:
                values[column] = parser(cells.get(column, ""))
            except CellValueError as error:
                errors[column] = [str(error)]
        if errors:
            raise RowInvalid(errors)
        return values

    def validate_record(
        self, instance: models.Model, column_for_field: Mapping[str, str] | None = None
    ) -> None:
        """The model's own rules (``full_clean``, without uniqueness and constraints, which the
        plan checks itself), reported on the file's columns.

        A foreign key that holds a record the importer loaded is not looked up again: Django
        would check with one query per key and row that the record exists (most of a large
        file's time), and it was just read."""
        loaded = [
            field.name
            for field in instance._meta.concrete_fields
            if field.many_to_one
            and not field.remote_field.limit_choices_to
            and field.is_cached(instance)
            and getattr(instance, field.name) is not None
            and not getattr(instance, field.name)._state.adding
        ]
        try:
            instance.full_clean(exclude=loaded, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise self.model_errors(error, column_for_field or self.column_for_field) from None

    @staticmethod
    def model_errors(error: ValidationError, column_for_field: Mapping[str, str]) -> RowInvalid:
        """Turn a model's ValidationError into errors on the CSV's own column names."""
        errors: dict[str, list[str]] = {}
        if not hasattr(error, "error_dict"):
            return RowInvalid({"": error.messages})
        for field_name, messages in error.message_dict.items():
            column = column_for_field.get(field_name, "")
            errors.setdefault(column, []).extend(messages)
        return RowInvalid(errors)

    @staticmethod
    def planned(
        row: int,
        key: str,
        *,
        exists: bool,
        changes: dict[str, tuple[Any, Any]],
        apply: Callable[[], None],
    ) -> PlannedRow:
        """A new record is created, an existing one updated if anything changes."""
        if not exists:
            return PlannedRow(row, key, "create", apply=apply)
        if not changes:
            return PlannedRow(row, key, "unchanged")
        return PlannedRow(row, key, "update", changes, apply=apply)

    @staticmethod
    def changes(instance: models.Model, values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
        return {
            name: (getattr(instance, name), value)
            for name, value in values.items()
            if getattr(instance, name) != value
        }

    # --- internals ---------------------------------------------------------------------------

    @staticmethod
    def _decode(content: bytes | str, plan: ImportPlan) -> str | None:
        if isinstance(content, str):
            return content
        for signature, kind in NOT_CSV.items():
            if content.startswith(signature):
                plan.issues.append(
                    ImportIssue(
                        None,
                        None,
                        _(
                            "This is %(kind)s, not a CSV file; "
                            "save it as “CSV UTF-8” and upload that."
                        )
                        % {"kind": kind},
                    )
                )
                return None
        if content.startswith((b"\xff\xfe", b"\xfe\xff")):
            plan.issues.append(
                ImportIssue(
                    None,
                    None,
                    _("The file is UTF-16 text; save it as “CSV UTF-8” and upload that."),
                )
            )
            return None
        if len(content) > MAX_IMPORT_BYTES:
            plan.issues.append(
                ImportIssue(
                    None,
                    None,
                    _("The file is larger than %(limit)s MB.")
                    % {"limit": MAX_IMPORT_BYTES // (1024 * 1024)},
                )
            )
            return None
        try:
            return content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            plan.issues.append(
                ImportIssue(
                    None,
                    None,
                    _("The file is not UTF-8 text (byte %(position)s); save it as CSV UTF-8.")
                    % {"position": error.start},
                )
            )
            return None

    def _check_header(self, header: Iterable[str], plan: ImportPlan) -> bool:
        names = [name.strip() for name in header]
        known = set(self.columns) | self.ignored_columns
        missing = [c for c in self.columns if c not in names and c not in self.optional_columns]
        unknown = [name for name in names if name and name not in known]
        for position, name in enumerate(names, start=1):
            if not name:
                plan.issues.append(
                    ImportIssue(
                        1,
                        None,
                        _("Column %(position)s of the header has no name.")
                        % {"position": position},
                    )
                )
        duplicated = sorted({name for name in names if name and names.count(name) > 1})
        for column in missing:
            plan.issues.append(ImportIssue(1, column, _("This column is missing.")))
        for column in unknown:
            plan.issues.append(
                ImportIssue(
                    1,
                    column,
                    _("Unknown column; the columns are: %(columns)s.")
                    % {"columns": ",".join(self.columns)},
                )
            )
        for column in duplicated:
            plan.issues.append(ImportIssue(1, column, _("This column appears twice.")))
        return not (missing or unknown or duplicated or "" in names)

    def _plan_record(self, row: int, cells: dict[str, str], plan: ImportPlan) -> PlannedRow | None:
        try:
            return self.plan_row(row, cells)
        except RowInvalid as invalid:
            for column, messages in invalid.errors.items():
                for message in messages:
                    plan.issues.append(ImportIssue(row, column or None, message))
            return None
