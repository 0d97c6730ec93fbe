"""Resetting a forgotten password by e-mail: the same answer whether or not an account has the
address, a link that works once, throttled requests, a reset ISU staff can force, and never a
way around the second factor."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import PasswordResetRequest
from accounts.services import RESETS_PER_ADDRESS, RESETS_PER_CLIENT
from accounts.tasks import send_password_reset
from tests.factories import UserFactory
from tests.utils import log_in_client, totp_device, totp_token

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a new and long enough passphrase"
LINK = re.compile(r"http://testserver(/accounts/password/reset/[^/\s]+/[^/\s]+/)")


def _ask(client: Client, email: str, capture) -> tuple:
    with capture() as queued:
        response = client.post("/accounts/password/reset/", {"email": email})
    return response, len(queued)


def _mail_link(to: str, **kwargs) -> str:
    mail.outbox.clear()
    sent = send_password_reset(domain="testserver", use_https=False, language="en", **kwargs)
    assert sent == 1
    (message,) = mail.outbox
    assert message.to == [to]
    return LINK.search(message.body).group(1)


def test_the_answer_is_the_same_whether_or_not_an_account_has_the_address(
    django_capture_on_commit_callbacks,
):
    UserFactory(username="irene", email="irene@isu.example")
    known, queued_known = _ask(Client(), "irene@isu.example", django_capture_on_commit_callbacks)
    unknown, queued_unknown = _ask(
        Client(), "nobody@isu.example", django_capture_on_commit_callbacks
    )
    assert (known.status_code, known["Location"]) == (302, "/accounts/password/reset/sent/")
    assert (unknown.status_code, unknown["Location"]) == (302, "/accounts/password/reset/sent/")
    assert queued_known == queued_unknown == 1  # the worker, not the request, looks the address up
    page = Client().get("/accounts/password/reset/sent/").content.decode()
    assert "If an account has this address, a link to choose a new password is on its way." in page
    # The worker mails the account, and nobody for an unknown address.
    assert (
        send_password_reset(
            domain="testserver", use_https=False, language="en", email="nobody@isu.example"
        )
        == 0
    )
    assert mail.outbox == []
    _mail_link("irene@isu.example", email="IRENE@isu.example")  # any case


def test_the_link_works_once(client):
    irene = UserFactory(username="irene", email="irene@isu.example")
    link = _mail_link("irene@isu.example", email="irene@isu.example")
    form_page = client.get(link)
    assert form_page.status_code == 302  # Django moves the token out of the address
    set_password = form_page["Location"]
    response = client.post(
        set_password, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == "/accounts/password/reset/complete/"
    irene.refresh_from_db()
    assert check_password(NEW_PASSWORD, irene.password)
    assert "_auth_user_id" not in client.session  # never signed in by the reset itself
    again = Client().get(link)
    assert again.status_code == 200
    assert "This link has already been used or has expired." in again.content.decode()


def test_a_link_expires_after_two_hours():
    UserFactory(username="irene", email="irene@isu.example")
    link = _mail_link("irene@isu.example", email="irene@isu.example")
    # A timestamp, not an aware datetime: time_machine would also switch the time zone, and
    # Django's tokens count in local time.
    with time_machine.travel(time.time() + 2 * 3600 + 60):
        page = Client().get(link)
    assert "This link has already been used or has expired." in page.content.decode()


def test_requests_are_throttled_per_address_and_per_client(django_capture_on_commit_callbacks):
    UserFactory(username="irene", email="irene@isu.example")
    client = Client(REMOTE_ADDR="198.51.100.9")
    counts = [
        _ask(client, "irene@isu.example", django_capture_on_commit_callbacks)[1]
        for _attempt in range(RESETS_PER_ADDRESS + 2)
    ]
    assert counts == [1] * RESETS_PER_ADDRESS + [0, 0]
    throttled, queued = _ask(client, "irene@isu.example", django_capture_on_commit_callbacks)
    assert (throttled["Location"], queued) == ("/accounts/password/reset/sent/", 0)

    # One client asking for many addresses.
    other = Client(REMOTE_ADDR="203.0.113.4")
    counts = [
        _ask(other, f"guess{index}@isu.example", django_capture_on_commit_callbacks)[1]
        for index in range(RESETS_PER_CLIENT + 1)
    ]
    assert counts == [1] * RESETS_PER_CLIENT + [0]
    # An hour later, the address may ask again; requests are kept a day at most.
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert _ask(client, "irene@isu.example", django_capture_on_commit_callbacks)[1] == 1
    with time_machine.travel(timezone.now() + timedelta(hours=26)):
        _ask(client, "irene@isu.example", django_capture_on_commit_callbacks)
        assert PasswordResetRequest.objects.count() == 1


def test_a_reset_does_not_bypass_the_second_factor():
    irene = UserFactory(username="irene", email="irene@isu.example", role="isu_staff")
    device = totp_device(irene)
    client = Client()
    set_password = client.get(_mail_link("irene@isu.example", email="irene@isu.example"))
    client.post(
        set_password["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    response = client.post("/accounts/login/", {"username": "irene", "password": NEW_PASSWORD})
    assert response["Location"] == "/"
    assert client.get("/")["Location"] == "/accounts/two-factor/?next=/"
    assert client.get("/states/")["Location"].startswith("/accounts/two-factor/")
    assert client.post("/accounts/two-factor/", {"token": totp_token(device)})["Location"] == "/"
    assert client.get("/states/").status_code == 200


def _admin(user) -> Client:
    user.is_staff = True
    user.save()
    return log_in_client(Client(), user)


def test_isu_staff_force_a_reset_which_ends_every_session(django_capture_on_commit_callbacks):
    olga = UserFactory(username="olga", email="olga@icbl.example", role="observer")
    olga_session = log_in_client(Client(), olga)
    assert olga_session.get("/").status_code == 200
    admin = _admin(UserFactory(username="irene", role="isu_staff", is_superuser=True))
    with django_capture_on_commit_callbacks() as queued:
        response = admin.post(
            "/admin/accounts/user/",
            {"action": "force_password_reset", "_selected_action": [olga.pk]},
            follow=True,
        )
    assert "1 account must choose a new password; the link was e-mailed." in (
        response.content.decode()
    )
    assert len(queued) == 1
    olga.refresh_from_db()
    assert not olga.has_usable_password()
    assert olga_session.get("/")["Location"] == "/accounts/login/?next=/"  # signed out
    link = _mail_link("olga@icbl.example", user_id=olga.pk)
    assert "The ISU asks you to choose a new password for the account olga" in mail.outbox[0].body
    client = Client()
    set_password = client.get(link)["Location"]
    client.post(set_password, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    olga.refresh_from_db()
    assert check_password(NEW_PASSWORD, olga.password)


def test_only_isu_staff_may_force_a_reset():
    olga = UserFactory(username="olga", email="olga@icbl.example")
    password = olga.password
    # An admin account that may change users, but is not ISU staff.
    oscar = UserFactory(username="oscar", role="observer")
    oscar.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_user", "view_user"])
    )
    admin = _admin(oscar)
    assert "force_password_reset" not in admin.get("/admin/accounts/user/").content.decode()
    response = admin.post(
        "/admin/accounts/user/", {"action": "force_password_reset", "_selected_action": [olga.pk]}
    )
    assert response.status_code == 200  # "No action selected": it is not offered
    olga.refresh_from_db()
    assert olga.password == password
