"""Records as the public pages show them, written out in the page's language when the page is
built: the templates only place the texts. A list of 200 States or 60 documents would otherwise
cost its template thousands of lookups, filters and translations, on every page built."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common.typography import written_date
from documents.models import DocumentVersion
from states_parties import rules
from states_parties.models import StateParty


class DateWriter:
    """Dates as the Convention's texts write them in the page's language (``written_date``)."""

    def __init__(self) -> None:
        self.language = get_language()

    def __call__(self, day: date | None) -> str:
        if day is None:
            return "—"
        return _written(self.language, day)


@functools.lru_cache(maxsize=20_000)
def _written(language: str | None, day: date) -> str:
    """A date in a language, kept for the process's life: a pure function of its arguments
    (the formats and month names are the release's), which pages of States call thousands of
    times for a few hundred distinct dates."""
    return written_date(day, language or "en")


def html_rows(rows: Iterable[tuple[str, ...]]) -> SafeString:
    """The ``<tr>`` of a table body, the first cell the row's heading, every text escaped (as
    Django escapes: ``html.escape`` with quotes, without its lazy-string wrapper): for the long
    tables (200 States), where the template engine would spend more on placing the cells than
    the page took to read."""
    return mark_safe(  # noqa: S308  # nosec B308 B703 (every cell is escaped here)
        "\n".join(
            f'<tr><th scope="row">{escape(first)}</th>'
            + "".join(f"<td>{escape(cell)}</td>" for cell in cells)
            + "</tr>"
            for first, *cells in rows
        )
    )


#: ``StateParty.stockpile_destruction_deadline``'s rule, kept per date of entry into force (a
#: pure function, called for every State of the page).
_stockpile_deadline = functools.lru_cache(maxsize=4096)(rules.stockpile_destruction_deadline)


@dataclass(frozen=True)
class StateRow:
    """One State as the States Parties page shows it, written out in the page's language
    when the page is built (the template only places the texts)."""

    iso3: str
    name: str
    status: str
    signature: str
    deposit: str = ""
    entry_into_force: str = ""
    article4: str = ""
    article5: str = ""

    @property
    def party_cells(self) -> tuple[str, ...]:
        return (
            self.name,
            self.status,
            self.signature,
            self.deposit,
            self.entry_into_force,
            self.article4,
            self.article5,
        )

    @property
    def other_cells(self) -> tuple[str, ...]:
        return (self.name, self.status, self.signature)


def _deadline(written: DateWriter, applies: bool, deadline: date | None, done: date | None) -> str:
    if not applies:
        return "—"
    if done is None:
        return written(deadline)
    return f"{written(deadline)} ({_('completed %(date)s') % {'date': written(done)}})"


def state_rows(states: list[StateParty], party: bool) -> list[StateRow]:
    written = DateWriter()
    labels: dict[str, str] = {}
    instruments: dict[str, str] = {}
    withdrawal = (
        _("withdrawal takes effect %(date)s") if party else _("withdrawal took effect %(date)s")
    )
    rows = []
    for state in states:
        status = labels.get(state.status)
        if status is None:
            status = labels[state.status] = str(state.status.label)
        if state.withdrawal_effective:
            status += f" ({withdrawal % {'date': written(state.withdrawal_effective)}})"
        columns = {}
        if party:
            instrument = instruments.get(state.instrument)
            if instrument is None:
                instrument = instruments[state.instrument] = state.get_instrument_display().lower()
            columns = {
                "deposit": f"{written(state.deposit_date)} ({instrument})"
                if state.deposit_date
                else "—",
                "entry_into_force": written(state.entry_into_force),
                "article4": _deadline(
                    written,
                    bool(state.had_stockpiles),
                    _stockpile_deadline(state.entry_into_force) if state.entry_into_force else None,
                    state.stockpile_destroyed_on,
                ),
                "article5": _deadline(
                    written,
                    bool(state.has_mined_areas),
                    state.clearance_deadline,
                    state.clearance_completed_on,
                ),
            }
        row = StateRow(
            iso3=state.iso3,
            name=state.display_name,
            status=status,
            signature=written(state.signature_date),
            **columns,
        )
        rows.append(row)
    return rows


@dataclass(frozen=True)
class DocumentRow:
    """A published document as the site's lists show it."""

    symbol: str
    title: str
    committee: str
    meeting: str
    language: str
    language_code: str
    date: str
    #: Empty while the PDF is being rendered.
    pdf_url: str


class _Labels(dict):
    """Labels read once per page (a choice's display, a committee's name in the language):
    ``labels(record, "get_kind_display", key)``."""

    def __call__(self, record: object, attribute: str, key: object) -> str:
        text = self.get((attribute, key))
        if text is None:
            value = getattr(record, attribute)
            text = self[attribute, key] = str(value() if callable(value) else value)
        return text


def document_rows(versions: Iterable[DocumentVersion]) -> list[DocumentRow]:
    written = DateWriter()
    labels = _Labels()
    rows = []
    for version in versions:
        document = version.document
        meeting = document.meeting
        kind = labels(document, "get_kind_display", document.kind)
        rows.append(
            DocumentRow(
                symbol=document.symbol,
                title=f"{kind} {document.period}",
                committee=labels(document.committee, "display_name", document.committee_id),
                meeting=labels(meeting, "display_title", meeting.pk) if meeting else "—",
                language=labels(document, "get_language_display", document.language),
                language_code=document.language,
                date=written(document.date),
                pdf_url=reverse("site:document_pdf", args=[document.pk, version.number])
                if version.pdf_ready
                else "",
            )
        )
    return rows
