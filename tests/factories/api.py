"""API tokens and calendar feeds."""

import factory

from api.models import ApiToken
from feeds.models import FeedSubscription

from .accounts import UserFactory


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token made as ``api.services.create_token`` makes one; the secret, shown once, is
    on ``token.secret``."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory, role="isu_staff")
    name = factory.Sequence(lambda n: f"Token {n}")
    expiry = None
    created_by = factory.SelfAttribute("user")

    @classmethod
    def _create(cls, model_class, *args, user, expiry=None, **kwargs):
        token, secret = model_class.objects.create(user, expiry=expiry, **kwargs)
        token.secret = secret
        return token


class FeedSubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedSubscription

    user = factory.SubFactory(UserFactory)
