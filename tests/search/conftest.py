from tests.api.conftest import member, mid_2026, record
from tests.committee_fixtures import meetings, seat, standing_committees, states

__all__ = ["meetings", "member", "mid_2026", "record", "seat", "standing_committees", "states"]
