"""Demonstration documents for the 2026 committee year, submitted to the Twenty-Third Meeting
(whose documents are numbered APLC/MSP.23/2026/WP.{number}): the Committee on Cooperative
Compliance's published "Activities and Priorities for Implementation 2026-2027" in English, its
French version (complete, published) and its Spanish version (two paragraphs not yet translated:
a watermarked draft that cannot be published), the Committee on Article 5 Implementation's
draft awaiting its Chair (the demo user ``chair``), and a draft Article 7 reporting status
table."""

from __future__ import annotations

import random
from datetime import date

from django.contrib.auth import get_user_model

from committees.models import Committee, Meeting

from . import services
from .models import Document

DOCUMENT_DATE = date(2026, 11, 20)
SYMBOL_PATTERN = "APLC/MSP.23/2026/WP.{number}"
AGENDA_ITEM = "10"
AGENDA_TITLES = {
    "en": "Review of the status and operation of the Convention",
    "fr": "Examen de l’état et du fonctionnement de la Convention",
    "es": "Examen del estado y el funcionamiento de la Convención",
}


def load(rng: random.Random) -> None:
    staff = get_user_model().objects.filter(username="isu").first()
    committees = {committee.code: committee for committee in Committee.objects.all()}
    meeting = Meeting.objects.filter(kind=Meeting.Kind.MSP, number=23).first()
    if meeting is not None:
        meeting.document_symbol_pattern = SYMBOL_PATTERN
        meeting.save(update_fields=["document_symbol_pattern"])
    heading = {"meeting": meeting, "agenda_item": AGENDA_ITEM if meeting else ""}
    ccc = services.create_document(
        Document(
            committee=committees["CCC"],
            kind=Document.Kind.ACTIVITIES_PRIORITIES,
            period="2026-2027",
            date=DOCUMENT_DATE,
            symbol="APLC/MSP.23/2026/WP.4",
            agenda_title=AGENDA_TITLES["en"] if meeting else "",
            **heading,
        ),
        staff,
    )
    services.submit_to_chair(ccc, staff)
    services.approve(ccc, staff, "Approved by the Chair by e-mail (illustrative).")
    services.publish(ccc, staff, "As presented to the Twenty-Third Meeting (illustrative).")
    for language in ("fr", "es"):
        version = services.create_language_version(ccc, language, staff)
        if meeting is not None:
            version.agenda_title = AGENDA_TITLES[language]
            services.save_document_settings(version, staff)
        if language == "fr":  # complete: approved and published like the original
            services.submit_to_chair(version, staff)
            services.approve(version, staff, "Approved by the Chair by e-mail (illustrative).")
            services.publish(version, staff, "Version française (illustrative).")
    ca5 = services.create_document(
        Document(
            committee=committees["CA5"],
            kind=Document.Kind.ACTIVITIES_PRIORITIES,
            period="2026-2027",
            date=DOCUMENT_DATE,
            symbol="APLC/MSP.23/2026/WP.2",
            agenda_title=AGENDA_TITLES["en"] if meeting else "",
            **heading,
        ),
        staff,
    )
    services.submit_to_chair(ca5, staff)
    services.create_document(
        Document(
            committee=committees["CCC"],
            kind=Document.Kind.ARTICLE7_STATUS,
            period="2026-2027",
            date=DOCUMENT_DATE,
            symbol="APLC/MSP.23/2026/INF.1",
        ),
        staff,
    )
