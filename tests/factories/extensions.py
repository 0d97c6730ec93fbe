"""The Article 5 extension process: requests, versions and their content, questions, analyses,
decisions and what they ask, completion, previously unknown areas, progress figures."""

from datetime import date, timedelta

import factory

from extensions.models import (
    Analysis,
    CompletionDeclaration,
    Decision,
    DecisionRequirement,
    ExtensionRequest,
    Funding,
    HazardousArea,
    PreviouslyUnknownArea,
    ProgressFigure,
    Question,
    RequestVersion,
    WorkPlanYear,
)

from .committees import FormalMeetingFactory
from .correspondence import LetterFactory
from .states import StatePartyFactory


class ExtensionRequestFactory(factory.django.DjangoModelFactory):
    """A request of a State with mined areas, received nine months before its Meeting."""

    class Meta:
        model = ExtensionRequest

    state = factory.SubFactory(StatePartyFactory, has_mined_areas=True)
    meeting = factory.SubFactory(FormalMeetingFactory)
    received_on = factory.LazyAttribute(lambda r: r.meeting.start_date - timedelta(days=270))
    symbol = factory.Sequence(lambda n: f"APLC/MSP/EXT.{n}")
    requested_until = factory.LazyAttribute(lambda r: date(r.meeting.start_date.year + 5, 12, 31))


class RequestVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequestVersion

    request = factory.SubFactory(ExtensionRequestFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = RequestVersion.Kind.INITIAL
    received_on = factory.LazyAttribute(lambda v: v.request.received_on)
    impeding_circumstances = "Insecurity in the north."


class HazardousAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HazardousArea

    version = factory.SubFactory(RequestVersionFactory)
    kind = HazardousArea.Kind.CONFIRMED
    location = factory.Sequence(lambda n: f"District {n}")
    area_m2 = 250_000


class WorkPlanYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlanYear

    version = factory.SubFactory(RequestVersionFactory)
    year = factory.Sequence(lambda n: 2030 + n % 60)
    area_m2 = 50_000


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funding

    version = factory.SubFactory(RequestVersionFactory)
    kind = Funding.Kind.NATIONAL
    funder = "National budget"
    amount = 1_000_000


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    request = factory.SubFactory(ExtensionRequestFactory)
    letter = factory.SubFactory(LetterFactory)


class AnalysisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Analysis

    request = factory.SubFactory(ExtensionRequestFactory)
    text = "The request is complete and the plan is realistic."
    draft_decision = "The Meeting grants the request."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    request = factory.SubFactory(ExtensionRequestFactory)
    decided_on = factory.LazyAttribute(lambda d: d.request.meeting.start_date)
    granted = False
    text = "The Meeting decided."


class DecisionRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionRequirement

    decision = factory.SubFactory(DecisionFactory)
    text = "An updated work plan"
    due_on = factory.LazyAttribute(lambda r: date(r.decision.decided_on.year + 1, 4, 30))


class CompletionDeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompletionDeclaration

    state = factory.SubFactory(StatePartyFactory, has_mined_areas=True)
    meeting = factory.SubFactory(FormalMeetingFactory)
    declared_on = factory.LazyAttribute(lambda d: d.meeting.start_date)


class PreviouslyUnknownAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PreviouslyUnknownArea

    state = factory.SubFactory(StatePartyFactory, has_mined_areas=True)
    found_on = date(2024, 5, 1)
    area_m2 = 12_000


class ProgressFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressFigure

    state = factory.SubFactory(StatePartyFactory, has_mined_areas=True)
    year = factory.Sequence(lambda n: 2000 + n % 100)
    area_released_m2 = 40_000
