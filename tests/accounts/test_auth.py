import pytest
from django.test import Client

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def test_login_then_logout():
    UserFactory(username="irene", role="isu_staff")
    client = Client()
    response = client.post("/accounts/login/", {"username": "irene", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/")["Location"] == "/accounts/login/?next=/"


def test_wrong_password_says_so():
    UserFactory(username="irene")
    response = Client().post("/accounts/login/", {"username": "irene", "password": "nope"})
    assert response.status_code == 200
    assert (
        "Please enter a correct username and password. Note that both fields may be case-sensitive."
        in response.content.decode()
    )


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
