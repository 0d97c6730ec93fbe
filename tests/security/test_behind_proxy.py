"""Behind the documented reverse proxy, every client keeps its own address: in the lockout, in
the audit trail and in the logs. Real nginx (configured from docs/deployment.md) in front of
gunicorn with the production settings; two clients connect from two loopback addresses."""

from __future__ import annotations

import json

import pytest

from accounts.models import User
from tests.proxy_servers import PASSWORD, Browser, gunicorn, nginx, production_user

pytestmark = pytest.mark.django_db(transaction=True)

CLIENT_A, CLIENT_B = "127.0.0.2", "127.0.0.3"
FAILURE_LIMIT = 3


@pytest.fixture
def site(transactional_db, tmp_path):
    with (
        gunicorn(tmp_path, DJANGO_LOGIN_FAILURE_LIMIT=str(FAILURE_LIMIT)) as (web_port, web_log),
        nginx(tmp_path, web_port) as (port, config),
    ):
        yield port, web_log, config


def _log_records(path) -> list[dict]:
    records = []
    for line in path.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            records.append(json.loads(line))
    return records


def test_each_client_is_locked_out_recorded_and_logged_under_its_own_address(site):
    port, web_log, config = site
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in config
    production_user("irene", role="observer")
    production_user("olga", role="observer")
    client_a, client_b = Browser(port, CLIENT_A), Browser(port, CLIENT_B)

    # A guesses irene's password, each time claiming to be B: a header the client sends is
    # kept by nginx in front of the address it appends, and never believed.
    forged = {"X-Forwarded-For": CLIENT_B}
    for _attempt in range(FAILURE_LIMIT - 1):
        assert client_a.log_in("irene", "wrong password", headers=forged) == 200
    assert client_a.log_in("irene", "wrong password", headers=forged) == 429
    assert client_a.log_in("irene", PASSWORD) == 429  # A is locked out, even with the password

    # B signs in as irene with the right password, and changes her language preference.
    assert client_b.log_in("irene", PASSWORD) == 302
    assert client_b.request("GET", "/")[0] == 200  # a page, and the CSRF token after login
    status, _content, _headers = client_b.request(
        "POST", "/accounts/language/", {"language": "fr", "next": "/"}
    )
    assert status == 302
    # A may still sign in to another account, and change something too.
    assert client_a.log_in("olga", PASSWORD) == 302
    assert client_a.request("GET", "/")[0] == 200
    status, _content, _headers = client_a.request(
        "POST", "/accounts/language/", {"language": "es", "next": "/"}
    )
    assert status == 302
    # The language cookie, like the session's: sent over HTTPS only, out of reach of scripts.
    (language_cookie,) = [c for c in client_a.set_cookies if c.startswith("django_language=")]
    attributes = {part.strip().split("=")[0].lower() for part in language_cookie.split(";")}
    assert {"secure", "httponly", "samesite"} <= attributes
    assert "SameSite=Lax" in language_cookie

    changes = User.history.filter(history_source="web").order_by("history_id")
    assert [(row.username, row.language, row.history_ip) for row in changes] == [
        ("irene", "fr", CLIENT_B),
        ("olga", "es", CLIENT_A),
    ]
    assert {row.history_origin for row in changes} == {"POST /accounts/language/"}

    events = [
        (record["message"], record.get("ip"))
        for record in _log_records(web_log)
        if record.get("logger") == "secretariat.auth"
    ]
    assert events == [
        # The failures, and the attempt refused while locked out.
        *[("login failed irene from 127.0.0.2", CLIENT_A)] * (FAILURE_LIMIT + 1),
        ("login irene from 127.0.0.3", CLIENT_B),
        ("login olga from 127.0.0.2", CLIENT_A),
    ]
