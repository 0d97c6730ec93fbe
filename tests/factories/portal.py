"""National reporters and their invitations."""

from datetime import timedelta

import factory
from django.utils import timezone

from portal.models import Invitation, Reporter

from .accounts import UserFactory
from .states import StatePartyFactory


class ReporterFactory(factory.django.DjangoModelFactory):
    """An active reporter (the user has signed in once: a password, the reporter role)."""

    class Meta:
        model = Reporter

    user = factory.SubFactory(UserFactory, role="reporter")
    state = factory.SubFactory(StatePartyFactory)
    status = Reporter.Status.ACTIVE
    invited_by = factory.SubFactory(UserFactory, role="isu_staff")
    activated_at = factory.LazyFunction(timezone.now)


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending invitation of an invited reporter."""

    class Meta:
        model = Invitation

    reporter = factory.SubFactory(
        ReporterFactory, status=Reporter.Status.INVITED, activated_at=None
    )
    sent_to = factory.LazyAttribute(lambda invitation: invitation.reporter.user.email)
    created_by = factory.LazyAttribute(lambda invitation: invitation.reporter.invited_by)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
