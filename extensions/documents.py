"""The analysis and draft decision as a document of the one PDF pipeline, in the language
chosen for it (``Analysis.language``): every label, the State's and the Meeting's names, the
dates and the draft marking in that language, as the committees' documents and letters are."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from documents.pdf import PdfSource
from states_parties.addressing import with_article

from .models import Analysis


def analysis_pdf_source(analysis: Analysis) -> PdfSource:
    request = analysis.request
    meeting = request.meeting
    language = analysis.language or "en"
    latest = request.versions.order_by("-number").first()
    with translation.override(language):
        marking = "" if analysis.status == Analysis.Status.APPROVED else _("DRAFT")
        context = {
            "doc": {
                "symbol": request.symbol,
                "date": analysis.approved_on or timezone.localdate(),
                "marking": marking,
                "meeting": {"name": meeting.display_title, "place": meeting.venue},
            },
            "watermark": marking,
            "analysis": analysis,
            "request": request,
            # After "submitted by": "le Cambodge", "el Perú", "the Netherlands".
            "state_name": with_article(request.state, language),
            "version": latest,
            "version_kind": latest.get_kind_display() if latest else "",
            "paragraphs": [p for p in analysis.text.split("\n\n") if p.strip()],
            "decision_paragraphs": [p for p in analysis.draft_decision.split("\n\n") if p.strip()],
        }
    return PdfSource(
        "extensions/pdf/analysis.html",
        context,
        language,
        f"extension-analysis-{request.state.iso3}-{meeting.short_name or meeting.pk}"
        f"{'' if language == 'en' else '-' + language}.pdf",
    )
