"""The records every installation has. Other apps register theirs in their ``ready()``."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_see_contacts
from committees.models import Committee, Meeting, parse_meeting_name
from reporting.models import Audience
from states_parties.models import Contact, StateParty

from .registry import SearchSource, register


def _meeting_by_short_name(text: str) -> Q | None:
    parsed = parse_meeting_name(text)
    return Q(kind=parsed[0], number=parsed[1]) if parsed else None


def _contacts(user):
    if not can_see_contacts(user):
        return Contact.objects.none()
    return Contact.objects.select_related("state")


def _audiences(user):
    if not can_see_contacts(user):
        return Audience.objects.none()
    return Audience.objects.all()


STATES = SearchSource(
    key="states",
    label=_("States"),
    visible=lambda user: StateParty.objects.with_status(),
    fields={"name": "A", "iso3": "A", "notes": "C"},
    title=lambda state: state.name,
    summary=lambda state: f"{state.iso3} · {state.status.label}",
)
COMMITTEES = SearchSource(
    key="committees",
    label=_("Committees"),
    visible=lambda user: Committee.objects.all(),
    fields={"name": "A", "code": "A", "purpose": "B", "working_methods": "D"},
    title=lambda committee: committee.display_name,
    summary=lambda committee: committee.code,
)
MEETINGS = SearchSource(
    key="meetings",
    label=_("Meetings"),
    visible=lambda user: Meeting.objects.visible_to(user).select_related("committee"),
    fields={"title": "A", "venue": "B", "notes": "C"},
    title=lambda meeting: meeting.display_title,
    summary=lambda meeting: " · ".join(
        part
        for part in (
            f"{meeting.start_date:%Y-%m-%d}",
            meeting.venue,
            meeting.committee.code if meeting.committee_id else "",
        )
        if part
    ),
    also_matches=_meeting_by_short_name,
)
CONTACTS = SearchSource(
    key="contacts",
    label=_("Contacts"),
    visible=_contacts,
    fields={"name": "A", "email": "A", "function": "C"},
    title=lambda contact: contact.name,
    summary=lambda contact: f"{contact.state.name} · {contact.get_kind_display()}",
    url=lambda contact: contact.state.get_absolute_url(),
)
AUDIENCES = SearchSource(
    key="audiences",
    label=_("Audiences"),
    visible=_audiences,
    fields={"name": "A", "description": "C"},
    title=lambda audience: audience.display_name,
    summary=lambda audience: audience.get_query_display(),
    url=lambda audience: reverse("reporting:audience", args=[audience.pk]),
)

for _source in (STATES, COMMITTEES, MEETINGS, CONTACTS, AUDIENCES):
    register(_source)
