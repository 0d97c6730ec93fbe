"""API tokens and calendar feed addresses give access: who made them for whom, and their
revocation, are on the audit trail; the secrets themselves and the time of each use are not."""

import pytest
from rest_framework.test import APIClient

from api import services as api_services
from api.models import ApiToken
from common.audit import Actor, Source, acting_as
from feeds import services as feed_services
from feeds.models import FeedSubscription
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_token_is_audited_without_its_use():
    staff = UserFactory(username="irene", role="isu_staff")
    website = UserFactory(username="website", role="observer")
    with acting_as(Actor(source=Source.WEB, user_id=staff.pk)):
        token, secret = api_services.create_token(
            website, name="Website export", expiry=None, created_by=staff
        )
    history_fields = {field.name for field in ApiToken.history.model._meta.fields}
    assert "last_used_at" not in history_fields
    (created,) = ApiToken.history.all()
    assert (created.history_type, created.name, created.user_id) == (
        "+",
        "Website export",
        website.pk,
    )
    assert (created.history_user_id, created.created_by_id) == (staff.pk, staff.pk)
    assert secret not in {str(getattr(created, name)) for name in history_fields}
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert client.get("/api/states/").status_code == 200
    assert ApiToken.objects.get().last_used_at is not None
    assert ApiToken.history.count() == 1  # a use is not a change of the record
    api_services.revoke_token(token)
    assert [row.history_type for row in ApiToken.history.order_by("history_date")] == ["+", "-"]


def test_a_feed_address_is_audited_without_its_secret():
    user = UserFactory(username="ana", role="observer")
    feed = feed_services.create_feed(user)
    history_fields = {field.name for field in FeedSubscription.history.model._meta.fields}
    assert "token" not in history_fields
    feed_services.revoke_feed(feed)
    rows = list(FeedSubscription.history.order_by("history_date", "history_id"))
    assert [(row.history_type, row.revoked_at is None) for row in rows] == [
        ("+", True),
        ("~", False),
    ]
    assert all(feed.token not in str(vars(row)) for row in rows)
