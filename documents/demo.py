"""Demonstration documents for the 2026 committee year: the Committee on Cooperative
Compliance's published "Activities and Priorities for Implementation 2026-2027", the Committee
on Article 5 Implementation's draft awaiting its Chair (the demo user ``chair``), and a draft
Article 7 reporting status table."""

from __future__ import annotations

import random
from datetime import date

from django.contrib.auth import get_user_model

from committees.models import Committee

from . import services
from .models import Document

DOCUMENT_DATE = date(2026, 11, 20)


def load(rng: random.Random) -> None:
    staff = get_user_model().objects.filter(username="isu").first()
    committees = {committee.code: committee for committee in Committee.objects.all()}
    ccc = services.create_document(
        Document(
            committee=committees["CCC"],
            kind=Document.Kind.ACTIVITIES_PRIORITIES,
            period="2026-2027",
            date=DOCUMENT_DATE,
            symbol="APLC/MSP.23/2026/WP.4",
        ),
        staff,
    )
    services.submit_to_chair(ccc, staff)
    services.approve(ccc, staff, "Approved by the Chair by e-mail (illustrative).")
    services.publish(ccc, staff, "As presented to the Twenty-Third Meeting (illustrative).")
    ca5 = services.create_document(
        Document(
            committee=committees["CA5"],
            kind=Document.Kind.ACTIVITIES_PRIORITIES,
            period="2026-2027",
            date=DOCUMENT_DATE,
            symbol="APLC/MSP.23/2026/WP.2",
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
