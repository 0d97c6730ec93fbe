"""The committees' own texts as the public website shows them, per language.

A committee's page shows the text in the page's language, else the English one (saying so),
else the texts the committee record carries (``Committee.purpose``, its mandate items and
working methods, which the catalogues translate)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from common.audit import AuditedHistory, AuditedQuerySet


def items_of(text: str) -> list[str]:
    """The numbered items of a text: one per non-blank line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


ITEMS_HELP = _("One numbered item per line.")


class CommitteeTextQuerySet(AuditedQuerySet):
    def for_page(self, committee_ids: list[int], language: str) -> dict[int, CommitteeText]:
        """Per committee, the text in ``language``, else the English one."""
        found: dict[int, CommitteeText] = {}
        for text in self.filter(committee__in=committee_ids, language__in={language, "en"}):
            if text.language == language or text.committee_id not in found:
                found[text.committee_id] = text
        return found


class CommitteeText(models.Model):
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        related_name="public_texts",
        verbose_name=_("committee"),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    purpose = models.TextField(_("purpose"), help_text=ITEMS_HELP)
    mandate = models.TextField(_("mandate"), help_text=ITEMS_HELP)
    composition = models.TextField(_("composition"), blank=True, help_text=ITEMS_HELP)
    working_methods = models.TextField(_("working methods"), blank=True, help_text=ITEMS_HELP)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = AuditedHistory()
    objects = CommitteeTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee text")
        verbose_name_plural = _("committee texts")
        ordering = ["committee", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "language"],
                name="one_committee_text_per_language",
                violation_error_message=_("This committee already has a text in this language."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee.code} ({self.language})"

    @property
    def purpose_items(self) -> list[str]:
        return items_of(self.purpose)

    @property
    def mandate_items(self) -> list[str]:
        return items_of(self.mandate)

    @property
    def composition_items(self) -> list[str]:
        return items_of(self.composition)

    @property
    def working_method_items(self) -> list[str]:
        return items_of(self.working_methods)
