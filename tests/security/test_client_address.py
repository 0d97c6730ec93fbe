"""The client's address behind N trusted proxies: the Nth entry from the end of
X-Forwarded-For, never one the client wrote itself."""

import pytest
from django.test import Client

from common.addresses import forwarded_address
from tests.utils import log_in_client


@pytest.mark.parametrize(
    ("header", "count", "expected"),
    [
        ("198.51.100.7", 1, "198.51.100.7"),
        ("203.0.113.9, 198.51.100.7", 1, "198.51.100.7"),  # the first was sent by the client
        ("203.0.113.9, 198.51.100.7, 10.0.0.2", 2, "198.51.100.7"),
        ("198.51.100.7", 2, None),  # fewer entries than proxies: not through them
        ("", 1, None),
        ("not-an-address", 1, None),
        ("198.51.100.7:443", 1, None),
        (" 2001:db8::1 ", 1, "2001:db8::1"),
        ("198.51.100.7", 0, None),  # no proxy: the header is the client's own
    ],
)
def test_the_address_the_trusted_proxy_saw(header, count, expected):
    assert forwarded_address({"HTTP_X_FORWARDED_FOR": header}, count) == expected


@pytest.mark.django_db
def test_the_audit_trail_records_the_forwarded_address(settings, staff_user):
    settings.TRUSTED_PROXY_COUNT = 1
    client = log_in_client(Client(REMOTE_ADDR="127.0.0.1"), staff_user)
    client.post(
        "/accounts/language/",
        {"language": "fr", "next": "/"},
        HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7",
    )
    row = staff_user.history.filter(history_source="web").get()
    assert (row.language, row.history_ip) == ("fr", "198.51.100.7")
