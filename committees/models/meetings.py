"""Meetings: formal (Meetings of the States Parties, Review Conferences), intersessional and
committee meetings, and their names and document symbols."""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line
from states_parties.models import StateParty


def sort_key(name: str) -> str:
    """Alphabetical order as documents print it: accents ignored (Côte d'Ivoire under C)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


#: Where a meeting's document symbol pattern puts the document's number.
SYMBOL_NUMBER = "{number}"


class MeetingQuerySet(AuditedQuerySet):
    def formal(self) -> MeetingQuerySet:
        return self.filter(kind__in=Meeting.FORMAL_KINDS)

    def visible_to(self, user) -> MeetingQuerySet:
        """Formal and intersessional meetings are public; a committee's own meetings are seen
        by ISU staff and that committee's chair and members."""
        from accounts.permissions import committee_ids_for

        if getattr(user, "is_isu_staff", False):
            return self
        return self.filter(Q(committee__isnull=True) | Q(committee__in=committee_ids_for(user)))


class Meeting(models.Model):
    class Kind(models.TextChoices):
        MSP = "msp", _("Meeting of the States Parties")
        REVIEW_CONFERENCE = "rc", _("Review Conference")
        INTERSESSIONAL = "intersessional", _("Intersessional Meetings")
        SPECIAL = "special", _("Special meeting")
        COMMITTEE = "committee", _("Committee meeting")
        BILATERAL = "bilateral", _("Bilateral meeting with a delegation")
        WORKSHOP = "workshop", _("Workshop")
        CIVIL_SOCIETY = "civil_society", _("Meeting with civil society")

    FORMAL_KINDS = (Kind.MSP, Kind.REVIEW_CONFERENCE)
    COMMITTEE_KINDS = (Kind.COMMITTEE, Kind.BILATERAL, Kind.WORKSHOP, Kind.CIVIL_SOCIETY)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("22 for the 22nd Meeting.")
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, validators=[validate_single_line]
    )
    start_date = models.DateField(_("opens"))
    end_date = models.DateField(_("closes"))
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, validators=[validate_single_line]
    )
    president_state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presided_meetings",
        verbose_name=_("President (State Party)"),
    )
    president_name = models.CharField(
        _("President (person)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    president_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="presidencies",
        verbose_name=_("President's user account"),
        help_text=_(
            "Gives the President the Chair's access to the Cooperative Compliance "
            "committee during the presidency."
        ),
    )
    committee = models.ForeignKey(
        "Committee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("committee"),
    )
    states = models.ManyToManyField(
        StateParty,
        blank=True,
        related_name="committee_meetings",
        verbose_name=_("States Parties met"),
    )
    notes = models.TextField(_("notes"), blank=True)
    document_symbol_pattern = models.CharField(
        _("document symbol pattern"),
        max_length=60,
        blank=True,
        help_text=_(
            "How the documents submitted to this meeting are numbered, {number} standing for "
            "the next number: APLC/MSP.22/2025/WP.{number}."
        ),
        validators=[validate_single_line],
    )

    history = AuditedHistory(m2m_fields=[states])
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number"],
                condition=Q(number__isnull=False),
                name="one_meeting_per_kind_and_number",
                violation_error_message=_("A meeting of this kind already has this number."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="meeting_closes_after_it_opens",
                violation_error_message=_("A meeting cannot close before it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("committees:meeting_detail", args=[self.pk])

    @property
    def is_formal(self) -> bool:
        return self.kind in self.FORMAL_KINDS

    @property
    def short_name(self) -> str:
        """How documents and imports name formal meetings: ``22MSP``, ``5RC``."""
        if self.kind == self.Kind.MSP and self.number:
            return f"{self.number}MSP"
        if self.kind == self.Kind.REVIEW_CONFERENCE and self.number:
            return f"{self.number}RC"
        return ""

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.short_name:
            return f"{self.get_kind_display()} ({self.short_name})"
        if self.kind == self.Kind.INTERSESSIONAL:
            return f"{self.get_kind_display()} {self.start_date.year}"
        return f"{self.get_kind_display()}, {self.start_date:%Y-%m-%d}"

    def clean(self) -> None:
        from ..rules import validate_meeting

        validate_meeting(self)


def parse_meeting_name(text: str) -> tuple[str, int] | None:
    """``22MSP`` -> (msp, 22); ``5RC`` -> (rc, 5); anything else -> None."""
    text = text.strip().upper()
    for suffix, kind in (("MSP", Meeting.Kind.MSP), ("RC", Meeting.Kind.REVIEW_CONFERENCE)):
        if text.endswith(suffix) and text[: -len(suffix)].isdigit():
            return kind, int(text[: -len(suffix)])
    return None
