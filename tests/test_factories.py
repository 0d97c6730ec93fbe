"""Every model of the application has a factory, and what each factory makes is a valid row."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from factory.django import DjangoModelFactory

from tests import factories

FACTORIES = sorted(
    (
        value
        for value in vars(factories).values()
        if isinstance(value, type) and issubclass(value, DjangoModelFactory)
    ),
    key=lambda factory_class: factory_class.__name__,
)


def application_models() -> list:
    """The models of our own apps (not Django's or a library's), audit-trail copies aside."""
    base = Path(settings.BASE_DIR)
    return [
        model
        for model in apps.get_models()
        if Path(model._meta.app_config.path).parent == base
        and not hasattr(model, "instance_type")  # django-simple-history's historical models
    ]


def test_every_model_has_a_factory():
    covered = {factory_class._meta.model for factory_class in FACTORIES}
    assert len(application_models()) >= 38
    assert sorted(m._meta.label for m in application_models() if m not in covered) == []


@pytest.mark.django_db
@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda f: f.__name__)
def test_each_factory_makes_a_valid_record(factory_class):
    record = factory_class()
    record.full_clean()
    assert type(record).objects.filter(pk=record.pk).count() == 1
    # A second one does not collide with the first (sequences, get-or-create keys).
    second = factory_class()
    second.full_clean()
