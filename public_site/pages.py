"""What the public pages show, read from the record: only public meetings (the formal,
intersessional and special ones, never a committee's own), published versions at the public
level (the latest of each document), the States' public record and the committees' texts.

Each function returns a template context of lists and values: nothing runs while the page
renders, and the rendered page is kept (``views``) until one of ``SOURCES`` is written to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from article7.models import Report
from committees.composition import compositions_on
from committees.models import Committee, Meeting
from common.collation import sorted_by_text
from common.visibility import Visibility
from documents.models import DocumentVersion, RenderJob
from states_parties.models import StateParty
from states_parties.rules import Status

from .models import CommitteeText

#: The cache's name for every public page (``common.cache``), and the tables whose writes make
#: the pages kept stale.
CACHE_NAME = "public_site"
SOURCES = ("states_parties_", "committees_", "documents_", "public_site_", "article7_")

#: The States that have joined the Convention (in force, or about to be, or withdrawing).
PARTY_STATUSES = (Status.STATE_PARTY, Status.WITHDRAWAL_PENDING, Status.ENTRY_INTO_FORCE_PENDING)


# --- documents -----------------------------------------------------------------------------------


def published_versions():
    """The latest version of each document, where it was published at the public level, with
    its PDF rendering (``done_jobs``)."""
    latest = (
        DocumentVersion.objects.filter(document=OuterRef("document"))
        .order_by("-number")
        .values("number")[:1]
    )
    return (
        DocumentVersion.objects.filter(visibility=Visibility.PUBLIC, number=Subquery(latest))
        .select_related("document__committee", "document__meeting")
        .prefetch_related(
            Prefetch(
                "render_jobs",
                queryset=RenderJob.objects.filter(status=RenderJob.Status.DONE).order_by("pk"),
                to_attr="done_jobs",
            )
        )
        .order_by("-document__date", "document__symbol", "document__language")
    )


def published_version(pk: int, number: int) -> DocumentVersion:
    version = published_versions().filter(document=pk, number=number).first()
    if version is None or not version.done_jobs:
        raise Http404
    return version


# --- committees ----------------------------------------------------------------------------------


@dataclass
class CommitteePage:
    """A committee as its public page shows it, in the page's language."""

    committee: Committee
    chair: str = ""
    members: list[str] = field(default_factory=list)
    purpose: list[str] = field(default_factory=list)
    mandate: list[str] = field(default_factory=list)
    composition: list[str] = field(default_factory=list)
    working_methods: list[str] = field(default_factory=list)
    #: The text is shown in English, the page's language having none.
    in_english_only: bool = False


def _committee_pages(committees: list[Committee], on: date) -> list[CommitteePage]:
    language = get_language() or "en"
    texts = CommitteeText.objects.for_page([c.pk for c in committees], language)
    pages = []
    for composition in compositions_on(on, committees):
        committee = composition.committee
        page = CommitteePage(
            committee=committee,
            chair=composition.chair.line_name if composition.chair else "",
            members=[
                member.line_name
                for member in sorted_by_text(
                    composition.members, lambda member: member.state.display_name
                )
            ],
        )
        text = texts.get(committee.pk)
        if text is not None:
            page.purpose = text.purpose_items
            page.mandate = text.mandate_items
            page.composition = text.composition_items
            page.working_methods = text.working_method_items
            page.in_english_only = text.language != language
        else:
            # The texts the record carries, which the catalogues translate.
            page.purpose = [committee.display_purpose] if committee.purpose else []
            page.mandate = [item.display_text for item in committee.mandate_items.all()]
            page.working_methods = (
                [committee.display_working_methods] if committee.working_methods else []
            )
        pages.append(page)
    return pages


def committees_context() -> dict:
    committees = list(
        Committee.objects.prefetch_related("mandate_items", "requirements__member_kind")
    )
    return {"committees": _committee_pages(committees, timezone.localdate())}


def committee_context(code: str) -> dict:
    committee = (
        Committee.objects.prefetch_related("mandate_items", "requirements__member_kind")
        .filter(code=code.upper())
        .first()
    )
    if committee is None:
        raise Http404
    (page,) = _committee_pages([committee], timezone.localdate())
    return {
        "page": page,
        "documents": list(published_versions().filter(document__committee=committee)),
    }


# --- States --------------------------------------------------------------------------------------


def states_context() -> dict:
    states = list(StateParty.objects.with_status().in_name_order())
    parties = [state for state in states if state.status in PARTY_STATUSES]
    return {
        "parties": parties,
        "not_party": [state for state in states if state.status not in PARTY_STATUSES],
    }


# --- meetings and documents ------------------------------------------------------------------


def public_meetings():
    """Meetings the public knows of: every one not of a committee of its own."""
    return Meeting.objects.filter(committee__isnull=True).select_related("president_state")


def meetings_context() -> dict:
    today = timezone.localdate()
    meetings = list(public_meetings().order_by("start_date", "pk"))
    by_meeting: dict[int, list[DocumentVersion]] = {}
    for version in published_versions().filter(document__meeting__in=meetings):
        by_meeting.setdefault(version.document.meeting_id, []).append(version)
    for meeting in meetings:
        meeting.public_documents = by_meeting.get(meeting.pk, [])
    return {
        "upcoming": [meeting for meeting in meetings if meeting.end_date >= today],
        "past": [meeting for meeting in reversed(meetings) if meeting.end_date < today],
    }


def documents_context() -> dict:
    versions = list(published_versions())
    committees: dict[int, dict] = {}
    for version in versions:
        committee = version.document.committee
        group = committees.setdefault(committee.pk, {"committee": committee, "versions": []})
        group["versions"].append(version)
    return {
        "groups": sorted(
            committees.values(),
            key=lambda group: (group["committee"].display_order, group["committee"].name),
        ),
        "count": len(versions),
    }


def article7_context() -> dict:
    """The Article 7 reports the ISU published (each State's and year's latest version): the
    figures the committees follow, as the report gave them."""
    reports = list(
        Report.objects.published()
        .latest_versions()
        .filter(visibility=Visibility.PUBLIC)
        .select_related("state")
        .order_by("-year_covered", "state__name", "-version")
    )
    return {"reports": sorted(reports, key=lambda report: -(report.year_covered or 0))}


def home_context() -> dict:
    return {
        **committees_context(),
        "latest": list(published_versions()[:5]),
        "next_meetings": list(
            public_meetings().filter(end_date__gte=timezone.localdate()).order_by("start_date")[:3]
        ),
    }


def title(name: str) -> str:
    """The heading of a page of the site, by its URL name."""
    return {
        "home": _("Anti-Personnel Mine Ban Convention"),
        "states": _("States Parties"),
        "meetings": _("Meetings"),
        "documents": _("Documents"),
        "article7": _("Article 7 reports"),
    }.get(name, "")
