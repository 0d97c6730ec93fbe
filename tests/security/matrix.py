"""The access matrix: every URL pattern the resolver knows, who may open it, and what nobody
may see that is not theirs.

``ACCESS`` names every pattern of the application. ``check_matrix`` requests each one as every
kind of user and returns the violations (wrong status, a write by someone who may not write,
text that belongs to someone else); ``undeclared_patterns`` returns the patterns the resolver
has and the table does not. A new view therefore fails the suite until someone decides, here,
who may open it.

Roles: ``anonymous``; ``observer`` (ICBL, ICRC); ``member`` and ``chair`` of the Committee on
Article 5 Implementation (CA5); ``other``, a member of another committee (Cooperative
Compliance, CCC); ``staff`` (ISU, superuser).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

ROLES = ("anonymous", "observer", "member", "chair", "other", "staff")
NOT_STAFF = ROLES[:-1]

LOGIN = "login"  # a redirect to the login page
ADMIN_LOGIN = "admin-login"  # a redirect to the admin's login page

# --- what nobody else may read --------------------------------------------------------------------

CONTACT = "sentinel-contact@mission.example"
CA5_DELEGATE = "Sentinel CA5 Delegate"
CCC_DELEGATE = "Sentinel CCC Delegate"
CA5_MEETING = "Sentinel CA5 working session"
CCC_MEETING = "Sentinel CCC alleged use briefing"
SP_LINK = "https://reports.example/sentinel-states-parties.pdf"
INTERNAL_LINK = "https://reports.example/sentinel-internal.pdf"
CONFIDENTIAL_LINK = "https://reports.example/sentinel-confidential.pdf"
SP_DOCUMENT = b"%PDF-1.4\n% sentinel-document-for-states-parties\n%%EOF\n"
AUDIENCE = "Sentinel audience of chased States"
USER_EMAIL = "sentinel-user@secretariat.example"

EVERY_SENTINEL = {
    CONTACT,
    CA5_DELEGATE,
    CCC_DELEGATE,
    CA5_MEETING,
    CCC_MEETING,
    SP_LINK,
    INTERNAL_LINK,
    CONFIDENTIAL_LINK,
    SP_DOCUMENT.decode(),
    AUDIENCE,
    USER_EMAIL,
}
#: Text each role must never receive, in any page, export, file or redirect.
FORBIDDEN = {
    "anonymous": EVERY_SENTINEL,
    "observer": EVERY_SENTINEL,
    "member": {CCC_DELEGATE, CCC_MEETING, INTERNAL_LINK, CONFIDENTIAL_LINK, USER_EMAIL},
    "chair": {CCC_DELEGATE, CCC_MEETING, INTERNAL_LINK, CONFIDENTIAL_LINK, USER_EMAIL},
    "other": {CA5_DELEGATE, CA5_MEETING, INTERNAL_LINK, CONFIDENTIAL_LINK, USER_EMAIL},
    "staff": set(),
}


@dataclass
class Data:
    """The records the matrix requests pages about."""

    users: dict[str, Any]
    state: Any
    committee: Any
    ccc: Any
    term: Any
    office: Any
    representative: Any
    formal_meeting: Any
    ca5_meeting: Any
    ccc_meeting: Any
    extension: Any
    retained: Any
    contact: Any
    submission: Any
    article9: Any
    audience: Any


def build_data() -> Data:
    """Committees on 1 June 2025, records of every kind, and the sentinels above."""
    import importlib

    from django.apps import apps

    from committees import services as committee_services
    from committees.models import Meeting, Office, Representative, SeatTerm
    from common.models import Heartbeat
    from reporting import services as reporting_services
    from reporting.models import Article9Record, Audience, Submission
    from states_parties.models import Article5Extension, Contact, RetainedMines
    from tests.committee_fixtures import MEETINGS
    from tests.factories import StatePartyFactory, UserFactory

    importlib.import_module("committees.migrations.0002_standing_committees").create(apps, None)
    from committees.models import Committee

    committees = {committee.code: committee for committee in Committee.objects.all()}
    states = {
        iso3: StatePartyFactory(iso3=iso3, name=name, deposit_date=date(1999, 4, 23))
        for iso3, name in (
            ("DEU", "Germany"),
            ("PER", "Peru"),
            ("CAN", "Canada"),
            ("KHM", "Cambodia"),
        )
    }
    meetings = {}
    for kind, number, opens, closes in MEETINGS:
        meeting = Meeting.objects.create(
            kind=kind, number=number, start_date=opens, end_date=closes, venue="Geneva"
        )
        meetings[meeting.short_name] = meeting

    def seat(code: str, iso3: str, start: str, end: str) -> SeatTerm:
        return committee_services.save_term(
            SeatTerm(
                committee=committees[code],
                state=states[iso3],
                start_meeting=meetings[start],
                end_meeting=meetings[end],
            )
        )

    chair_term = seat("CA5", "DEU", "21MSP", "22MSP")
    member_term = seat("CA5", "PER", "5RC", "23MSP")
    other_term = seat("CCC", "CAN", "5RC", "23MSP")
    office = committee_services.set_office(chair_term, Office.Kind.CHAIR, 2025)

    users = {
        "observer": UserFactory(username="m-observer", role="observer"),
        "member": UserFactory(username="m-member", role="committee"),
        "chair": UserFactory(username="m-chair", role="committee"),
        "other": UserFactory(username="m-other", role="committee"),
        "staff": UserFactory(
            username="m-staff",
            role="isu_staff",
            is_staff=True,
            is_superuser=True,
            email=USER_EMAIL,
        ),
    }
    representative = Representative.objects.create(
        term=member_term, name=CA5_DELEGATE, user=users["member"]
    )
    Representative.objects.create(term=chair_term, name="Carmen", user=users["chair"])
    Representative.objects.create(term=other_term, name=CCC_DELEGATE, user=users["other"])

    ca5_meeting = Meeting.objects.create(
        kind="committee",
        committee=committees["CA5"],
        title=CA5_MEETING,
        start_date=date(2025, 6, 10),
        end_date=date(2025, 6, 10),
    )
    ccc_meeting = Meeting.objects.create(
        kind="committee",
        committee=committees["CCC"],
        title=CCC_MEETING,
        start_date=date(2025, 6, 11),
        end_date=date(2025, 6, 11),
    )
    state = states["KHM"]
    state.has_mined_areas = True
    state.had_stockpiles = True
    state.save()
    extension = Article5Extension.objects.create(
        state=state, submitted_on=date(2008, 3, 31), requested_until=date(2020, 1, 1)
    )
    retained = RetainedMines.objects.create(state=state, year=2024, quantity=500)
    contact = Contact.objects.create(
        state=state, kind="permanent_mission", name="Sentinel Contact", email=CONTACT
    )
    submission = Submission(
        state=state,
        year=2023,
        received_on=date(2024, 4, 2),
        visibility="states_parties",
        link=SP_LINK,
    )
    submission.document.save("sentinel.pdf", ContentFile(SP_DOCUMENT), save=False)
    reporting_services.save_submission(submission)
    for year, visibility, link in (
        (2022, "internal", INTERNAL_LINK),
        (2021, "confidential", CONFIDENTIAL_LINK),
    ):
        reporting_services.save_submission(
            Submission(
                state=state,
                year=year,
                received_on=date(year + 1, 4, 2),
                visibility=visibility,
                link=link,
            )
        )
    article9 = reporting_services.save_article9_record(
        Article9Record(state=state, as_of=date(2024, 1, 1), status="in_preparation")
    )
    audience = reporting_services.save_audience(
        Audience(name=AUDIENCE, query=Audience.Query.HAND_PICKED), [state]
    )
    reporting_services.sync_expected_reports()
    for name in ("worker", "beat"):
        Heartbeat.objects.create(name=name, last_seen=timezone.now())
    return Data(
        users=users,
        state=state,
        committee=committees["CA5"],
        ccc=committees["CCC"],
        term=member_term,
        office=office,
        representative=representative,
        formal_meeting=meetings["22MSP"],
        ca5_meeting=ca5_meeting,
        ccc_meeting=ccc_meeting,
        extension=extension,
        retained=retained,
        contact=contact,
        submission=submission,
        article9=article9,
        audience=audience,
    )


# --- the table ------------------------------------------------------------------------------------


@dataclass
class Rule:
    """Who gets which status for GET; ``kwargs`` builds the URL's arguments from ``Data``."""

    statuses: dict[str, int | str]
    kwargs: Callable[[Data], dict] = field(default=lambda data: {})
    query: str = ""
    #: Text that must appear for a role (the page shows what is theirs).
    shows: dict[str, str] = field(default_factory=dict)


def _statuses(**by_role: int | str) -> dict[str, int | str]:
    return {"anonymous": LOGIN, **by_role}


def signed_in(**overrides: Any) -> Rule:
    kwargs = overrides.pop("kwargs", lambda data: {})
    query = overrides.pop("query", "")
    shows = overrides.pop("shows", {})
    statuses = _statuses(**dict.fromkeys(ROLES[1:], 200))
    statuses.update(overrides)
    return Rule(statuses, kwargs, query, shows)


def not_observers(**kwargs: Any) -> Rule:
    return signed_in(observer=403, **kwargs)


def staff_only(staff: int = 200, **kwargs: Any) -> Rule:
    return signed_in(observer=403, member=403, chair=403, other=403, staff=staff, **kwargs)


def ca5_workspace(**kwargs: Any) -> Rule:
    return signed_in(observer=403, other=403, **kwargs)


def _state(data: Data) -> dict:
    return {"iso3": data.state.iso3}


ACCESS: dict[str, Rule] = {
    # Anyone: the login pages and the health check.
    "health": Rule(dict.fromkeys(ROLES, 200)),
    "login": Rule({"anonymous": 200, **dict.fromkeys(ROLES[1:], 302)}),
    "logout": signed_in(**dict.fromkeys(ROLES[1:], 405)),
    # Accounts.
    "home": signed_in(shows={"member": CA5_MEETING, "other": CCC_MEETING}),
    "password_change": signed_in(),
    "password_change_done": signed_in(),
    "two_factor_verify": signed_in(observer=302, member=302, other=302),
    "two_factor_enrol": signed_in(chair=302, staff=302),
    # The audit trail: ISU staff only.
    "history:log": staff_only(),
    "history:record": staff_only(
        kwargs=lambda data: {"model": "states_parties.stateparty", "pk": data.state.pk},
        shows={"staff": CONTACT},
    ),
    # States.
    "states_parties:list": signed_in(),
    "states_parties:export": signed_in(),
    "states_parties:create": staff_only(),
    "states_parties:import": staff_only(),
    "states_parties:detail": signed_in(
        kwargs=_state, shows={"member": CONTACT, "staff": INTERNAL_LINK}
    ),
    "states_parties:edit": staff_only(kwargs=_state),
    "states_parties:delete": staff_only(staff=405, kwargs=_state),
    "states_parties:extension_create": staff_only(kwargs=_state),
    "states_parties:extension_edit": staff_only(
        kwargs=lambda data: {"iso3": data.state.iso3, "pk": data.extension.pk}
    ),
    "states_parties:retained_mines_create": staff_only(kwargs=_state),
    "states_parties:retained_mines_edit": staff_only(
        kwargs=lambda data: {"iso3": data.state.iso3, "pk": data.retained.pk}
    ),
    "states_parties:contact_create": staff_only(kwargs=_state),
    "states_parties:contact_edit": staff_only(
        kwargs=lambda data: {"iso3": data.state.iso3, "pk": data.contact.pk}
    ),
    # Reporting.
    "reporting:overview": signed_in(),
    "reporting:overdue": signed_in(query="format=csv"),
    "reporting:grid": signed_in(query="format=xlsx"),
    "reporting:article9": signed_in(),
    "reporting:article9_export": signed_in(),
    "reporting:article9_create": staff_only(),
    "reporting:article9_edit": staff_only(kwargs=lambda data: {"pk": data.article9.pk}),
    "reporting:article9_import": staff_only(),
    "reporting:submissions": signed_in(shows={"member": "/document/", "staff": CONFIDENTIAL_LINK}),
    "reporting:submission_create": staff_only(),
    "reporting:submissions_import": staff_only(),
    "reporting:submission_edit": staff_only(kwargs=lambda data: {"pk": data.submission.pk}),
    "reporting:submission_delete": staff_only(
        staff=405, kwargs=lambda data: {"pk": data.submission.pk}
    ),
    "reporting:submission_document": signed_in(
        observer=404,
        kwargs=lambda data: {"pk": data.submission.pk},
        shows={"member": SP_DOCUMENT.decode()},
    ),
    "reporting:audiences": not_observers(shows={"member": AUDIENCE}),
    "reporting:audience_create": staff_only(),
    "reporting:audience": not_observers(kwargs=lambda data: {"pk": data.audience.pk}),
    "reporting:audience_edit": staff_only(kwargs=lambda data: {"pk": data.audience.pk}),
    "reporting:audience_delete": staff_only(
        staff=405, kwargs=lambda data: {"pk": data.audience.pk}
    ),
    "reporting:dashboard": ca5_workspace(kwargs=lambda data: {"code": data.committee.code}),
    # Committees and meetings.
    "committees:list": signed_in(),
    "committees:create": staff_only(),
    "committees:composition_export": signed_in(),
    "committees:memberships_import": staff_only(),
    "committees:term_edit": staff_only(kwargs=lambda data: {"pk": data.term.pk}),
    "committees:term_delete": staff_only(staff=405, kwargs=lambda data: {"pk": data.term.pk}),
    "committees:office_create": staff_only(kwargs=lambda data: {"pk": data.term.pk}),
    "committees:office_delete": staff_only(staff=405, kwargs=lambda data: {"pk": data.office.pk}),
    "committees:representative_create": staff_only(kwargs=lambda data: {"pk": data.term.pk}),
    "committees:representative_edit": staff_only(
        kwargs=lambda data: {"pk": data.term.pk, "representative_pk": data.representative.pk}
    ),
    "committees:detail": signed_in(
        kwargs=lambda data: {"code": data.committee.code}, shows={"member": CA5_DELEGATE}
    ),
    "committees:edit": staff_only(kwargs=lambda data: {"code": data.committee.code}),
    "committees:term_create": staff_only(kwargs=lambda data: {"code": data.committee.code}),
    "committees:changeover": staff_only(
        kwargs=lambda data: {"code": data.committee.code, "meeting_pk": data.formal_meeting.pk}
    ),
    "committees:meeting_list": signed_in(shows={"chair": CA5_MEETING, "other": CCC_MEETING}),
    "committees:meeting_export": signed_in(shows={"member": CA5_MEETING}),
    "committees:meetings_import": staff_only(),
    "committees:meeting_create": staff_only(),
    "committees:meeting_month_current": signed_in(),
    "committees:meeting_month": signed_in(
        kwargs=lambda data: {"year": 2025, "month": 6}, shows={"other": CCC_MEETING}
    ),
    "committees:meeting_detail": signed_in(
        observer=404,
        other=404,
        kwargs=lambda data: {"pk": data.ca5_meeting.pk},
        shows={"member": CA5_MEETING},
    ),
    "committees:meeting_edit": staff_only(kwargs=lambda data: {"pk": data.ca5_meeting.pk}),
    "committees:meeting_delete": staff_only(
        staff=405, kwargs=lambda data: {"pk": data.ca5_meeting.pk}
    ),
}

#: Patterns matched by shape rather than one by one: the admin site (Django's own views;
#: only staff accounts with ``is_staff`` get in, everyone else is sent to its login page).
ACCESS_BY_PATTERN: dict[str, str] = {"admin:*": "admin"}
#: Unnamed patterns, by the start of their route: the admin's redirects and catch-all.
ACCESS_BY_ROUTE: dict[str, str] = {"admin/": "admin"}
#: Addresses the admin's unnamed patterns answer.
ADMIN_UNNAMED_URLS = ("/admin/nowhere/", "/admin/accounts/user/1/")

#: Not URL patterns, but served: static files are public (the login page needs them).
STATIC_FILES = ("/static/css/app.css", "/static/js/app.js")


# --- walking the resolver -------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str | None
    route: str
    converters: tuple[str, ...]


def url_patterns(urlconf: Any = None) -> list[Pattern]:
    """Every pattern the resolver would match, with its namespaced name."""

    def walk(patterns: list, prefix: str, namespace: str | None) -> Iterator[Pattern]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name and (
                    f"{namespace}:{pattern.name}" if namespace else pattern.name
                )
                converters = tuple(getattr(pattern.pattern, "converters", {}) or ())
                if not converters:
                    converters = tuple(pattern.pattern.regex.groupindex)
                yield Pattern(name, prefix + str(pattern.pattern), converters)

    return list(walk(get_resolver(urlconf).url_patterns, "", None))


def _group(name: str | None, route: str = "") -> str | None:
    if name is None:
        return next(
            (group for start, group in ACCESS_BY_ROUTE.items() if route.startswith(start)), None
        )
    return next(
        (group for shape, group in ACCESS_BY_PATTERN.items() if fnmatch.fnmatch(name, shape)), None
    )


def undeclared_patterns(urlconf: Any = None) -> list[str]:
    """Patterns the resolver has that the table does not say who may open."""
    missing = []
    for pattern in url_patterns(urlconf):
        if pattern.name is None and _group(None, pattern.route) is None:
            missing.append(f"(unnamed) {pattern.route}")
        elif (
            pattern.name is not None and pattern.name not in ACCESS and _group(pattern.name) is None
        ):
            missing.append(pattern.name)
    return sorted(set(missing))


def stale_entries(urlconf: Any = None) -> list[str]:
    """Table entries for patterns that no longer exist."""
    names = {pattern.name for pattern in url_patterns(urlconf)}
    return sorted(set(ACCESS) - names)


# --- requesting -----------------------------------------------------------------------------------


def clients(data: Data) -> dict[str, Client]:
    from tests.utils import log_in_client

    result = {"anonymous": Client()}
    for role, user in data.users.items():
        result[role] = log_in_client(Client(), user)
    return result


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    text = content.decode("utf-8", errors="replace")
    return text + "\n" + response.get("Location", "")


def _status_matches(expected: int | str, response: Any) -> bool:
    location = response.get("Location", "")
    if expected == LOGIN:
        return response.status_code == 302 and location.startswith("/accounts/login/")
    if expected == ADMIN_LOGIN:
        return response.status_code == 302 and location.startswith("/admin/login/")
    return response.status_code == expected


def _leaks(role: str, body: str) -> list[str]:
    return sorted(text for text in FORBIDDEN[role] if text in body)


def check_rule(name: str, rule: Rule, data: Data, role_clients: dict[str, Client]) -> list[str]:
    """Violations of one table entry: GET as every role, then POST as everyone but staff."""
    from tests.utils import history_row_count

    problems = []
    url = reverse(name, kwargs=rule.kwargs(data))
    if rule.query:
        url += "?" + rule.query
    for role in ROLES:
        response = role_clients[role].get(url)
        body = _body(response)
        if not _status_matches(rule.statuses[role], response):
            problems.append(
                f"{name} GET {url} as {role}: {response.status_code} "
                f"{response.get('Location', '')}, expected {rule.statuses[role]}"
            )
        if leaked := _leaks(role, body):
            problems.append(f"{name} GET {url} as {role}: shows {leaked}")
        if role in rule.shows and rule.shows[role] not in body:
            problems.append(f"{name} GET {url} as {role}: does not show {rule.shows[role]!r}")
    for role in NOT_STAFF:
        client = role_clients[role]
        before = history_row_count()
        response = client.post(url, {})
        if response.status_code >= 500:
            problems.append(f"{name} POST {url} as {role}: {response.status_code}")
        if history_row_count() != before:
            problems.append(f"{name} POST {url} as {role}: changed a record")
        if leaked := _leaks(role, _body(response)):
            problems.append(f"{name} POST {url} as {role}: shows {leaked}")
        if role != "anonymous" and "_auth_user_id" not in client.session:  # it logged out
            from tests.utils import log_in_client

            log_in_client(client, data.users[role])
    return problems


def check_matrix(data: Data, names: list[str] | None = None) -> list[str]:
    role_clients = clients(data)
    problems = []
    for name in names or sorted(ACCESS):
        problems.extend(check_rule(name, ACCESS[name], data, role_clients))
    for path in STATIC_FILES:
        response = role_clients["anonymous"].get(path)
        if response.status_code != 200:
            problems.append(f"static {path} as anonymous: {response.status_code}")
    return problems


# --- the admin site -------------------------------------------------------------------------------


def _admin_kwargs(pattern: Pattern, data: Data) -> dict | None:
    """Arguments for an admin pattern, from its name: ``admin:<app>_<model>_<view>``."""
    from django.apps import apps
    from django.contrib import admin
    from django.contrib.contenttypes.models import ContentType

    kwargs: dict[str, Any] = {}
    model = None
    for registered in admin.site._registry:
        prefix = f"admin:{registered._meta.app_label}_{registered._meta.model_name}_"
        if pattern.name.startswith(prefix):
            model = registered
    for converter in pattern.converters:
        if converter == "app_label":
            kwargs[converter] = "accounts"
        elif converter in ("object_id", "id", "pk"):
            if model is None:
                return None
            obj = model._default_manager.order_by("pk").first()
            if obj is None:
                return None
            kwargs[converter] = str(obj.pk)
        elif converter == "content_type_id":
            kwargs[converter] = ContentType.objects.get_for_model(
                apps.get_model("accounts.User")
            ).pk
            kwargs["object_id"] = str(data.users["staff"].pk)
        elif converter == "url":
            kwargs[converter] = "nowhere/"
    return kwargs


def check_admin(data: Data) -> list[str]:
    role_clients = clients(data)
    problems = []
    urls = []
    for pattern in url_patterns():
        if pattern.name is None or _group(pattern.name) != "admin":
            continue
        kwargs = _admin_kwargs(pattern, data)
        if kwargs is not None:
            urls.append((pattern.name, reverse(pattern.name, kwargs=kwargs)))
    urls += [("admin (unnamed)", url) for url in ADMIN_UNNAMED_URLS]
    for name, url in urls:
        for role in ROLES:
            response = role_clients[role].get(url)
            body = _body(response)
            if role == "staff":
                if response.status_code >= 500:
                    problems.append(f"{name} GET {url} as staff: {response.status_code}")
                continue
            expected_login = name not in ("admin:login", "admin:logout")
            # Anonymous visitors meet one login page or the other; signed-in ones the admin's.
            logins = (LOGIN, ADMIN_LOGIN) if role == "anonymous" else (ADMIN_LOGIN,)
            if expected_login and not any(_status_matches(one, response) for one in logins):
                problems.append(
                    f"{name} GET {url} as {role}: {response.status_code}, expected the "
                    "admin login page"
                )
            if leaked := _leaks(role, body):
                problems.append(f"{name} GET {url} as {role}: shows {leaked}")
    return problems
