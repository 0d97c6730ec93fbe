"""Writes of the public website: the committees' texts."""

from __future__ import annotations

from django.db import transaction

from .models import CommitteeText


@transaction.atomic
def save_committee_text(text: CommitteeText) -> CommitteeText:
    """Save a committee's text in one language (checked first: one per committee and
    language)."""
    text.full_clean()
    text.save()
    return text
