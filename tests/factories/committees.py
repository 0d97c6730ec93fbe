"""Committees, meetings, seats, offices, representatives and composition requirements."""

from datetime import date, timedelta

import factory

from committees.calendar import FormalCalendar
from committees.models import (
    Committee,
    CompositionRequirement,
    MandateItem,
    Meeting,
    MemberKind,
    Office,
    Representative,
    SeatTerm,
)

from .states import StatePartyFactory


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TC{n}")
    name = factory.Sequence(lambda n: f"Test Committee {n}")
    purpose = "To test."


class MeetingFactory(factory.django.DjangoModelFactory):
    """An intersessional meeting; ``FormalMeetingFactory`` for a numbered Meeting of the States
    Parties, ``CommitteeMeetingFactory`` for a committee's own."""

    class Meta:
        model = Meeting

    kind = Meeting.Kind.INTERSESSIONAL
    title = factory.Sequence(lambda n: f"Meeting {n}")
    start_date = factory.Sequence(lambda n: date(2025, 5, 1) + timedelta(days=7 * n))
    end_date = factory.LazyAttribute(lambda meeting: meeting.start_date + timedelta(days=2))
    venue = "Geneva"


class FormalMeetingFactory(MeetingFactory):
    """A Meeting of the States Parties, numbered and dated after any a test writes by hand
    (from the 100th, in 2040), one a year."""

    kind = Meeting.Kind.MSP
    number = factory.Sequence(lambda n: 100 + n)
    title = ""
    start_date = factory.Sequence(lambda n: date(2040 + n, 11, 24))
    end_date = factory.LazyAttribute(lambda meeting: meeting.start_date + timedelta(days=4))


class CommitteeMeetingFactory(MeetingFactory):
    kind = Meeting.Kind.COMMITTEE
    committee = factory.SubFactory(CommitteeFactory)


def formal_meeting_after(meeting: Meeting, steps: int) -> Meeting:
    """The formal meeting ``steps`` after ``meeting``, recording the ones missing."""
    while (later := FormalCalendar().later(meeting, steps)) is None:
        last = FormalCalendar().meetings[-1]
        FormalMeetingFactory(start_date=date(last.end_date.year + 1, 11, 24))
    return later


class SeatTermFactory(factory.django.DjangoModelFactory):
    """A term from a formal meeting to the one the committee's term length later."""

    class Meta:
        model = SeatTerm

    committee = factory.SubFactory(CommitteeFactory)
    state = factory.SubFactory(StatePartyFactory)
    start_meeting = factory.SubFactory(FormalMeetingFactory)
    end_meeting = factory.LazyAttribute(
        lambda term: formal_meeting_after(term.start_meeting, term.committee.term_length)
    )


class OfficeFactory(factory.django.DjangoModelFactory):
    """The gender focal point for the term's last committee year."""

    class Meta:
        model = Office

    term = factory.SubFactory(SeatTermFactory)
    kind = Office.Kind.GENDER_FOCAL_POINT
    year = factory.LazyAttribute(lambda office: office.term.years[-1])


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    term = factory.SubFactory(SeatTermFactory)
    name = factory.Sequence(lambda n: f"Delegate {n}")
    function = "Deputy Permanent Representative"
    email = factory.Sequence(lambda n: f"delegate{n}@mission.example")


class MandateItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MandateItem

    committee = factory.SubFactory(CommitteeFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Mandate item {n}.")


class MemberKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberKind
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"kind-{n}")
    label = factory.Sequence(lambda n: f"Kind {n}")


class CompositionRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompositionRequirement

    committee = factory.SubFactory(CommitteeFactory)
    member_kind = factory.SubFactory(MemberKindFactory)
    minimum = 1
