"""Writes shared by every app."""

from collections import Counter

from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils.text import capfirst
from django.utils.translation import gettext as _


class RecordInUse(Exception):
    """A record others refer to cannot be deleted; the message says what refers to it."""


def delete_unreferenced(instance: models.Model) -> None:
    """Delete a record only if nothing refers to it; never cascade silently."""
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError) as error:
        counts = Counter(
            str(capfirst(obj._meta.verbose_name_plural)) for obj in error.protected_objects
        )
        listing = ", ".join(f"{name}: {count}" for name, count in sorted(counts.items()))
        raise RecordInUse(
            _("“%(record)s” cannot be deleted because other records refer to it (%(listing)s).")
            % {"record": instance, "listing": listing}
        ) from error


def move_within(siblings: list[models.Model], item: models.Model, offset: int) -> None:
    """Move ``item`` ``offset`` places (-1 up, +1 down) among ``siblings``, which are in their
    order and locked by the caller, and renumber their ``position`` from 1."""
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(siblings):
        return
    siblings.insert(target, siblings.pop(index))
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position
    type(item).objects.bulk_update(siblings, ["position"])
