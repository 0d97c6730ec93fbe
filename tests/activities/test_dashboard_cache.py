"""The dashboard is built once per committee, reading level, day and language and kept in the
real Redis cache; any write to what it shows (reporting, composition, activities) makes the
next request build it again."""

import uuid
from datetime import date

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from activities import services
from activities.models import Activity
from committees.models import Committee
from reporting import services as reporting_services
from reporting.models import ExpectedReport
from states_parties.models import StateParty
from tests.factories import Article5ExtensionFactory, Article9RecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache():
    """Django's Redis cache on the test process's Redis database, under keys of its own (the
    database also holds the test's Celery queues: nothing is emptied), removed afterwards."""
    prefix = f"test-dashboard-{uuid.uuid4().hex}"
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "common.redis_cache.RedisCache",
                "LOCATION": settings.CELERY_BROKER_URL,
                "KEY_PREFIX": prefix,
            }
        }
    ):
        client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
        yield client, prefix
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def _dashboard(client, code: str):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/committees/{code}/dashboard/")
    assert response.status_code == 200
    tables = {
        table
        for query in captured.captured_queries
        # Tables only the content reads (permission checks read committees and meetings).
        for table in ("activities_activity", "reporting_")
        if f'FROM "{table}' in query["sql"]
    }
    panels = {panel.key: panel.context for panel in response.context["panels"]}
    return response, panels, tables


def test_the_dashboard_is_cached_in_redis_until_what_it_shows_changes(
    redis_cache, ccc_year, people, seat, november_2025
):
    client, prefix = redis_cache
    staff = people.client("staff")
    _, panels, tables = _dashboard(staff, "CCC")
    assert tables == {"activities_activity", "reporting_"}
    assert panels["article9"]["total"] == 14
    # Cached in Redis: the second request reads none of the dashboard's tables.
    assert [key.decode() for key in client.scan_iter(f"{prefix}:*:dashboard:*")] != []
    response, panels, tables = _dashboard(staff, "CCC")
    assert tables == set()
    assert panels["article9"]["total"] == 14
    # The panels are kept rendered too: the cached page shows them all.
    html = response.content.decode()
    assert all(f'id="panel-{key}"' in html for key in panels)
    assert "The full list: 14 States Parties" in html
    # Someone at the same level (a member of the CCC reads its confidential records too) reads
    # the same entry.
    assert _dashboard(people.client("ccc_member"), "CCC")[2] == set()

    # Reporting: Peru submits an Article 5 extension request (the CA5's panel), and Algeria a
    # statement of its Article 9 measures (the CCC's).
    assert _dashboard(staff, "CA5")[1]["pending_extensions"]["requests"] == []
    extension = Article5ExtensionFactory(state=StateParty.objects.get(iso3="PER"))
    _, panels, tables = _dashboard(staff, "CA5")
    assert panels["pending_extensions"]["requests"] == [extension]
    assert _dashboard(staff, "CCC")[2] == {"activities_activity", "reporting_"}
    reporting_services.save_article9_record(
        Article9RecordFactory.build(state=StateParty.objects.get(iso3="DZA"))
    )
    assert _dashboard(staff, "CCC")[2] == {"activities_activity", "reporting_"}

    # Activities.
    services.save_activity(
        Activity(
            committee=ccc_year,
            date=date(2025, 11, 19),
            kind="engagement",
            text="Met the delegation of Algeria.",
            visibility="public",
        )
    )
    response, panels, _ = _dashboard(staff, "CCC")
    assert panels["activities"]["activities"][0].text == "Met the delegation of Algeria."
    assert "Met the delegation of Algeria." in response.content.decode()

    # Composition: Belgium joins the CA5.
    response, _, _ = _dashboard(staff, "CA5")
    assert response.context["composition_line"] == "(Peru, Thailand (Chair))"
    seat("CA5", "BEL", "21MSP", "22MSP")
    response, _, _ = _dashboard(staff, "CA5")
    assert response.context["composition_line"] == "(Belgium, Peru, Thailand (Chair))"
    assert "(Belgium, Peru, Thailand (Chair))" in response.content.decode()


def test_each_reading_level_has_its_own_entry(redis_cache, ccc_year, people, november_2025):
    ca5 = Committee.objects.get(code="CA5")
    services.save_activity(
        Activity(
            committee=ca5,
            date=date(2025, 11, 3),
            kind="engagement",
            text="Confidential exchange with a delegation.",
            visibility="confidential",
        )
    )
    for _ in range(2):  # built, then cached: each level keeps what it may read
        staff_panels = _dashboard(people.client("staff"), "CA5")[1]
        member_panels = _dashboard(people.client("ca5_member"), "CA5")[1]
        assert [a.text for a in staff_panels["activities"]["activities"]] == [
            "Confidential exchange with a delegation."
        ]
        assert member_panels["activities"]["activities"] == []


def test_a_bulk_write_makes_the_dashboard_stale(redis_cache, ccc_year, people, november_2025):
    """``QuerySet.update`` sends no signal; the write is seen all the same."""
    staff = people.client("staff")
    _dashboard(staff, "CCC")
    assert _dashboard(staff, "CCC")[2] == set()
    ExpectedReport.objects.filter(year=1900).update(received_on=date(2025, 11, 1))
    assert _dashboard(staff, "CCC")[2] == {"activities_activity", "reporting_"}


def test_without_its_cache_the_dashboard_is_built_and_writes_go_through(
    ccc_year, people, november_2025
):
    """Redis down: pages are built afresh, writes are not refused."""
    from tests.smtp_server import free_port

    unreachable = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "common.redis_cache.RedisCache",
                "LOCATION": unreachable,
                "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
            }
        }
    ):
        services.save_activity(
            Activity(
                committee=ccc_year,
                date=date(2025, 11, 19),
                kind="engagement",
                text="Met the delegation of Algeria.",
                visibility="public",
            )
        )
        _, panels, tables = _dashboard(people.client("staff"), "CCC")
    assert tables == {"activities_activity", "reporting_"}
    assert panels["activities"]["activities"][0].text == "Met the delegation of Algeria."
