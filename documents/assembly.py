"""From the record to a document: which paragraphs a document starts with, and the snapshot of
what it says (heading, committee, member line, numbered sections) that previews, PDFs and
published versions are rendered from.

A snapshot is plain JSON, so that a published version keeps exactly what it said, whatever
later happens to the record. It reads the record as it stood on the document's date (the
activities dated up to it, the composition and the reports received on that day), never
"today", so that making it again a year later gives the same text.

A document is in one language; its French and Spanish versions are documents of their own
with the same symbol (``Document.language_versions``). Their paragraphs are the records'
translations; one not yet translated prints the original text, flagged, and keeps the
version from being published.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from activities.models import Activity, Priority
from activities.periods import activity_window, parse_period
from committees.composition import member_line
from common.collation import sorted_by_text
from common.visibility import Visibility

from . import headings
from .kinds import ROMAN, Source, kind_definition
from .pdf import PdfSource

if TYPE_CHECKING:
    from .models import Document, DocumentParagraph

SNAPSHOT_FORMAT = 1


def source_activities(document: Document):
    """The period's activities the document may include, in date order."""
    after, until = activity_window(parse_period(document.period), document.date)
    return (
        Activity.objects.filter(committee=document.committee_id)
        .at_most(document.visibility)
        .in_window(after, until)
        .in_document_order()
    )


def source_priorities(document: Document):
    return (
        Priority.objects.filter(committee=document.committee_id)
        .for_period(parse_period(document.period))
        .in_document_order()
    )


def assemble(document: Document) -> list[DocumentParagraph]:
    """Fresh, unsaved paragraphs for every section that is drawn from the record, in the
    document's language; a record not yet translated gives a blank paragraph that reads the
    record's translation once one is entered (``DocumentParagraph.text_for``)."""
    from .models import DocumentParagraph

    paragraphs: list[DocumentParagraph] = []
    for section in document.definition.sections:
        if section.source == Source.ACTIVITIES:
            records = [("activity", activity) for activity in source_activities(document)]
        elif section.source == Source.PRIORITIES:
            records = [("priority", priority) for priority in source_priorities(document)]
        else:
            continue
        for position, (field_name, record) in enumerate(records, start=1):
            paragraphs.append(
                DocumentParagraph(
                    document=document if document.pk else None,
                    section=section.key,
                    position=position,
                    text=record.text_in(document.language),
                    **{field_name: record},
                )
            )
    return paragraphs


def ordered_paragraphs(document: Document) -> list[DocumentParagraph]:
    """The draft's paragraphs in print order, leaving out those no longer admissible (an
    activity made confidential after it was copied into a public draft)."""
    definition = document.definition
    paragraphs = [
        paragraph
        for paragraph in document.paragraphs.select_related("activity", "priority")
        if paragraph.admissible_in(document) and definition.section(paragraph.section)
    ]
    paragraphs.sort(key=lambda p: (definition.index(p.section), p.position, p.pk or 0))
    return paragraphs


def snapshot(document: Document, paragraphs: list[DocumentParagraph] | None = None) -> dict:
    """What the document says now, in its language, as plain JSON: the record as it stood
    on the document's date, whenever it is asked. A paragraph with no text in the language
    carries the original text and ``"untranslated": true``."""
    if paragraphs is None:
        paragraphs = ordered_paragraphs(document) if document.pk else assemble(document)
    definition = document.definition
    with translation.override(document.language):
        sections = []
        number = 0
        for index, section in enumerate(definition.sections):
            entries = []
            for paragraph in paragraphs:
                if paragraph.section != section.key:
                    continue
                number += 1
                text, translated = paragraph.text_for(document.language)
                entry: dict[str, Any] = {"number": number, "text": text}
                if not translated:
                    entry["untranslated"] = True
                entries.append(entry)
            sections.append(
                {
                    "key": section.key,
                    "number": ROMAN[index],
                    "heading": str(section.heading),
                    "paragraphs": entries,
                }
            )
        result: dict[str, Any] = {
            "format": SNAPSHOT_FORMAT,
            "kind": document.kind,
            "title": f"{document.get_kind_display()} {document.period}",
            "committee": document.committee.display_name,
            "member_line": member_line(document.committee, document.date),
            "submitted_by": headings.submitted_by(document.committee),
            "symbol": document.symbol,
            "date": document.date.isoformat(),
            "period": document.period,
            "language": document.language,
            "visibility": document.visibility,
            "sections": sections,
        }
        if document.meeting_id:
            result["meeting"] = {
                "name": headings.meeting_name(document.meeting),
                "place": headings.meeting_place(document.meeting),
            }
        if document.agenda_item:
            result["agenda"] = {
                "item": headings.agenda_line(document.agenda_item),
                "title": document.agenda_title,
            }
        if definition.reporting_tables:
            result["reporting"] = reporting_tables(document.date)
    return result


def untranslated(data: dict) -> list[dict]:
    """The paragraphs of a snapshot that have no text in its language (number and the
    original text), in print order."""
    return [
        paragraph
        for section in data["sections"]
        for paragraph in section["paragraphs"]
        if paragraph.get("untranslated")
    ]


def reporting_tables(on: date) -> dict:
    """The Article 7 reporting status as the record stood on ``on`` (reports received and
    statements dated on or before it), States named in the active language and listed in its
    alphabetical order."""
    from reporting import compliance

    rates = compliance.reporting_rates_as_of(on, since=on.year - 10)
    overdue = sorted_by_text(
        compliance.overdue_states_as_of(on), lambda row: row.state.display_name
    )
    overdue.sort(key=lambda row: -row.consecutive_missing)  # stable: names stay in order
    article9 = sorted_by_text(
        compliance.article9_outstanding_as_of(on), lambda row: row[0].display_name
    )
    return {
        "rates": [[r.year, r.expected, r.received, r.on_time] for r in rates],
        "overdue": [
            [
                row.state.display_name,
                row.consecutive_missing,
                ", ".join(
                    _("initial") if kind == "initial" else str(year) for kind, year in row.missing
                ),
                row.open_obligations,
            ]
            for row in overdue
        ],
        "article9_outstanding": [[state.display_name, status] for state, status in article9],
    }


def watermark(language: str, version: int | None = None) -> str:
    """``DRAFT · v2``, ``PROJET · v2``, ``BORRADOR``: printed across every page of a PDF
    that is not a published version."""
    with translation.override(language):
        word = pgettext("watermark", "DRAFT")
    return f"{word} · v{version}" if version else word


def context_for_snapshot(data: dict, *, draft: bool, version: int | None = None) -> dict:
    """The template context a snapshot renders with (the same for preview and PDF). A draft,
    or a snapshot with a paragraph not yet translated, is watermarked on every page."""
    document = {**data, "date": date.fromisoformat(data["date"]), "draft": draft}
    visibility = data.get("visibility", Visibility.PUBLIC)
    marked = draft or bool(untranslated(data))
    with translation.override(data["language"]):
        markings = []
        if marked:
            markings.append(_("Draft"))
        if visibility != Visibility.PUBLIC:
            markings.append(str(Visibility(visibility).label))
        document["marking"] = " · ".join(markings)
    context: dict[str, Any] = {
        "doc": document,
        "watermark": watermark(data["language"], version) if marked else None,
    }
    reporting = data.get("reporting")
    if reporting is not None:
        context.update(_reporting_context(reporting, data["language"]))
    return context


def _reporting_context(reporting: dict, language: str) -> dict:
    from reporting.charts import rate_chart
    from reporting.models import Article9Status, YearRate

    rates = [YearRate(*row) for row in reporting["rates"]]
    with translation.override(language):
        statuses = {value: str(label) for value, label in Article9Status.choices}
        return {
            "chart": rate_chart(rates, width=640, height=220),
            "chart_id": "document-rates",
            "rates": rates,
            "overdue": [
                {
                    "name": name,
                    "missed": missed,
                    "years": years,
                    "open_obligations": obligations,
                }
                for name, missed, years, obligations in reporting["overdue"]
            ],
            "article9_outstanding": [
                {"name": name, "status": statuses.get(status, _("Nothing reported"))}
                for name, status in reporting["article9_outstanding"]
            ],
        }


def pdf_source_for_snapshot(data: dict, *, draft: bool, version: int | None = None) -> PdfSource:
    """``draft``: not a published version (watermarked, with ``version``, the number it will
    have once published)."""
    definition = kind_definition(data["kind"])
    symbol = data["symbol"].replace("/", "-").replace(" ", "")
    suffix = "-draft" if draft or untranslated(data) else ""
    return PdfSource(
        template_name=definition.template_name,
        context=context_for_snapshot(data, draft=draft, version=version),
        language=data["language"],
        filename=f"{symbol}-{data['language']}{suffix}.pdf",
    )
