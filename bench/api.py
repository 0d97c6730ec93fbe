"""Issue 8: the API's States list (a page of 50, and of 500) and the search page, at 200 and
2,000 States (with the contacts, figures and extensions of the ``states`` suite)."""

from __future__ import annotations

from collections.abc import Iterator

from .harness import size_label, staff_client, time_page

SIZES = (200, 2000)


def token_client():
    """An API client with an ISU staff token, as a program would call the API."""
    from rest_framework.test import APIClient

    from api import services
    from tests.factories import UserFactory

    user = UserFactory(username="bench-api", role="isu_staff")
    _token, secret = services.create_token(user, name="bench", expiry=None, created_by=None)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def run(size: int) -> Iterator[str]:
    from .states import populate

    sample = populate(size)
    api = token_client()
    label = size_label(size, "States")
    yield time_page(api, "/api/states/", f"API states list, {label}", contains=sample.iso3).line()
    yield time_page(
        api, "/api/states/?page_size=500", f"API states list, 500 a page, {label}", runs=10
    ).line()
    yield time_page(
        api,
        "/api/states/?status=state_party&open_obligation=article5",
        f"API states list filtered, {label}",
        contains=sample.iso3,
    ).line()
    yield time_page(
        api, f"/api/states/{sample.iso3}/", f"API state detail, {label}", contains=sample.iso3
    ).line()
    browser = staff_client()
    yield time_page(
        browser, "/search/?q=State", f"search page, every State matches, {label}", contains="State"
    ).line()
    yield time_page(
        browser, f"/search/?q={sample.iso3}", f"search page, one hit, {label}", contains=sample.name
    ).line()
