from tests.api.conftest import ccc_member, member, mid_2026, record, records
from tests.committee_fixtures import meetings, seat, standing_committees, states

__all__ = [
    "ccc_member",
    "meetings",
    "member",
    "mid_2026",
    "record",
    "records",
    "seat",
    "standing_committees",
    "states",
]
