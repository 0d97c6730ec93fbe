"""The timeline rules as the application applies them on the day its clock says (time-machine):
which States must request at which Meeting, the expected submission dates across a Review
Conference year, late and missing requests, as the list of requests expected exports them."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from extensions import services
from extensions.models import ExtensionRequest, RequestVersion

from .conftest import affected

pytestmark = pytest.mark.django_db


def _expected_on(client, day: date) -> list[tuple[str, ...]]:
    with time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=UTC), tick=False):
        response = client.get(reverse("extensions:expected") + "?format=csv")
    assert response.status_code == 200
    rows = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    return [
        (row["iso3"], row["meeting"], row["expected_by"], row["received_on"], row["status"])
        for row in rows
    ]


def test_the_list_follows_the_clock_across_a_review_conference_year(calendar, staff_client):
    # Original deadlines (ten years after entry into force): 1 Mar 2025 (before the 22nd
    # Meeting opens: the Review Conference decides it), 1 Sep 2025, 1 Jun 2026 (before the
    # 23rd Meeting: the 22nd decides) and 1 Mar 2027 (the 23rd, not yet due in 2025).
    alpha = affected("AAA", "Alpha", date(2014, 9, 10))
    affected("BBB", "Bravo", date(2015, 3, 10))
    charlie = affected("CCC", "Charlie", date(2015, 12, 10))
    affected("DDD", "Delta", date(2016, 9, 10))

    # In the Review Conference's year its requests are expected nine months before it opens
    # (25 February 2024), and only from the States it must decide.
    assert _expected_on(staff_client, date(2024, 1, 10)) == [
        ("AAA", "5RC", "2024-02-25", "", "expected"),
        ("BBB", "5RC", "2024-02-25", "", "expected"),
    ]
    with time_machine.travel(datetime(2024, 3, 5, 9, tzinfo=UTC)):
        services.receive_request(
            ExtensionRequest(
                state=alpha,
                meeting=calendar["5RC"],
                received_on=date(2024, 3, 5),
                requested_until=date(2029, 12, 31),
            ),
            RequestVersion(received_on=date(2024, 3, 5)),
        )
    # After the expected day: Alpha's arrived late, Bravo's is missing.
    assert _expected_on(staff_client, date(2024, 6, 1)) == [
        ("AAA", "5RC", "2024-02-25", "2024-03-05", "late"),
        ("BBB", "5RC", "2024-02-25", "", "missing"),
    ]
    # The Conference closed (no decision recorded): the 22nd Meeting, expected 1 March 2025,
    # decides every deadline before the 23rd opens, Charlie's included; Alpha's request was
    # the Conference's, so Alpha must request again.
    assert _expected_on(staff_client, date(2024, 12, 10)) == [
        ("AAA", "22MSP", "2025-03-01", "", "expected"),
        ("BBB", "22MSP", "2025-03-01", "", "expected"),
        ("CCC", "22MSP", "2025-03-01", "", "expected"),
    ]
    with time_machine.travel(datetime(2025, 2, 20, 9, tzinfo=UTC)):
        services.receive_request(
            ExtensionRequest(
                state=charlie,
                meeting=calendar["22MSP"],
                received_on=date(2025, 2, 20),
                requested_until=date(2030, 12, 31),
            ),
            RequestVersion(received_on=date(2025, 2, 20)),
        )
    assert _expected_on(staff_client, date(2025, 3, 2)) == [
        ("AAA", "22MSP", "2025-03-01", "", "missing"),
        ("BBB", "22MSP", "2025-03-01", "", "missing"),
        ("CCC", "22MSP", "2025-03-01", "2025-02-20", "received"),
    ]
