"""Who sat on which committee when: seat terms, the offices held during them, and the people
who represent a State."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line
from states_parties.models import StateParty

from .committee import Committee, MemberKind
from .meetings import Meeting

if TYPE_CHECKING:
    from ..calendar import FormalCalendar


class SeatTermQuerySet(AuditedQuerySet):
    def serving_on(self, on: date) -> SeatTermQuerySet:
        """Terms whose member serves on ``on``: after the first close, up to the last."""
        return self.filter(start_meeting__end_date__lt=on, end_meeting__end_date__gte=on)

    def with_meetings(self) -> SeatTermQuerySet:
        return self.select_related("state", "committee", "start_meeting", "end_meeting")


class SeatTerm(models.Model):
    """One State Party's seat on one committee, from the close of one formal meeting to the
    close of another."""

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="terms", verbose_name=_("committee")
    )
    state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        related_name="committee_terms",
        verbose_name=_("State Party"),
    )
    start_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="terms_starting",
        verbose_name=_("from the close of"),
        limit_choices_to={"kind__in": Meeting.FORMAL_KINDS},
    )
    end_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="terms_ending",
        verbose_name=_("to the close of"),
        limit_choices_to={"kind__in": Meeting.FORMAL_KINDS},
    )
    kinds = models.ManyToManyField(
        MemberKind, blank=True, related_name="terms", verbose_name=_("counts as")
    )

    history = AuditedHistory(m2m_fields=[kinds])
    objects = SeatTermQuerySet.as_manager()
    history_includes = (("committees.Office", "term"), ("committees.Representative", "term"))

    class Meta:
        verbose_name = _("seat term")
        verbose_name_plural = _("seat terms")
        ordering = ["committee", "start_meeting__end_date", "state__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "state", "start_meeting"],
                name="one_term_per_state_committee_start",
                violation_error_message=_(
                    "This State already has a term on this committee starting then."
                ),
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.state} · {self.committee.code} · {self.start_meeting.short_name}–"
            f"{self.end_meeting.short_name}"
        )

    @property
    def start_date(self) -> date:
        """The close of the first meeting; the member serves from the next day."""
        return self.start_meeting.end_date

    @property
    def end_date(self) -> date:
        return self.end_meeting.end_date

    @property
    def years(self) -> range:
        """The committee years the term covers: a term from the close of the 2024 Review
        Conference to the close of the 2026 Meeting covers 2025 and 2026."""
        return range(self.start_meeting.end_date.year + 1, self.end_meeting.end_date.year + 1)

    def serves_on(self, on: date) -> bool:
        return self.start_date < on <= self.end_date

    def clean(self, calendar: FormalCalendar | None = None) -> None:
        from ..rules import validate_term

        validate_term(self, calendar)

    def validate_seat_count(self, calendar: FormalCalendar | None = None) -> None:
        """At most ``seats`` members on any day of the term (``rules.validate_seat_count``)."""
        from ..rules import validate_seat_count

        validate_seat_count(self, calendar)


class Office(models.Model):
    """An office a member holds for one committee year: Chair or gender focal point."""

    class Kind(models.TextChoices):
        CHAIR = "chair", _("Chair")
        GENDER_FOCAL_POINT = "gender_focal_point", _("Gender focal point")

    term = models.ForeignKey(
        SeatTerm, on_delete=models.PROTECT, related_name="offices", verbose_name=_("member")
    )
    kind = models.CharField(_("office"), max_length=30, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(
        _("committee year"),
        help_text=_("2026 runs from the close of the 2025 Meeting to the close of the 2026 one."),
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "kind", "year"], name="one_office_per_term_kind_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.term.state}"

    def clean(self) -> None:
        from ..rules import validate_office

        validate_office(self)


class Representative(models.Model):
    """A person who sits for a State during one of its terms; their account, if any, gives
    them the committee's pages."""

    term = models.ForeignKey(
        SeatTerm,
        on_delete=models.PROTECT,
        related_name="representatives",
        verbose_name=_("seat"),
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    function = models.CharField(
        _("function"), max_length=200, blank=True, validators=[validate_single_line]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="representations",
        verbose_name=_("user account"),
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["term", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.term.state})"
