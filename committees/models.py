"""Meetings, the presidency, the committees and who sat on them when.

A seat's term and an office held during it are separate records. A term runs from the close of
one formal meeting (a Meeting of the States Parties or a Review Conference) to the close of the
one ``term_length`` formal meetings later; its dates are read from those meetings, never
stored twice. A member serves from the day after its first meeting closes up to and including
the closing day of its last (when outgoing members act as Vice-Presidents).

A *committee year* ``Y`` runs from the day after the formal meeting held in ``Y - 1`` closes to
the close of the formal meeting held in ``Y``. Offices (Chair, gender focal point) are held for
committee years.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.audit import AuditedHistory, AuditedQuerySet
from common.collation import sorted_by_text
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
        errors: dict[str, str] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("A meeting cannot close before it opens.")
        if self.is_formal:
            if not self.number:
                errors["number"] = _(
                    "Meetings of the States Parties and Review Conferences are numbered."
                )
            if self.committee_id:
                errors["committee"] = _("A formal meeting belongs to no committee.")
        elif self.kind in self.COMMITTEE_KINDS and not self.committee_id:
            errors["committee"] = _("Say which committee held this meeting.")
        if self.number and not self.is_formal:
            errors["number"] = _("Only formal meetings are numbered.")
        if (self.president_state_id or self.president_name) and not self.is_formal:
            errors["president_state"] = _("Only formal meetings have a President.")
        pattern = self.document_symbol_pattern
        if pattern and (
            pattern.count(SYMBOL_NUMBER) != 1 or "{" in pattern.replace(SYMBOL_NUMBER, "")
        ):
            errors["document_symbol_pattern"] = _(
                "Write {number} once where the document's number goes, and no other braces: "
                "APLC/MSP.22/2025/WP.{number}."
            )
        if errors:
            raise ValidationError(errors)


def parse_meeting_name(text: str) -> tuple[str, int] | None:
    """``22MSP`` -> (msp, 22); ``5RC`` -> (rc, 5); anything else -> None."""
    text = text.strip().upper()
    for suffix, kind in (("MSP", Meeting.Kind.MSP), ("RC", Meeting.Kind.REVIEW_CONFERENCE)):
        if text.endswith(suffix) and text[: -len(suffix)].isdigit():
            return kind, int(text[: -len(suffix)])
    return None


def _a_year_later(day: date) -> date:
    """The same weekday 52 weeks later, moved a week on if that falls earlier in the year's
    calendar (meetings keep their weekday: Monday to Friday)."""
    later = day + timedelta(weeks=52)
    return later if later.year > day.year else later + timedelta(weeks=1)


class FormalCalendar:
    """The sequence of formal meetings, loaded once, answering the date questions terms,
    offices and the presidency ask. Build it per request; it runs one query."""

    def __init__(self, meetings: list[Meeting] | None = None) -> None:
        if meetings is None:
            meetings = list(
                Meeting.objects.formal().select_related("president_state").order_by("end_date")
            )
        self.meetings = sorted(meetings, key=lambda meeting: meeting.end_date)
        self.position = {meeting.pk: index for index, meeting in enumerate(self.meetings)}
        self.by_year = {meeting.end_date.year: meeting for meeting in self.meetings}

    def later(self, meeting: Meeting, steps: int) -> Meeting | None:
        index = self.position.get(meeting.pk)
        if index is None or index + steps >= len(self.meetings):
            return None
        return self.meetings[index + steps]

    def next_to_record(self) -> Meeting:
        """The formal meeting that follows the last one recorded, unsaved, as it most likely
        will be: the next Meeting of the States Parties, a year later, as long and where the
        last one was (staff correct what differs before saving it)."""
        last = self.meetings[-1]
        numbers = [m.number for m in self.meetings if m.kind == Meeting.Kind.MSP and m.number]
        start = _a_year_later(last.start_date)
        return Meeting(
            kind=Meeting.Kind.MSP,
            number=max(numbers, default=0) + 1,
            start_date=start,
            end_date=start + (last.end_date - last.start_date),
            venue=last.venue,
        )

    def closing_on_or_after(self, on: date) -> Meeting | None:
        """The formal meeting whose close ends the period that contains ``on``."""
        for meeting in self.meetings:
            if meeting.end_date >= on:
                return meeting
        return None

    def previous(self, meeting: Meeting) -> Meeting | None:
        index = self.position.get(meeting.pk)
        return self.meetings[index - 1] if index else None

    def committee_year(self, on: date) -> int | None:
        meeting = self.closing_on_or_after(on)
        return meeting.end_date.year if meeting else None

    def year_bounds(self, year: int) -> tuple[date, date] | None:
        """(last day before the year starts, its last day): the year is (first, last]."""
        meeting = self.by_year.get(year)
        before = self.previous(meeting) if meeting else None
        if meeting is None or before is None:
            return None
        return before.end_date, meeting.end_date

    def presidency_on(self, on: date) -> Meeting | None:
        """The President of a meeting presides from the close of the previous formal meeting
        to the close of their own."""
        meeting = self.closing_on_or_after(on)
        if meeting is None:
            return None
        before = self.previous(meeting)
        if before is not None:
            return meeting if before.end_date < on else None
        # The first recorded meeting: its President certainly presided while it sat.
        return meeting if meeting.start_date <= on else None


def president_on(on: date) -> Meeting | None:
    """The formal meeting whose President presided on ``on`` (``None`` if not recorded)."""
    return FormalCalendar().presidency_on(on)


class Committee(models.Model):
    class ChairRule(models.TextChoices):
        SECOND_YEAR_MEMBER = "second_year", _("A member in the second year of its term")
        PRESIDENT = "president", _("The President of the Convention")

    code = models.SlugField(
        _("short code"), max_length=10, unique=True, help_text=_("E.g. CA5, CCC.")
    )
    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_single_line]
    )
    purpose = models.TextField(_("purpose"), blank=True)
    working_methods = models.TextField(_("working methods"), blank=True)
    seats = models.PositiveSmallIntegerField(
        _("seats for States Parties"), default=4, help_text=_("Not counting a President as Chair.")
    )
    term_length = models.PositiveSmallIntegerField(
        _("term length (formal meetings)"),
        default=2,
        help_text=_(
            "A term runs from the close of one Meeting to the close of the Meeting this "
            "many Meetings later."
        ),
    )
    chair_rule = models.CharField(
        _("the Chair is"),
        max_length=20,
        choices=ChairRule.choices,
        default=ChairRule.SECOND_YEAR_MEMBER,
    )
    display_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    is_standing = models.BooleanField(
        _("standing committee"),
        default=False,
        editable=False,
        help_text=_("One of the four committees every installation has."),
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()
    history_includes = (
        ("committees.MandateItem", "committee"),
        ("committees.CompositionRequirement", "committee"),
        ("committees.SeatTerm", "committee"),
    )

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        self.code = self.code.upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("committees:detail", args=[self.code])

    # The standing committees' texts come with the application, in English, and are translated
    # through the catalogues (see migration 0002); texts staff write are shown as written.
    @property
    def display_name(self) -> str:
        return gettext(self.name)

    @property
    def display_purpose(self) -> str:
        return gettext(self.purpose) if self.purpose else ""

    @property
    def display_working_methods(self) -> str:
        return gettext(self.working_methods) if self.working_methods else ""

    @property
    def chaired_by_president(self) -> bool:
        return self.chair_rule == self.ChairRule.PRESIDENT


class MandateItem(models.Model):
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        related_name="mandate_items",
        verbose_name=_("committee"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("text"))

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandate item")
        verbose_name_plural = _("mandate items")
        ordering = ["committee", "position"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "position"], name="one_item_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:60]}"

    @property
    def display_text(self) -> str:
        return gettext(self.text)


class MemberKind(models.Model):
    """A kind of member a committee must include, e.g. an affected State Party."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=200)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("kind of member")
        verbose_name_plural = _("kinds of member")
        ordering = ["label"]

    def __str__(self) -> str:
        return gettext(self.label)


class CompositionRequirement(models.Model):
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("committee"),
    )
    member_kind = models.ForeignKey(
        MemberKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind of member")
    )
    minimum = models.PositiveSmallIntegerField(_("at least"), default=1)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("composition requirement")
        verbose_name_plural = _("composition requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "member_kind"], name="one_requirement_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee.code}: {self.minimum} × {self.member_kind}"


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
        errors: dict[str, list[str]] = {}

        def error(field_name: str, message: str) -> None:
            errors.setdefault(field_name, []).append(message)

        if not (
            self.committee_id and self.state_id and self.start_meeting_id and self.end_meeting_id
        ):
            return
        calendar = calendar or FormalCalendar()
        for name in ("start_meeting", "end_meeting"):
            if not getattr(self, name).is_formal:
                error(
                    name,
                    _(
                        "Terms start and end at a Meeting of the States Parties or a "
                        "Review Conference."
                    ),
                )
        if errors:
            raise ValidationError(errors)
        expected = calendar.later(self.start_meeting, self.committee.term_length)
        if self.end_meeting.end_date <= self.start_meeting.end_date:
            error("end_meeting", _("A term ends after it starts."))
        elif expected is None:
            error(
                "end_meeting",
                _(
                    "A term on this committee lasts %(length)s formal meetings; record the "
                    "meeting %(length)s after %(start)s first."
                )
                % {"length": self.committee.term_length, "start": self.start_meeting},
            )
        elif expected.pk != self.end_meeting_id:
            error(
                "end_meeting",
                _(
                    "A term on this committee lasts %(length)s formal meetings: from the close "
                    "of %(start)s it ends at the close of %(expected)s."
                )
                % {
                    "length": self.committee.term_length,
                    "start": self.start_meeting,
                    "expected": expected,
                },
            )
        if errors:
            raise ValidationError(errors)
        overlapping = (
            SeatTerm.objects.filter(committee=self.committee, state=self.state)
            .exclude(pk=self.pk)
            .filter(
                start_meeting__end_date__lt=self.end_meeting.end_date,
                end_meeting__end_date__gt=self.start_meeting.end_date,
            )
            .select_related("start_meeting", "end_meeting")
            .first()
        )
        if overlapping:
            error(
                "state",
                _(
                    "%(state)s already sits on this committee from the close of %(start)s to "
                    "the close of %(end)s; terms of one State on one committee cannot overlap."
                )
                % {
                    "state": self.state,
                    "start": overlapping.start_meeting,
                    "end": overlapping.end_meeting,
                },
            )
        if errors:
            raise ValidationError(errors)

    def validate_seat_count(self, calendar: FormalCalendar | None = None) -> None:
        """At most ``seats`` members on any day of the term (checked at each year's close)."""
        calendar = calendar or FormalCalendar()
        for year in self.years:
            bounds = calendar.year_bounds(year)
            day = bounds[1] if bounds else self.end_date
            others = (
                SeatTerm.objects.filter(committee=self.committee_id)
                .exclude(pk=self.pk)
                .serving_on(day)
                .count()
            )
            if others >= self.committee.seats:
                raise ValidationError(
                    {
                        "state": _("%(committee)s already has its %(seats)s members in %(year)s.")
                        % {"committee": self.committee, "seats": self.committee.seats, "year": year}
                    }
                )


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
        if not self.term_id or not self.year or not self.kind:
            return
        term = self.term
        committee = term.committee
        if self.year not in term.years:
            raise ValidationError(
                {
                    "year": _("%(state)s serves in %(years)s only.")
                    % {"state": term.state, "years": ", ".join(str(y) for y in term.years)}
                }
            )
        if self.kind == self.Kind.CHAIR:
            if committee.chaired_by_president:
                raise ValidationError(
                    {
                        "kind": _("%(committee)s is chaired by the President of the Convention.")
                        % {"committee": committee}
                    }
                )
            if self.year != term.years[-1]:
                raise ValidationError(
                    {
                        "year": _(
                            "The Chair is chosen from the members in the second year of "
                            "their term; %(state)s is in its second year in %(year)s."
                        )
                        % {"state": term.state, "year": term.years[-1]}
                    }
                )
        holder = (
            Office.objects.filter(term__committee=committee, kind=self.kind, year=self.year)
            .exclude(pk=self.pk)
            .select_related("term__state")
            .first()
        )
        if holder:
            raise ValidationError(
                {
                    "kind": _("%(office)s of %(committee)s in %(year)s is already %(state)s.")
                    % {
                        "office": self.get_kind_display(),
                        "committee": committee,
                        "year": self.year,
                        "state": holder.term.state,
                    }
                }
            )


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


# --- composition ----------------------------------------------------------------------------


@dataclass
class Member:
    state: StateParty
    term: SeatTerm | None
    is_chair: bool = False
    is_gender_focal_point: bool = False
    year_of_term: int | None = None  # 1 or 2 (None for a President as Chair)
    representatives: list[Representative] = field(default_factory=list)

    @property
    def line_name(self) -> str:
        """The State's name in the active language, "(Chair)" after the chair."""
        name = self.state.display_name
        return f"{name} ({_('Chair')})" if self.is_chair else name


@dataclass
class Composition:
    committee: Committee
    on: date
    year: int | None
    members: list[Member] = field(default_factory=list)
    vacancies: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def line(self) -> str:
        """As documents print it, in the active language and its alphabetical order:
        ``(Belgium, Germany, Japan (Chair), Peru)``, ``(Allemagne, Belgique, Japon (Président),
        Pérou)``."""
        return member_line_of(self.members)

    @property
    def vacancy_range(self) -> range:
        return range(self.vacancies)

    @property
    def chair(self) -> Member | None:
        return next((member for member in self.members if member.is_chair), None)


def member_line_of(members: list[Member]) -> str:
    """The members' names in the active language, sorted by that language's collation."""
    ordered = sorted_by_text(members, lambda member: member.state.display_name)
    return "(" + ", ".join(member.line_name for member in ordered) + ")"
