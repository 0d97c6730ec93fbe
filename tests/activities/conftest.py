from tests.activity_fixtures import (
    articles,
    ccc_year,
    meetings,
    november_2025,
    people,
    seat,
    sraap,
    standing_committees,
    states,
)

__all__ = [
    "articles",
    "ccc_year",
    "meetings",
    "november_2025",
    "people",
    "seat",
    "sraap",
    "standing_committees",
    "states",
]
