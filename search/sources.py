"""The records every installation has, in the order the results page shows them. Each source
reads through the model's own ``visible_to(user)`` (or the permission helper of the pages), so
that a search never finds what the user may not open."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.permissions import (
    can_read_correspondence,
    can_see_audiences,
    can_see_compliance_matters,
    can_see_contacts,
)
from activities.models import Activity, ComplianceMatter, Priority
from committees.models import Committee, Meeting, parse_meeting_name
from correspondence.models import Letter
from documents.models import Document
from reporting.models import Audience
from states_parties.models import Contact, StateParty

from .registry import SearchSource, register


def _meeting_by_short_name(text: str) -> Q | None:
    parsed = parse_meeting_name(text)
    return Q(kind=parsed[0], number=parsed[1]) if parsed else None


def _in_reader_language(record: Activity | Priority) -> str:
    """The paragraph in the page's language where it is translated, else the original."""
    return record.text_in(get_language()) or record.text


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
    fields={"name": "A", "name_fr": "A", "name_es": "A", "iso3": "A", "notes": "C"},
    title=lambda state: state.display_name,
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


def _paragraph(text: str) -> str:
    return Truncator(text).chars(160)


def _document_by_symbol(text: str) -> Q | None:
    """A symbol is one token to the parser ("APLC/MSP.22/2025/WP.5"): match it, or a part of
    it ("MSP.22/2025"), as written."""
    text = text.strip()
    return Q(symbol__icontains=text) if len(text) >= 3 else None


def _priorities_page(priority: Priority) -> str:
    query = urlencode({"committee": priority.committee.code, "period": priority.period})
    return f"{reverse('activities:priority_list')}?{query}"


ACTIVITIES = SearchSource(
    key="activities",
    label=_("Activities"),
    visible=lambda user: Activity.objects.visible_to(user).select_related("committee"),
    fields={"text": "A", "text_fr": "A", "text_es": "A"},
    title=lambda activity: _paragraph(_in_reader_language(activity)),
    summary=lambda activity: " · ".join(
        (activity.committee.code, f"{activity.date:%Y-%m-%d}", activity.get_visibility_display())
    ),
)
PRIORITIES = SearchSource(
    key="priorities",
    label=_("Priorities"),
    visible=lambda user: Priority.objects.visible_to(user).select_related("committee"),
    fields={"text": "A", "period": "B"},
    title=lambda priority: _paragraph(_in_reader_language(priority)),
    summary=lambda priority: f"{priority.committee.code} · {priority.period}",
    url=_priorities_page,
)
COMPLIANCE_MATTERS = SearchSource(
    key="compliance_matters",
    label=_("Compliance matters"),
    visible=lambda user: ComplianceMatter.objects.visible_to(user),
    offered_to=can_see_compliance_matters,
    fields={"title": "A", "summary": "C"},
    title=lambda matter: matter.title,
    summary=lambda matter: f"{matter.get_status_display()} · {matter.opened_on:%Y-%m-%d}",
)
DOCUMENTS = SearchSource(
    key="documents",
    label=_("Documents"),
    visible=lambda user: Document.objects.visible_to(user).select_related("committee"),
    fields={"symbol": "A", "kind": "B", "period": "B"},
    title=lambda document: f"{document.symbol}: {document.get_kind_display()} {document.period}",
    summary=lambda document: " · ".join(
        (document.committee.code, f"{document.date:%Y-%m-%d}", document.get_status_display())
    ),
    also_matches=_document_by_symbol,
)
LETTERS = SearchSource(
    key="letters",
    label=_("Letters"),
    visible=lambda user: Letter.objects.visible_to(user).select_related("committee"),
    offered_to=can_read_correspondence,
    fields={
        "title": "A",
        "subject_en": "A",
        "subject_fr": "A",
        "subject_es": "A",
        "body_en": "C",
        "body_fr": "C",
        "body_es": "C",
    },
    title=lambda letter: f"{letter.reference} {letter.title}",
    summary=lambda letter: letter.get_status_display(),
)
CONTACTS = SearchSource(
    key="contacts",
    label=_("Contacts"),
    visible=_contacts,
    offered_to=can_see_contacts,
    fields={"name": "A", "email": "A", "function": "C"},
    title=lambda contact: contact.name,
    summary=lambda contact: f"{contact.state.display_name} · {contact.get_kind_display()}",
    url=lambda contact: contact.state.get_absolute_url(),
)
AUDIENCES = SearchSource(
    key="audiences",
    label=_("Audiences"),
    visible=_audiences,
    offered_to=can_see_audiences,
    fields={"name": "A", "description": "C"},
    title=lambda audience: audience.display_name,
    summary=lambda audience: audience.get_query_display(),
    url=lambda audience: reverse("reporting:audience", args=[audience.pk]),
)

for _source in (
    STATES,
    COMMITTEES,
    MEETINGS,
    ACTIVITIES,
    PRIORITIES,
    COMPLIANCE_MATTERS,
    DOCUMENTS,
    LETTERS,
    CONTACTS,
    AUDIENCES,
):
    register(_source)
