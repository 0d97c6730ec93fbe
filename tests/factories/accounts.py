"""Users, and the small records of ``common`` (demo dataset, heartbeats)."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from common.models import DemoDataset, Heartbeat

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@secretariat.example")
    password = factory.django.Password(PASSWORD)
    role = "observer"


class DemoDatasetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemoDataset

    description = "Demo data for tests"


class HeartbeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Heartbeat
        django_get_or_create = ("name",)

    name = "worker"
    last_seen = factory.LazyFunction(timezone.now)
