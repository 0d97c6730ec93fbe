"""The Convention's articles, action plans and actions, activities, priorities and compliance
matters."""

from datetime import date

import factory

from activities.models import Action, ActionPlan, Activity, Article, ComplianceMatter, Priority
from common.visibility import Visibility

from .committees import CommitteeFactory


class ArticleFactory(factory.django.DjangoModelFactory):
    """One of the Convention's 22 articles (the data migration records them all)."""

    class Meta:
        model = Article
        django_get_or_create = ("number",)

    number = factory.Iterator(range(1, 23))
    title = factory.LazyAttribute(lambda article: f"Article {article.number}")


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    code = factory.Sequence(lambda n: f"PLAN{n}")
    name = factory.Sequence(lambda n: f"Action Plan {n}")
    start_year = 2025
    end_year = 2029


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(ActionPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    section = "Universalization"
    short_title = factory.Sequence(lambda n: f"Action {n + 1}")
    text = factory.LazyAttribute(lambda action: f"{action.short_title}: the text.")


class ComplianceMatterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComplianceMatter

    title = factory.Sequence(lambda n: f"Alleged use {n}")
    kind = ComplianceMatter.Kind.ALLEGED_USE
    opened_on = date(2026, 1, 12)


class ActivityFactory(factory.django.DjangoModelFactory):
    """An internal activity of a committee (``services.save_activity`` also links States and
    actions; this writes the row alone)."""

    class Meta:
        model = Activity

    committee = factory.SubFactory(CommitteeFactory)
    date = date(2026, 3, 10)
    kind = Activity.Kind.MEETING
    text = factory.Sequence(lambda n: f"Activity {n} of the committee.")
    visibility = Visibility.INTERNAL


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    committee = factory.SubFactory(CommitteeFactory)
    period = "2025-2026"
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Priority {n} of the committee.")
