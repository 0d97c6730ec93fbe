"""Users, password reset requests, and the small records of ``common`` (demo dataset,
heartbeats, import jobs)."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import PasswordResetRequest
from common.models import DemoDataset, Heartbeat, ImportJob, StoredFile

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


class PasswordResetRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PasswordResetRequest

    address_digest = factory.Sequence(lambda n: f"{n:064x}")
    client_address = "192.0.2.10"


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportJob

    importer = "states_parties.imports.StatePartyImporter"
    title = "Import States"
    done_url = "/states/"
    filename = "states.csv"
    text = "iso3,name\nPER,Peru\n"
    total_rows = 1
    requested_by = factory.SubFactory(UserFactory, role="isu_staff")


class StoredFileFactory(factory.django.DjangoModelFactory):
    """A file as ``common.storage.DatabaseStorage`` keeps it."""

    class Meta:
        model = StoredFile

    name = factory.Sequence(lambda n: f"files/file-{n}.pdf")
    content = b"%PDF-1.4\n%%EOF\n"
    size = factory.LazyAttribute(lambda stored: len(stored.content))
