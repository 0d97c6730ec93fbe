"""Every URL, every kind of user: who gets in, and that nobody sees what is not theirs."""

from datetime import UTC, datetime
from types import ModuleType

import pytest
import time_machine
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path

from committees import views as committee_views
from committees.models import Meeting
from states_parties import views as state_views

from . import matrix

pytestmark = pytest.mark.django_db

TODAY = datetime(2025, 6, 1, 10, 0, tzinfo=UTC)  # CA5 and CCC members serving, DEU in the chair


@pytest.fixture
def data(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(TODAY, tick=True):
        yield matrix.build_data()


def test_every_url_pattern_says_who_may_open_it():
    assert matrix.undeclared_patterns() == []
    assert matrix.stale_entries() == []


def test_every_page_export_and_file_as_every_kind_of_user(data):
    with time_machine.travel(TODAY, tick=True):
        assert matrix.check_matrix(data) == []


def test_the_admin_site_is_for_staff_only(data):
    with time_machine.travel(TODAY, tick=True):
        assert matrix.check_admin(data) == []


# --- the matrix fails when a view loses its check -------------------------------------------------


def _urlconf_with(replacements: dict) -> ModuleType:
    """The application's URLs with some views swapped, as a module Django can route through."""

    def rebuild(patterns: list, namespace: str | None) -> list:
        rebuilt = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
                rebuilt.append(
                    URLResolver(
                        pattern.pattern,
                        rebuild(pattern.url_patterns, inner),
                        app_name=pattern.app_name,
                        namespace=pattern.namespace,
                    )
                )
                continue
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            view = replacements.pop(name, pattern.callback)
            rebuilt.append(URLPattern(pattern.pattern, view, pattern.default_args, pattern.name))
        return rebuilt

    module = ModuleType("patched_urls")
    module.urlpatterns = rebuild(get_resolver().url_patterns, None)
    module.urlpatterns += [path(route, view) for route, view in replacements.items()]
    return module


def test_the_matrix_fails_for_a_view_without_its_permission_check(data):
    # The real views without their @staff_required.
    without_checks = {
        "states_parties:edit": state_views.state_edit.__wrapped__,
        "states_parties:contact_edit": state_views.contact_edit.__wrapped__,
    }
    with (
        time_machine.travel(TODAY, tick=True),
        override_settings(ROOT_URLCONF=_urlconf_with(without_checks)),
    ):
        problems = matrix.check_matrix(data, names=list(without_checks))
    edit = "states_parties:edit GET /states/KHM/edit/"
    assert f"{edit} as observer: 200 , expected 403" in problems
    assert f"{edit} as other: 200 , expected 403" in problems
    contact = f"states_parties:contact_edit GET /states/KHM/contacts/{data.contact.pk}/"
    assert f"{contact} as observer: 200 , expected 403" in problems
    assert f"{contact} as observer: shows ['{matrix.CONTACT}']" in problems


def test_the_matrix_fails_for_a_list_that_shows_other_committees_records(data):
    def every_meeting(request):
        """The meeting list, had it forgotten ``Meeting.objects.visible_to``."""
        from django.http import HttpResponse

        return HttpResponse(", ".join(str(m) for m in Meeting.objects.order_by("start_date")))

    with (
        time_machine.travel(TODAY, tick=True),
        override_settings(ROOT_URLCONF=_urlconf_with({"committees:meeting_list": every_meeting})),
    ):
        problems = matrix.check_matrix(data, names=["committees:meeting_list"])
    assert (
        "committees:meeting_list GET /meetings/ as member: shows "
        f"['{matrix.CCC_MEETING}']" in problems
    )
    assert (
        "committees:meeting_list GET /meetings/ as other: shows "
        f"['{matrix.CA5_MEETING}']" in problems
    )


def test_the_matrix_fails_for_a_new_view_nobody_declared():
    urlconf = _urlconf_with({"reports/secret/": committee_views.meeting_list})
    assert matrix.undeclared_patterns(urlconf) == ["(unnamed) reports/secret/"]
