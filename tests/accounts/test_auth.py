import base64
import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from tests.factories import UserFactory
from tests.utils import totp_device, totp_token

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _log_in(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def test_observer_logs_in_with_a_password_only_then_logs_out():
    UserFactory(username="olga", role="observer")
    client = Client()
    response = _log_in(client, "olga")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/")["Location"] == "/accounts/login/?next=/"


def test_staff_confirm_a_code_before_seeing_anything():
    irene = UserFactory(username="irene", role="isu_staff")
    device = totp_device(irene)
    client = Client()
    assert _log_in(client, "irene")["Location"] == "/"
    # Signed in with the password only: every page sends to the code page.
    for url in ("/", "/states/", "/history/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/two-factor/?next="), url
    page = client.get("/accounts/two-factor/?next=/states/")
    assert "Enter the six-digit code your authenticator app shows" in page.content.decode()

    wrong = client.post("/accounts/two-factor/", {"token": "000000", "next": "/states/"})
    assert wrong.status_code == 200
    assert "This code is wrong or has expired" in wrong.content.decode()
    session_key = client.session.session_key

    # Each wrong code makes the next attempt wait longer (one second after the first).
    refused = client.post("/accounts/two-factor/", {"token": totp_token(device)})
    assert (
        "Too many wrong codes in a row; wait a few seconds, then enter the code."
        in refused.content.decode()
    )
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):
        device.refresh_from_db()
        response = client.post(
            "/accounts/two-factor/", {"token": totp_token(device), "next": "/states/"}
        )
    assert response.status_code == 302
    assert response["Location"] == "/states/"
    assert client.session.session_key != session_key  # a new key once fully signed in
    assert client.get("/states/").status_code == 200


def test_a_code_is_accepted_once_only():
    irene = UserFactory(username="irene", role="isu_staff")
    device = totp_device(irene)
    token = totp_token(device)
    first, second = Client(), Client()
    _log_in(first, "irene")
    assert first.post("/accounts/two-factor/", {"token": token})["Location"] == "/"
    _log_in(second, "irene")
    response = second.post("/accounts/two-factor/", {"token": token})
    assert response.status_code == 200
    assert second.get("/states/").status_code == 302


def test_the_next_address_must_be_on_this_site():
    irene = UserFactory(username="irene", role="isu_staff")
    device = totp_device(irene)
    client = Client()
    _log_in(client, "irene")
    response = client.post(
        "/accounts/two-factor/", {"token": totp_token(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_staff_without_a_device_enrol_with_a_qr_code_then_use_it():
    UserFactory(username="irene", role="isu_staff")
    client = Client()
    _log_in(client, "irene")
    response = client.get("/")
    assert response["Location"] == "/accounts/two-factor/enrol/?next=/"
    # Opening the page (as often as a browser or a link checker likes) writes nothing.
    for _visit in range(2):
        page = client.get(response["Location"]).content.decode()
        assert "Show the code to scan" in page
        assert client.head(response["Location"]).status_code == 200
    assert not TOTPDevice.objects.exists()
    # The button creates the key, once.
    for _click in range(2):
        started = client.post("/accounts/two-factor/enrol/", {"start": "1", "next": "/"})
        assert started["Location"] == "/accounts/two-factor/enrol/?next=%2F"
    assert TOTPDevice.objects.count() == 1
    page = client.get(started["Location"]).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert "<script" not in page.split("<body>")[1].split("</main>")[0]
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
    device = TOTPDevice.objects.get(user__username="irene")
    assert device.confirmed is False
    assert base64.b32encode(device.bin_key).decode() == secret
    svg = base64.b64decode(re.search(r'data:image/svg\+xml;base64,([^"]+)"', page).group(1))
    assert svg.startswith(b"<?xml") and b"<svg" in svg and b"<script" not in svg

    assert client.post("/accounts/two-factor/enrol/", {"token": "123"}).status_code == 200
    assert TOTPDevice.objects.get(pk=device.pk).confirmed is False
    response = client.post("/accounts/two-factor/enrol/", {"token": totp_token(device)})
    assert response["Location"] == "/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed is True
    assert client.get("/").status_code == 200
    # Enrolled: the enrolment page now sends to the code page instead of showing a new key.
    assert client.get("/accounts/two-factor/enrol/")["Location"].startswith("/accounts/two-factor/")


def test_a_committee_chair_needs_the_second_factor_a_member_does_not(
    standing_committees, meetings, states, seat
):
    from committees import services
    from committees.models import Office, Representative

    chair_term = seat("CA5", "DEU", "21MSP", "22MSP")
    member_term = seat("CA5", "PER", "22MSP", "24MSP")
    chair = UserFactory(username="carmen", role="committee")
    member = UserFactory(username="mamadou", role="committee")
    Representative.objects.create(term=chair_term, name="Carmen", user=chair)
    Representative.objects.create(term=member_term, name="Mamadou", user=member)
    services.set_office(chair_term, Office.Kind.CHAIR, 2025)
    with time_machine.travel("2025-06-01 12:00 +0200", tick=True):
        chair_client, member_client = Client(), Client()
        _log_in(chair_client, "carmen")
        _log_in(member_client, "mamadou")
        assert chair_client.get("/")["Location"] == "/accounts/two-factor/enrol/?next=/"
        assert member_client.get("/").status_code == 200


def test_wrong_password_says_so():
    UserFactory(username="irene")
    response = _log_in(Client(), "irene", "nope")
    assert response.status_code == 200
    assert (
        "Please enter a correct username and password. Note that both fields may be case-sensitive."
        in response.content.decode()
    )


def test_lockout_after_five_failures_for_that_username_and_address_only(settings):
    UserFactory(username="irene", role="observer")
    UserFactory(username="olga", role="observer")
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _attempt in range(4):
        assert _log_in(attacker, "irene", "guess").status_code == 200
    fifth = _log_in(attacker, "irene", "guess")
    assert fifth.status_code == 429
    locked = _log_in(attacker, "irene", PASSWORD)  # even the right password, now
    assert locked.status_code == 429
    assert "Logging in to this account from your address is blocked for 15 minutes" in (
        locked.content.decode()
    )
    # The same account from another address, and another account from this address, still work.
    assert _log_in(Client(REMOTE_ADDR="198.51.100.2"), "irene")["Location"] == "/"
    assert _log_in(Client(REMOTE_ADDR="203.0.113.7"), "olga")["Location"] == "/"
    # After the cool-off period the right password works again.
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _log_in(Client(REMOTE_ADDR="203.0.113.7"), "irene")["Location"] == "/"


def test_idle_sessions_expire(settings):
    UserFactory(username="olga", role="observer")
    client = Client()
    _log_in(client, "olga")
    assert client.get("/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        assert client.get("/").status_code == 200  # each request extends the session
    with time_machine.travel(timezone.now() + timedelta(minutes=29 + 31)):
        assert client.get("/")["Location"] == "/accounts/login/?next=/"


def test_sessions_end_at_their_absolute_lifetime_however_active():
    UserFactory(username="olga", role="observer")
    client = Client()
    _log_in(client, "olga")
    start = timezone.now()
    for minutes in range(20, 10 * 60, 20):  # a request every 20 minutes for ten hours
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get("/").status_code == 200, minutes
    with time_machine.travel(start + timedelta(hours=10, minutes=5)):
        response = client.get("/states/")
        assert response["Location"] == "/accounts/login/?next=/states/"
        page = client.get(response["Location"]).content.decode()
    assert "Your session ended 10 hours after you logged in; log in again." in page


def test_password_change_applies_the_policy(staff_client, staff_user):
    response = staff_client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    html = response.content.decode()
    assert "This password is too short. It must contain at least 12 characters." in html
    response = staff_client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "12345678901234",
            "new_password2": "12345678901234",
        },
    )
    assert "This password is entirely numeric." in response.content.decode()
    response = staff_client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a much longer passphrase 2026",
            "new_password2": "a much longer passphrase 2026",
        },
    )
    assert response["Location"] == "/accounts/password/done/"
    staff_user.refresh_from_db()
    assert staff_user.check_password("a much longer passphrase 2026")


@pytest.mark.parametrize(
    ("role", "superuser", "is_staff", "is_observer"),
    [
        ("isu_staff", False, True, False),
        ("committee", False, False, False),
        ("observer", False, False, True),
        ("observer", True, True, False),
    ],
)
def test_roles(role, superuser, is_staff, is_observer):
    user = User(username="x", role=role, is_superuser=superuser)
    assert user.is_isu_staff is is_staff
    assert user.is_observer is is_observer


def test_new_accounts_read_only_by_default():
    assert User.objects.create_user("newcomer").role == "observer"


def test_enrolling_and_removing_a_device_is_logged(caplog):
    irene = UserFactory(username="irene", role="isu_staff")
    client = Client()
    _log_in(client, "irene")
    with caplog.at_level("INFO", logger="secretariat.auth"):
        client.get("/accounts/two-factor/enrol/")
        client.post("/accounts/two-factor/enrol/", {"start": "1"})
        device = TOTPDevice.objects.get(user=irene)
        client.post("/accounts/two-factor/enrol/", {"token": totp_token(device)})
        device.delete()
    events = [
        record.getMessage()
        for record in caplog.records
        if record.getMessage().startswith("second factor")
    ]
    assert events[:2] == [
        "second factor enrolment started for irene by POST /accounts/two-factor/enrol/",
        "second factor enrolled for irene by POST /accounts/two-factor/enrol/",
    ]
    assert events[2].startswith("second factor removed for irene by ")
    assert len(events) == 3
