"""Article 7 reports owed and received, Article 9 records, audiences and the derived tables."""

from datetime import date

import factory
from django.utils import timezone

from reporting.models import (
    Article9Record,
    Article9Status,
    Audience,
    DueDateCount,
    ExpectedReport,
    ReportingSummary,
    ReportKind,
    Submission,
)

from .states import StatePartyFactory


class ExpectedReportFactory(factory.django.DjangoModelFactory):
    """An annual report owed (``services.sync_expected_reports`` derives the real ones)."""

    class Meta:
        model = ExpectedReport
        django_get_or_create = ("state", "kind", "year")

    state = factory.SubFactory(StatePartyFactory)
    kind = ReportKind.ANNUAL
    year = 2020
    due_date = factory.LazyAttribute(lambda report: date(report.year + 1, 4, 30))


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    state = factory.SubFactory(StatePartyFactory)
    kind = ReportKind.ANNUAL
    year = factory.Sequence(lambda n: 2000 + n % 25)
    received_on = factory.LazyAttribute(lambda submission: date(submission.year + 1, 4, 15))
    forms = "ABC"
    languages = "en"
    link = factory.Sequence(lambda n: f"https://reports.example/article7-{n}.pdf")


class Article9RecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article9Record

    state = factory.SubFactory(StatePartyFactory)
    as_of = factory.Sequence(lambda n: date(2010 + n % 15, 1 + n % 12, 1))
    status = Article9Status.IN_PREPARATION
    source = "Article 7 report, Form A"


class AudienceFactory(factory.django.DjangoModelFactory):
    """A hand-picked audience; ``states=[...]`` picks them."""

    class Meta:
        model = Audience
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Audience {n}")
    description = "States picked for a test."
    query = Audience.Query.HAND_PICKED

    @factory.post_generation
    def states(audience, create, extracted, **kwargs):
        if create and extracted:
            audience.states.set(extracted)


class DueDateCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DueDateCount
        django_get_or_create = ("due_date",)

    due_date = factory.Sequence(lambda n: date(2000 + n % 25, 4, 30))
    expected = 10
    received = 8
    on_time = 6


class ReportingSummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingSummary
        django_get_or_create = ("state",)

    state = factory.SubFactory(StatePartyFactory)
    computed_on = factory.LazyFunction(timezone.localdate)
