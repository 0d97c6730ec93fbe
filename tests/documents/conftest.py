from tests.activity_fixtures import (
    articles,
    ccc_year,
    media_root,
    meetings,
    november_2025,
    pdf_worker,
    people,
    seat,
    sraap,
    standing_committees,
    states,
)

__all__ = [
    "articles",
    "ccc_year",
    "media_root",
    "meetings",
    "november_2025",
    "pdf_worker",
    "people",
    "seat",
    "sraap",
    "standing_committees",
    "states",
]
