"""From the record to a document: which paragraphs a document starts with, and the snapshot of
what it says (title, committee, member line, numbered sections) that previews, PDFs and
published versions are rendered from.

A snapshot is plain JSON, so that a published version keeps exactly what it said, whatever
later happens to the record.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import translation
from django.utils.translation import gettext as _

from activities.models import Activity, Priority
from activities.periods import activity_window, parse_period
from committees.composition import member_line
from common.visibility import Visibility

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
    """Fresh, unsaved paragraphs for every section that is drawn from the record."""
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
                    text=record.text,
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
        for paragraph in document.paragraphs.select_related("activity")
        if paragraph.admissible_in(document) and definition.section(paragraph.section)
    ]
    paragraphs.sort(key=lambda p: (definition.index(p.section), p.position, p.pk or 0))
    return paragraphs


def snapshot(document: Document, paragraphs: list[DocumentParagraph] | None = None) -> dict:
    """What the document says now, in its language, as plain JSON."""
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
                entries.append({"number": number, "text": paragraph.text})
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
            "symbol": document.symbol,
            "date": document.date.isoformat(),
            "period": document.period,
            "language": document.language,
            "visibility": document.visibility,
            "sections": sections,
        }
        if definition.reporting_tables:
            result["reporting"] = reporting_tables(document.date)
    return result


def reporting_tables(on: date) -> dict:
    """The Article 7 reporting status as of ``on``, from the reporting app's own queries."""
    from reporting import compliance

    rates = compliance.reporting_rates(on, since=on.year - 10)
    overdue = compliance.overdue_states(on)
    with_obligations = set(compliance.missing_with_obligations(on).values_list("pk", flat=True))
    return {
        "rates": [[r.year, r.expected, r.received, r.on_time] for r in rates],
        "overdue": [
            [
                state.name,
                state.consecutive_missing,
                state.missing_years or "",
                state.pk in with_obligations,
            ]
            for state in overdue
        ],
        "article9_outstanding": [
            [state.name, state.article9_status or ""]
            for state in compliance.article9_outstanding(on)
        ],
    }


def context_for_snapshot(data: dict, *, draft: bool) -> dict:
    """The template context a snapshot renders with (the same for preview and PDF)."""
    document = {**data, "date": date.fromisoformat(data["date"]), "draft": draft}
    visibility = data.get("visibility", Visibility.PUBLIC)
    with translation.override(data["language"]):
        markings = []
        if draft:
            markings.append(_("Draft"))
        if visibility != Visibility.PUBLIC:
            markings.append(str(Visibility(visibility).label))
        document["marking"] = " · ".join(markings)
    context: dict[str, Any] = {"doc": document}
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


def pdf_source_for_snapshot(data: dict, *, draft: bool) -> PdfSource:
    definition = kind_definition(data["kind"])
    symbol = data["symbol"].replace("/", "-").replace(" ", "")
    suffix = "-draft" if draft else ""
    return PdfSource(
        template_name=definition.template_name,
        context=context_for_snapshot(data, draft=draft),
        language=data["language"],
        filename=f"{symbol}-{data['language']}{suffix}.pdf",
    )
