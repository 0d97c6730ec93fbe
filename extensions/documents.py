"""The analysis and draft decision as a document of the one PDF pipeline."""

from __future__ import annotations

from django.utils import timezone

from documents.pdf import PdfSource

from .models import Analysis


def analysis_pdf_source(analysis: Analysis) -> PdfSource:
    request = analysis.request
    meeting = request.meeting
    latest = request.versions.order_by("-number").first()
    return PdfSource(
        "extensions/pdf/analysis.html",
        {
            "doc": {
                "symbol": request.symbol,
                "date": analysis.approved_on or timezone.localdate(),
                "marking": "" if analysis.status == Analysis.Status.APPROVED else "DRAFT",
                "meeting": {"name": meeting.display_title, "place": meeting.venue},
            },
            "watermark": "" if analysis.status == Analysis.Status.APPROVED else "DRAFT",
            "analysis": analysis,
            "request": request,
            "state_name": request.state.name,
            "version": latest,
            "paragraphs": [p for p in analysis.text.split("\n\n") if p.strip()],
            "decision_paragraphs": [p for p in analysis.draft_decision.split("\n\n") if p.strip()],
        },
        "en",
        f"extension-analysis-{request.state.iso3}-{meeting.short_name or meeting.pk}.pdf",
    )
