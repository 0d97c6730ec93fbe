"""Issue 15, item 4: the session is written at most once a minute, not on every request, and
an idle session still ends between 30 and 31 minutes after the last request, never earlier.

Times are exact: the clock is frozen (time_machine, no tick) and moved by whole seconds; what
is checked is the session row's stored expiry and the statements each request runs."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.middleware import SESSION_REFRESHED_KEY
from tests.factories import UserFactory

from .test_auth import _log_in

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
IDLE = timedelta(minutes=30)
#: The stored lifetime: the idle time plus the refresh interval.
STORED = IDLE + timedelta(seconds=60)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def _at(clock, seconds: float) -> None:
    clock.move_to(START + timedelta(seconds=seconds))


def _expiry(client: Client) -> datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _session_writes(client: Client, url: str = "/") -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum(
        1
        for query in captured.captured_queries
        if query["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in query["sql"]
    )


def test_the_settings_refresh_once_a_minute(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert (settings.SESSION_IDLE_SECONDS, settings.SESSION_REFRESH_SECONDS) == (1800, 60)
    assert settings.SESSION_COOKIE_AGE == 1860
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_the_session_is_written_at_most_once_a_minute(clock):
    UserFactory(username="olga", role="observer")
    client = Client()
    assert _log_in(client, "olga").status_code == 302
    assert client.session[SESSION_REFRESHED_KEY] == int(START.timestamp())
    assert _expiry(client) == START + STORED
    _at(clock, 1)
    assert _session_writes(client) == 0
    _at(clock, 59)
    assert _session_writes(client) == 0
    assert _expiry(client) == START + STORED
    _at(clock, 60)
    assert _session_writes(client) == 1
    assert _expiry(client) == START + timedelta(seconds=60) + STORED
    assert client.session[SESSION_REFRESHED_KEY] == int(START.timestamp()) + 60
    _at(clock, 119)
    assert _session_writes(client) == 0
    _at(clock, 125)
    assert _session_writes(client) == 1
    assert _expiry(client) == START + timedelta(seconds=125) + STORED


@pytest.mark.parametrize("last_request", [0, 59])
@pytest.mark.parametrize(("idle_seconds", "signed_in"), [(30 * 60 - 1, True), (31 * 60, False)])
def test_an_idle_session_ends_within_the_minute_after_30_minutes_never_before(
    clock, last_request, idle_seconds, signed_in
):
    """Whether the last request wrote the session (just after login) or not (59 s after the
    write), the next request 30 minutes less a second later finds it, 31 minutes later not."""
    UserFactory(username="olga", role="observer")
    client = Client()
    _log_in(client, "olga")
    _at(clock, last_request)
    assert client.get("/").status_code == 200
    _at(clock, last_request + idle_seconds)
    response = client.get("/")
    if signed_in:
        assert response.status_code == 200
    else:
        assert response["Location"] == "/accounts/login/?next=/"


def test_active_use_keeps_the_session_for_hours(clock):
    UserFactory(username="olga", role="observer")
    client = Client()
    _log_in(client, "olga")
    for minute in range(29, 5 * 60, 29):  # a request every 29 minutes for five hours
        _at(clock, minute * 60)
        assert client.get("/").status_code == 200, minute


def test_a_visitor_without_a_session_gets_none(clock):
    client = Client()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/accounts/login/").status_code == 200
    assert not any("django_session" in query["sql"] for query in captured.captured_queries)
    assert "sessionid" not in client.cookies
