"""Demonstration Article 7 reports written online: Cambodia's and Peru's for the last two
years, the earlier one published, the later one submitted. Every figure is illustrative."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from states_parties.models import StateParty

from .exchange import import_report
from .models import Report


def _when(year: int, month: int, day: int) -> str:
    moment = timezone.make_aware(datetime(year, month, day, 10, 30))
    return moment.isoformat()


def _cambodia(year: int, retained_start: int, area: int, grown: bool) -> dict:
    used = 150
    return {
        "A": {
            "narrative": "Law on the Prohibition of Anti-Personnel Mines (2009) in force.",
            "rows": [
                {
                    "kind": "law",
                    "title": "Law on the Prohibition of Anti-Personnel Mines",
                    "adopted_on": "2009-05-28",
                    "description": "",
                }
            ],
        },
        "B": {"status": "edited", "rows": []},
        "C": {
            "explanation": "Non-technical survey found new areas in the north-west."
            if grown
            else "",
            "rows": [
                {
                    "location": "Battambang province",
                    "status": "confirmed",
                    "area_m2": area // 2,
                    "mine_types": "PMN-2, Type 72A",
                    "quantity": None,
                    "emplaced": "1980s",
                    "previously_unknown": False,
                    "cancelled_m2": 120_000,
                    "reduced_m2": 80_000,
                    "cleared_m2": 2_400_000,
                },
                {
                    "location": "Banteay Meanchey province",
                    "status": "suspected",
                    "area_m2": area - area // 2,
                    "mine_types": "PMN-2",
                    "quantity": None,
                    "emplaced": "1980s",
                    "previously_unknown": False,
                    "cancelled_m2": 40_000,
                    "reduced_m2": 30_000,
                    "cleared_m2": 1_100_000,
                },
            ],
        },
        "D": {
            "rows": [
                {
                    "mine_type": "PMN-2",
                    "lot_numbers": "",
                    "institution": "Cambodian Mine Action Centre",
                    "purpose": "Training of deminers and dogs",
                    "at_start": retained_start,
                    "used_or_destroyed": used,
                    "received": 0,
                    "transferred": 0,
                    "at_end": retained_start - used,
                }
            ]
        },
        "E": {"narrative": "Cambodia never produced anti-personnel mines."},
        "F": {
            "rows": [
                {
                    "article": 5,
                    "methods": "Demolition in place",
                    "sites": "Where found",
                    "standards": "Cambodian Mine Action Standards",
                }
            ]
        },
        "G": {
            "rows": [
                {
                    "article": 5,
                    "mine_type": "PMN-2",
                    "quantity": 9_800,
                    "lot_numbers": "",
                    "destroyed_on": f"{year}-12-31",
                    "previously_unknown": False,
                }
            ]
        },
        "H": {
            "rows": [
                {
                    "mine_type": "PMN-2",
                    "dimensions": "121 x 53 mm",
                    "fusing": "Pressure",
                    "explosive_content": "100 g TNT",
                    "metallic_content": "Minimal",
                    "other": "",
                }
            ]
        },
        "I": {
            "rows": [
                {
                    "location": "Battambang province",
                    "measure": "Mine risk education in 240 villages.",
                }
            ]
        },
        "J": {
            "rows": [
                {
                    "topic": "victim_assistance",
                    "text": "Physical rehabilitation centres in eleven provinces.",
                }
            ]
        },
    }


def _peru(year: int, retained_start: int) -> dict:
    used = 40
    return {
        "A": {"narrative": "Law 28824 (2006) implements the Convention."},
        "B": {"rows": []},
        "C": {
            "rows": [
                {
                    "location": "Cordillera del Cóndor",
                    "status": "suspected",
                    "area_m2": 0,
                    "mine_types": "",
                    "quantity": None,
                    "emplaced": "1995",
                    "previously_unknown": False,
                    "cancelled_m2": 0,
                    "reduced_m2": 0,
                    "cleared_m2": 3_500,
                }
            ]
        },
        "D": {
            "rows": [
                {
                    "mine_type": "MAPER",
                    "lot_numbers": "",
                    "institution": "Centro Peruano de Acción contra las Minas",
                    "purpose": "Training",
                    "at_start": retained_start,
                    "used_or_destroyed": used,
                    "received": 0,
                    "transferred": 0,
                    "at_end": retained_start - used,
                }
            ]
        },
        "E": {"narrative": "Production facilities decommissioned before entry into force."},
        "F": {"narrative": "No destruction programme under way."},
        "G": {"rows": []},
        "H": {"narrative": "As in earlier reports."},
        "I": {"rows": [{"location": "Cordillera del Cóndor", "measure": "Signs and fencing."}]},
        "J": {},
    }


def _report(iso3: str, year: int, language: str, sections: dict, status: str, sent: str) -> dict:
    return {
        "state": iso3,
        "year_covered": year,
        "version": 1,
        "language": language,
        "status": status,
        "submitted_at": sent,
        "submitted_by_name": {"KHM": "Ly Thuch", "PER": "Ana Torres"}[iso3],
        "submitted_by_function": {
            "KHM": "First Vice-President, CMAA",
            "PER": "Directora, CONTRAMINAS",
        }[iso3],
        "receipt_number": f"A7-{iso3}-{year + 1}0420-DEMO",
        "sections": {code: {"status": "edited", **section} for code, section in sections.items()},
    }


def load(rng: random.Random) -> None:
    """Two consecutive years for Cambodia and Peru (the years before last and last), received
    in April of the year after each (or two days ago, early in a year)."""
    if StateParty.objects.filter(iso3__in=["KHM", "PER"]).count() != 2:
        return
    today = timezone.localdate()
    last = today.year - 1
    first = last - 1

    def sent(year: int, day: int) -> str:
        wanted = min(date(year + 1, 4, day), today - timedelta(days=2))
        return _when(wanted.year, wanted.month, wanted.day)

    for data in (
        _report(
            "KHM",
            first,
            "en",
            _cambodia(first, 1_000, 16_000_000, False),
            "published",
            sent(first, 20),
        ),
        _report(
            "KHM", last, "en", _cambodia(last, 850, 16_500_000, True), "submitted", sent(last, 24)
        ),
        _report("PER", first, "es", _peru(first, 300), "published", sent(first, 28)),
        _report("PER", last, "es", _peru(last, 260), "submitted", sent(last, 29)),
    ):
        if not Report.objects.filter(
            state__iso3=data["state"], year_covered=data["year_covered"]
        ).exists():
            import_report(data)
