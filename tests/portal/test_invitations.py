"""Inviting a State's national reporter: a one-time link by e-mail that sets a password, then
the second factor; suspending and inviting again; every step on the audit trail."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import services
from portal.models import Invitation, Reporter
from portal.tasks import send_invitation
from tests.factories import ReporterFactory, StatePartyFactory, UserFactory
from tests.utils import log_in_client, totp_token

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "a long passphrase for Phnom Penh"
FRENCH_SUBJECT = "Votre invitation à rédiger les rapports au titre de l’article 7\xa0: Cambodge"
LINK = re.compile(r"http://testserver(/portal/invitation/\d+/[^/\s]+/)")


@pytest.fixture
def cambodia():
    return StatePartyFactory(iso3="KHM", name="Cambodia", name_fr="Cambodge")


@pytest.fixture
def staff():
    return UserFactory(username="irene", role="isu_staff")


def _invite(staff, state, *, email="sokha@mfa.example", language="en") -> Reporter:
    return services.invite_reporter(
        email=email,
        first_name="Sokha",
        last_name="Chan",
        state=state,
        language=language,
        by=staff,
        domain="testserver",
        use_https=False,
    )


def _mailed_link(invitation: Invitation) -> str:
    mail.outbox.clear()
    assert send_invitation(invitation_id=invitation.pk, domain="testserver", use_https=False) == 1
    (message,) = mail.outbox
    assert message.to == [invitation.sent_to]
    return LINK.search(message.body).group(1)


def test_staff_invite_a_reporter_who_cannot_sign_in_until_they_choose_a_password(
    staff, cambodia, django_capture_on_commit_callbacks
):
    client = log_in_client(Client(), staff)
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(
            "/reporters/invite/",
            {
                "state": cambodia.pk,
                "first_name": "Sokha",
                "last_name": "Chan",
                "email": "Sokha@MFA.example",
                "language": "fr",
            },
        )
    reporter = Reporter.objects.get()
    assert response["Location"] == f"/reporters/{reporter.pk}/"
    assert len(queued) == 1  # the e-mail goes to the mail worker after commit
    user = reporter.user
    assert (user.username, user.email, user.role, user.language) == (
        "sokha@mfa.example",
        "Sokha@mfa.example",
        "reporter",
        "fr",
    )
    assert (user.is_active, user.has_usable_password()) == (False, False)
    assert (reporter.state, reporter.status, reporter.invited_by) == (cambodia, "invited", staff)
    invitation = reporter.invitations.get()
    assert (invitation.sent_to, invitation.created_by) == ("Sokha@mfa.example", staff)
    assert invitation.expires_at - invitation.created_at == timedelta(days=14)
    # The e-mail, in the reporter's language, names the State.
    mail.outbox.clear()
    send_invitation(invitation_id=invitation.pk, domain="testserver", use_https=False)
    (message,) = mail.outbox
    assert message.subject == FRENCH_SUBJECT
    page = client.get(f"/reporters/{reporter.pk}/").content.decode()
    assert "An invitation was sent to Sokha@mfa.example." in page


def test_an_address_with_an_account_is_refused(staff, cambodia):
    UserFactory(username="sokha", email="sokha@mfa.example")
    with pytest.raises(ValidationError, match="exists already"):
        _invite(staff, cambodia, email="SOKHA@mfa.example")
    client = log_in_client(Client(), staff)
    response = client.post(
        "/reporters/invite/",
        {
            "state": cambodia.pk,
            "first_name": "Sokha",
            "last_name": "Chan",
            "email": "sokha@mfa.example",
            "language": "en",
        },
    )
    assert response.status_code == 400
    assert "An account with the address sokha@mfa.example exists already." in (
        response.content.decode()
    )
    assert not Reporter.objects.exists()


def test_the_link_sets_a_password_once_then_the_second_factor_is_set_up(staff, cambodia):
    reporter = _invite(staff, cambodia)
    link = _mailed_link(reporter.invitations.get())
    client = Client()
    page = client.get(link)
    assert page.status_code == 200
    assert "You are invited to report for Cambodia under Article 7." in page.content.decode()
    weak = client.post(link, {"new_password1": "short", "new_password2": "short"})
    assert weak.status_code == 400
    response = client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response["Location"] == "/accounts/two-factor/enrol/?next=%2Fportal%2F"
    reporter.refresh_from_db()
    assert reporter.status == "active" and reporter.activated_at is not None
    assert reporter.user.is_active and check_password(PASSWORD, reporter.user.password)
    # Signed in, but nothing opens before the second factor is set up.
    assert client.get("/portal/")["Location"].startswith("/accounts/two-factor/enrol/")
    client.post("/accounts/two-factor/enrol/", {"start": "1"})
    device = TOTPDevice.objects.get(user=reporter.user)
    enrolled = client.post(
        "/accounts/two-factor/enrol/?next=/portal/", {"token": totp_token(device)}
    )
    assert enrolled["Location"] == "/portal/"
    home = client.get("/portal/")
    assert home.status_code == 200
    assert "Article 7 reports of Cambodia" in home.content.decode()
    # The link worked once.
    again = Client().get(link)
    assert "This invitation link has already been used" in again.content.decode()
    # At the next sign-in, the password, then a code.
    other = Client()
    signed = other.post("/accounts/login/", {"username": "sokha@mfa.example", "password": PASSWORD})
    assert signed.status_code == 302
    assert other.get("/portal/")["Location"].startswith("/accounts/two-factor/")


def test_a_wrong_expired_or_replaced_link_opens_nothing(staff, cambodia):
    reporter = _invite(staff, cambodia)
    first = reporter.invitations.get()
    link = _mailed_link(first)
    wrong = link.rstrip("/")[:-3] + "abc/"
    assert "has already been used" in Client().get(wrong).content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        expired = Client().get(link)
        assert "has already been used" in expired.content.decode()
    services.reinvite_reporter(reporter=reporter, by=staff, domain="testserver", use_https=False)
    first.refresh_from_db()
    assert first.revoked_at is not None
    # A revoked invitation is not mailed any more.
    assert send_invitation(invitation_id=first.pk, domain="testserver", use_https=False) == 0
    assert "has already been used" in Client().get(link).content.decode()
    new = reporter.invitations.pending().get()
    assert Client().get(_mailed_link(new)).status_code == 200


def test_suspending_ends_the_sessions_and_inviting_again_starts_afresh(staff, cambodia):
    reporter = ReporterFactory(state=cambodia, user__username="sokha")
    client = log_in_client(Client(), reporter.user)
    assert client.get("/portal/").status_code == 200
    staff_client = log_in_client(Client(), staff)
    response = staff_client.post(f"/reporters/{reporter.pk}/suspend/")
    assert response["Location"] == f"/reporters/{reporter.pk}/"
    reporter.refresh_from_db()
    assert (reporter.status, reporter.user.is_active) == ("suspended", False)
    assert reporter.suspended_at is not None
    assert client.get("/portal/")["Location"].startswith("/accounts/login/")

    staff_client.post(f"/reporters/{reporter.pk}/reinvite/")
    reporter.refresh_from_db()
    assert (reporter.status, reporter.suspended_at, reporter.user.has_usable_password()) == (
        "invited",
        None,
        False,
    )
    assert not TOTPDevice.objects.filter(user=reporter.user).exists()
    link = _mailed_link(reporter.invitations.pending().get())
    fresh = Client()
    response = fresh.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response["Location"].startswith("/accounts/two-factor/enrol/")
    reporter.refresh_from_db()
    assert reporter.status == "active" and reporter.user.is_active


def test_a_suspension_revokes_pending_links(staff, cambodia):
    reporter = _invite(staff, cambodia)
    link = _mailed_link(reporter.invitations.get())
    services.suspend_reporter(reporter=reporter, by=staff)
    assert "has already been used" in Client().get(link).content.decode()
    assert reporter.invitations.pending().count() == 0


def test_every_step_is_on_the_audit_trail(staff, cambodia):
    reporter = _invite(staff, cambodia)
    services.suspend_reporter(reporter=reporter, by=staff)
    services.reinvite_reporter(reporter=reporter, by=staff, domain="testserver", use_https=False)
    statuses = list(reporter.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["invited", "suspended", "invited"]
    invitations = Invitation.history.order_by("history_id").values_list(
        "history_type", "revoked_at"
    )
    assert [(kind, revoked is not None) for kind, revoked in invitations] == [
        ("+", False),
        ("~", True),
        ("+", False),
    ]
    assert "nonce" not in {field.name for field in Invitation.history.model._meta.fields}
    user_history = reporter.user.history.order_by("history_id").values_list("is_active", flat=True)
    assert list(user_history) == [False, False, False]
    # The staff see the reporter's history.
    page = log_in_client(Client(), staff).get(f"/reporters/{reporter.pk}/").content.decode()
    assert "/history/portal.reporter/" in page
