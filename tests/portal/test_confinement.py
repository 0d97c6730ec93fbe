"""A national reporter reaches the portal's pages and nothing else of the application; ISU
staff manage reporters on a list with filters, pagination and downloads."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from accounts.permissions import (
    can_see,
    can_see_contacts,
    is_reporter,
    is_states_parties_reader,
    record_access,
    requires_second_factor,
    role_label,
)
from common.visibility import Visibility
from portal.access import is_reporter_of, reporter_may_open, reporter_state
from portal.models import Reporter
from tests.factories import ReporterFactory, StatePartyFactory, UserFactory
from tests.utils import log_in_client, queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter():
    return ReporterFactory(
        state=StatePartyFactory(iso3="KHM", name="Cambodia"), user__last_name="Sokhachan"
    )


def test_a_reporter_reads_no_record_of_the_application(reporter):
    user = reporter.user
    assert is_reporter(user) and role_label(user) == "National reporter"
    assert not is_states_parties_reader(user) and not can_see_contacts(user)
    assert not any(can_see(user, level) for level in Visibility.values)
    assert record_access(user).everything is False
    assert requires_second_factor(user)
    peru = StatePartyFactory(iso3="PER", name="Peru")
    assert (reporter_state(user), is_reporter_of(user, reporter.state)) == (reporter.state, True)
    assert is_reporter_of(user, peru) is False
    # A suspended reporter is nobody's reporter.
    Reporter.objects.filter(pk=reporter.pk).update(status=Reporter.Status.SUSPENDED)
    fresh = type(user).objects.get(pk=user.pk)
    assert reporter_state(fresh) is None and not is_reporter_of(fresh, reporter.state)


def test_a_reporter_is_sent_to_the_portal_and_refused_everywhere_else(reporter):
    client = log_in_client(Client(), reporter.user)
    assert client.get("/")["Location"] == "/portal/"
    page = client.get("/portal/").content.decode()
    assert "Article 7 reports of Cambodia" in page
    # The navigation offers the portal only: no search, feeds or other sections.
    assert 'href="/states/"' not in page and 'action="/search/"' not in page
    assert 'href="/calendars/"' not in page
    for url in ("/states/", "/states/KHM/", "/meetings/", "/reporters/", "/search/?q=a"):
        assert client.get(url).status_code == 403, url
    api = client.get("/api/states/")
    assert (api.status_code, api.json()) == (
        403,
        {"detail": "National reporters do not use the API."},
    )
    assert client.get("/api/nowhere/").status_code == 404
    assert client.get("/accounts/password/").status_code == 200
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert reporter_may_open("portal:home") and not reporter_may_open("states_parties:list")


def test_other_users_do_not_open_the_reporters_home(reporter):
    for role in ("isu_staff", "committee", "observer"):
        client = log_in_client(Client(), UserFactory(role=role))
        assert client.get("/portal/").status_code == 403, role


def test_staff_list_reporters_with_filters_and_a_download(reporter):
    peru = ReporterFactory(
        state=StatePartyFactory(iso3="PER", name="Peru"),
        user__last_name="Quispe",
        status=Reporter.Status.SUSPENDED,
    )
    staff = log_in_client(Client(), UserFactory(role="isu_staff"))
    page = staff.get("/reporters/").content.decode()
    assert "Sokhachan" in page and "Quispe" in page and "2 reporters" in page
    only = staff.get("/reporters/?q=peru").content.decode()
    assert "Quispe" in only and "Sokhachan" not in only
    suspended = staff.get("/reporters/?status=suspended").content.decode()
    assert "Quispe" in suspended and "Sokhachan" not in suspended
    download = staff.get("/reporters/?format=csv&sort=-state")
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert rows[0] == [
        "iso3",
        "state",
        "first_name",
        "last_name",
        "email",
        "status",
        "invited_at",
        "invited_by",
        "active_since",
        "suspended_at",
    ]
    assert [(row[0], row[3], row[5]) for row in rows[1:]] == [
        ("PER", "Quispe", "suspended"),
        ("KHM", "Sokhachan", "active"),
    ]
    assert peru.pk


def test_the_reporters_list_keeps_a_flat_query_count(reporter):
    staff = log_in_client(Client(), UserFactory(role="isu_staff"))
    queries_for(staff, "/reporters/")
    small = len(queries_for(staff, "/reporters/"))
    for _index in range(20):
        ReporterFactory()
    assert len(queries_for(staff, "/reporters/")) == small
