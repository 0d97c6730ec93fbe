"""Who may read a record: the four visibility levels, defined once for every app.

A record (an activity, a document, an Article 7 report) carries one level and may belong to one
committee. Whether a user may read it is decided in ``common.access.record_access``,
which returns a ``RecordAccess``; querysets turn that into a filter with ``RecordAccess.q``
(through ``VisibilityQuerySet.visible_to``), so that lists, documents, PDFs, exports and the
API all read through the same rule.

The levels are ordered: a reader of a level reads every level before it, so a document
assembled at a level may include every record up to that level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: The committee whose confidential files (compliance matters) its members may read. Only
#: ISU staff read the confidential records of other committees.
COMPLIANCE_COMMITTEE_CODE = "CCC"


class Visibility(models.TextChoices):
    #: Every signed-in user, observers (ICBL, ICRC) included.
    PUBLIC = "public", _("Public")
    #: ISU staff and the representatives of States Parties on the committees; not observers.
    STATES_PARTIES = "states_parties", _("States Parties only")
    #: ISU staff and the members of the record's own committee.
    INTERNAL = "internal", _("Internal")
    #: ISU staff, and the members of the Committee on Cooperative Compliance for its own
    #: records (compliance matters).
    CONFIDENTIAL = "confidential", _("Confidential")


ORDER: tuple[str, ...] = tuple(Visibility.values)


def levels_up_to(level: str) -> list[str]:
    """``levels_up_to("internal")`` -> public, States Parties only, internal."""
    return list(ORDER[: ORDER.index(level) + 1])


@dataclass(frozen=True)
class RecordAccess:
    """What one user may read, as data; built by ``common.access.record_access``."""

    #: ISU staff read everything.
    everything: bool = False
    #: Levels readable whichever committee the record belongs to.
    everywhere: frozenset[str] = field(default_factory=frozenset)
    #: Committees whose internal records are readable (the user sits on them).
    internal_of: frozenset[int] = field(default_factory=frozenset)
    #: Committees whose confidential records are readable.
    confidential_of: frozenset[int] = field(default_factory=frozenset)

    def can_read(self, committee_id: int | None, level: str) -> bool:
        if self.everything:
            return True
        if level in self.everywhere:
            return True
        if committee_id is None:
            return False
        if level == Visibility.INTERNAL:
            return committee_id in self.internal_of or committee_id in self.confidential_of
        if level == Visibility.CONFIDENTIAL:
            return committee_id in self.confidential_of
        return False

    def q(self, committee_field: str | None = "committee", level_field: str = "visibility") -> Q:
        """A filter keeping the rows this user may read (``committee_field`` ``None``: the
        model belongs to no committee, so internal and confidential rows are for staff)."""
        if self.everything:
            return Q()
        if not self.everywhere:
            return Q(pk__in=[])
        condition = Q(**{f"{level_field}__in": sorted(self.everywhere)})
        if committee_field is None:
            return condition
        internal = self.internal_of | self.confidential_of
        if internal:
            condition |= Q(
                **{level_field: Visibility.INTERNAL, f"{committee_field}__in": sorted(internal)}
            )
        if self.confidential_of:
            condition |= Q(
                **{
                    level_field: Visibility.CONFIDENTIAL,
                    f"{committee_field}__in": sorted(self.confidential_of),
                }
            )
        return condition


class VisibilityQuerySet(models.QuerySet):
    """``visible_to(user)`` for a model with a visibility level.

    ``visibility_field`` names the level; ``committee_field`` the committee the record belongs
    to (``None`` when the model belongs to no committee)."""

    visibility_field: ClassVar[str] = "visibility"
    committee_field: ClassVar[str | None] = None

    def visible_to(self, user: Any) -> VisibilityQuerySet:
        from common.access import record_access

        return self.filter(
            record_access(user).q(
                committee_field=self.committee_field, level_field=self.visibility_field
            )
        )
