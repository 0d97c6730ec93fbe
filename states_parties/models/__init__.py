"""States Parties, their obligations and their contacts.

The models live by concept (``states``, ``obligations``, ``contacts``); this package names them
all, so that ``from states_parties.models import StateParty`` and the migrations' references
hold.
"""

from .contacts import Contact
from .obligations import Article5Extension, RetainedMines
from .states import (
    Instrument,
    OpenObligation,
    RegionalGroup,
    StateParty,
    StatePartyQuerySet,
    validate_iso3,
)

__all__ = [
    "Article5Extension",
    "Contact",
    "Instrument",
    "OpenObligation",
    "RegionalGroup",
    "RetainedMines",
    "StateParty",
    "StatePartyQuerySet",
    "validate_iso3",
]
