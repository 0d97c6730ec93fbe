"""A body nested deeper than any record is refused as malformed (400), never a server error."""

import json

import pytest

from api.parsers import MAX_DEPTH, depth

pytestmark = pytest.mark.django_db


def _post(client, body: str):
    return client.generic("POST", "/api/meetings/", body, content_type="application/json")


@pytest.mark.parametrize("url", ["/api/meetings/", "/api/activities/", "/api/replies/"])
def test_a_body_the_decoder_cannot_follow_answers_400(record, api_staff, url):
    body = "[" * 100_000 + "]" * 100_000  # past Python's recursion limit
    response = api_staff.generic("POST", url, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": f"JSON parse error - nested more than {MAX_DEPTH} levels deep."
    }


def test_a_body_nested_deeper_than_any_record_answers_400(record, api_staff):
    nested: object = "Geneva"
    for _level in range(MAX_DEPTH):
        nested = {"venue": nested}
    response = _post(api_staff, json.dumps({"kind": "workshop", "notes": nested}))
    assert response.status_code == 400
    assert response.json() == {
        "detail": f"JSON parse error - nested more than {MAX_DEPTH} levels deep."
    }


def test_ordinary_bodies_still_parse(record, api_staff):
    response = _post(api_staff, json.dumps({"kind": "workshop", "states": ["KHM"]}))
    assert response.status_code == 400  # a rule of the record, not of the parser
    assert "start_date" in response.json()


def test_depth():
    assert (depth(1), depth([]), depth({"a": [1, {"b": []}]})) == (0, 1, 4)
