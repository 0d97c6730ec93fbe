"""Downloads of tables, as CSV or XLSX. A list page and its export share one queryset and one
row function; ``?format=xlsx`` picks the spreadsheet."""

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.functional import Promise

#: A text cell starting with one of these would run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(value: object) -> object:
    """A text value a spreadsheet shows as text: a leading apostrophe before anything that
    would start a formula (OWASP "CSV injection"); numbers and dates pass unchanged."""
    value = cell_value(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def cell_value(value: object) -> object:
    """A lazily translated label becomes its text: openpyxl knows only str, numbers, dates."""
    return str(value) if isinstance(value, Promise) else value


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[str], rows: Iterable[Iterable[str]]) -> Iterator[str]:
    writer = csv.writer(_Echo(), lineterminator="\n")
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([defused(value) for value in row])


def csv_response(filename: str, header: Iterable[str], rows: Iterable[Iterable[str]]):
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(filename: str, header: Iterable[str], rows: Iterable[Iterable]) -> HttpResponse:
    # Imported here: every list view imports this module, few requests ask for a spreadsheet.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=filename.rsplit(".", 1)[0][:31])
    sheet.append([cell_value(name) for name in header])
    for row in rows:
        cells = []
        for value in row:
            value = cell_value(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_response(
    request: HttpRequest, basename: str, header: Iterable[str], rows: Iterable[Iterable]
) -> HttpResponse:
    """The table as CSV, or as XLSX when the request asks ``?format=xlsx``."""
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"{basename}.xlsx", header, rows)
    return csv_response(f"{basename}.csv", header, rows)


EXPORT_FORMATS = ("csv", "xlsx")


def wants_export(request: HttpRequest) -> bool:
    """Whether the request asks for the table's download rather than its page."""
    return request.GET.get("format") in EXPORT_FORMATS


@dataclass(frozen=True)
class Column:
    """One column of a download: its header and how a row's record gives its value."""

    name: str
    value: Callable[[Any], Any]


class Table:
    """A download's columns, in one place for its CSV and XLSX exports and, where the app
    imports the same records, for its import template's header."""

    def __init__(self, filename: str, columns: Sequence[Column]) -> None:
        self.filename = filename
        self.columns = tuple(columns)

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def row(self, record: Any) -> list:
        return [column.value(record) for column in self.columns]

    def rows(self, records: Iterable) -> Iterator[list]:
        for record in records:
            yield self.row(record)

    def response(
        self, request: HttpRequest, records: Iterable, *, filename: str | None = None
    ) -> HttpResponse:
        """The records as CSV, or as XLSX when the request asks ``?format=xlsx``."""
        return table_response(request, filename or self.filename, self.header, self.rows(records))


def day(value) -> str:
    """A date (or nothing) as the exports write it: YYYY-MM-DD or a blank cell."""
    return value.isoformat() if value else ""


def flag(value: bool) -> str:
    return "true" if value else "false"


def blank_none(value):
    """A number that may be unknown: the number, or a blank cell."""
    return "" if value is None else value
