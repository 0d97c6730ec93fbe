from tests.committee_fixtures import meetings, seat, standing_committees, states

__all__ = ["meetings", "seat", "standing_committees", "states"]
