"""Every URL, every kind of user: who gets in, and that nobody sees what is not theirs."""

from types import ModuleType

import pytest
import time_machine
from django.http import HttpResponse
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, include, path
from rest_framework.routers import DefaultRouter

from activities.models import Activity
from api import urls as api_urls
from api.committees import MeetingViewSet
from committees.models import Meeting
from committees.views import meetings as committee_views
from states_parties import views as state_views
from states_parties.models import StateParty

from . import matrix
from .conftest import TODAY  # the module's records (fixture ``data``) are built once, as of then

pytestmark = pytest.mark.django_db


def test_every_url_pattern_says_who_may_open_it():
    assert matrix.undeclared_patterns() == []
    assert matrix.stale_entries() == []


def _by_namespace() -> dict[str, list[str]]:
    """The table's URL names by namespace (``""`` for those without one)."""
    groups: dict[str, list[str]] = {}
    for name in sorted(matrix.ACCESS):
        groups.setdefault(name.rpartition(":")[0], []).append(name)
    return groups


NAMESPACES = _by_namespace()


# One test per namespace, so that the walk spreads over the test workers.
@pytest.mark.slow
@pytest.mark.parametrize("namespace", sorted(NAMESPACES))
def test_every_page_export_and_file_as_every_kind_of_user(data, namespace):
    with time_machine.travel(TODAY, tick=True):
        assert matrix.check_matrix(data, NAMESPACES[namespace]) == []


def test_the_namespaces_together_are_the_whole_table():
    assert sorted(name for names in NAMESPACES.values() for name in names) == sorted(matrix.ACCESS)
    assert len(NAMESPACES) > 5


@pytest.mark.slow
def test_the_admin_site_is_for_staff_only(data):
    with time_machine.travel(TODAY, tick=True):
        assert matrix.check_admin(data) == []


def _api_basenames() -> list[str]:
    return sorted({route.basename for route in matrix.api_routes()})


# One test per resource, so that the walk spreads over the test workers.
@pytest.mark.slow
@pytest.mark.parametrize("basename", _api_basenames())
def test_every_api_route_as_every_kind_of_user(data, basename):
    with time_machine.travel(TODAY, tick=True):
        assert matrix.check_api(data, [basename]) == []


def test_each_calendar_feed_shows_what_its_owner_may_see(data):
    with time_machine.travel(TODAY, tick=True):
        assert matrix.check_feeds(data) == []


# --- the matrix fails when a view loses its check -------------------------------------------------


def _urlconf_with(replacements: dict) -> ModuleType:
    """The application's URLs with some views swapped, as a module Django can route through."""
    replacements = dict(replacements)  # the caller's stays whole (it names what to check)

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


def test_the_matrix_names_each_kind_of_user_whose_post_changed_a_record(data):
    def careless_edit(request, iso3):
        """The edit page, had it saved whatever was posted for anybody."""
        state = StateParty.objects.get(iso3=iso3)
        if request.method == "POST":
            state.save()  # a row in the audit trail
        return HttpResponse(status=403)

    with (
        time_machine.travel(TODAY, tick=True),
        override_settings(ROOT_URLCONF=_urlconf_with({"states_parties:edit": careless_edit})),
    ):
        problems = matrix.check_matrix(data, names=["states_parties:edit"])
    assert [problem for problem in problems if "changed a record" in problem] == [
        f"states_parties:edit POST /states/KHM/edit/ as {role}: changed a record"
        # Anonymous visitors and reporters are turned away before any view runs.
        for role in ("observer", "member", "chair", "other")
    ]


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


def test_the_matrix_fails_for_an_activity_list_that_forgets_visible_to(data):
    def every_activity(request):
        """The activity list, had it forgotten ``Activity.objects.visible_to``."""
        return HttpResponse("\n".join(activity.text for activity in Activity.objects.all()))

    with (
        time_machine.travel(TODAY, tick=True),
        override_settings(ROOT_URLCONF=_urlconf_with({"activities:activity_list": every_activity})),
    ):
        problems = matrix.check_matrix(data, names=["activities:activity_list"])
    page = "activities:activity_list GET /activities/"
    ccc = sorted([matrix.CCC_ACTIVITY, matrix.CCC_ENGAGEMENT, matrix.CA5_CONFIDENTIAL])
    assert f"{page} as member: shows {ccc}" in problems
    assert f"{page} as chair: shows {ccc}" in problems
    ca5 = sorted([matrix.CA5_ACTIVITY, matrix.CA5_CONFIDENTIAL])
    assert f"{page} as other: shows {ca5}" in problems
    assert any(problem.startswith(f"{page} as observer: shows [") for problem in problems)


class EveryMeeting(MeetingViewSet):
    """The meetings' endpoint, had it forgotten ``Meeting.objects.visible_to``."""

    def get_queryset(self):
        return Meeting.objects.select_related("committee").order_by("-start_date", "pk")


def _urlconf_with_api_route(prefix: str, viewset, basename: str) -> ModuleType:
    """The application's URLs with one more endpoint on the API's router."""
    router = DefaultRouter()
    for registered in api_urls.router.registry:
        router.register(*registered)
    router.register(prefix, viewset, basename=basename)
    api_patterns = [
        path("", include(router.urls)) if isinstance(pattern, URLResolver) else pattern
        for pattern in api_urls.urlpatterns
    ]
    module = ModuleType("patched_urls")
    module.urlpatterns = [
        path("api/", include((api_patterns, "api")))
        if isinstance(pattern, URLResolver) and pattern.namespace == "api"
        else pattern
        for pattern in get_resolver().url_patterns
    ]
    return module


def test_a_new_api_route_is_checked_without_a_line_in_the_table(data):
    urlconf = _urlconf_with_api_route("every-meetings", EveryMeeting, "every-meeting")
    assert matrix.undeclared_patterns(urlconf) == []
    with (
        time_machine.travel(TODAY, tick=True),
        override_settings(ROOT_URLCONF=urlconf),
    ):
        problems = matrix.check_api(data, basenames=["every-meeting"])
    listed = "api:every-meeting-list GET /api/every-meetings/"
    assert f"{listed} as member: shows ['{matrix.CCC_MEETING}']" in problems
    assert f"{listed} as other: shows ['{matrix.CA5_MEETING}']" in problems
    assert f"{listed} as observer: shows {sorted([matrix.CA5_MEETING, matrix.CCC_MEETING])}" in (
        problems
    )
    detail = f"api:every-meeting-detail GET /api/every-meetings/{data.ccc_meeting.pk}/"
    assert f"{detail} as chair: shows ['{matrix.CCC_MEETING}']" in problems


def test_the_matrix_fails_for_a_new_view_nobody_declared():
    urlconf = _urlconf_with({"reports/secret/": committee_views.meeting_list})
    assert matrix.undeclared_patterns(urlconf) == ["(unnamed) reports/secret/"]
