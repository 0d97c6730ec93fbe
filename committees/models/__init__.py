"""Meetings, the presidency, the committees and who sat on them when.

A seat's term and an office held during it are separate records. A term runs from the close of
one formal meeting (a Meeting of the States Parties or a Review Conference) to the close of the
one ``term_length`` formal meetings later; its dates are read from those meetings, never
stored twice. A member serves from the day after its first meeting closes up to and including
the closing day of its last (when outgoing members act as Vice-Presidents).

A *committee year* ``Y`` runs from the day after the formal meeting held in ``Y - 1`` closes to
the close of the formal meeting held in ``Y``. Offices (Chair, gender focal point) are held for
committee years.

The formal calendar and the presidency are in ``calendar``; the validation of meetings, terms
and offices in ``rules``; who sat when (the composition) in ``composition``.

The models live by concept (``meetings``, ``committee``, ``seats``); this package names them
all, so that ``from committees.models import Meeting`` and the migrations' references hold.
"""

from .committee import Committee, CompositionRequirement, MandateItem, MemberKind
from .meetings import SYMBOL_NUMBER, Meeting, MeetingQuerySet, parse_meeting_name, sort_key
from .seats import Office, Representative, SeatTerm, SeatTermQuerySet

__all__ = [
    "SYMBOL_NUMBER",
    "Committee",
    "CompositionRequirement",
    "MandateItem",
    "Meeting",
    "MeetingQuerySet",
    "MemberKind",
    "Office",
    "Representative",
    "SeatTerm",
    "SeatTermQuerySet",
    "parse_meeting_name",
    "sort_key",
]
