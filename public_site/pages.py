"""What the public pages show, read from the record: only public meetings (the formal,
intersessional and special ones, never a committee's own), published versions at the public
level (the latest of each document), the States' public record and the committees' texts.

Each function returns a template context of lists and values: nothing runs while the page
renders, and the rendered page is kept (``views``) until one of ``SOURCES`` is written to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from article7.models import Report
from article7.pdf import pdf_context
from committees.composition import compositions_on
from committees.models import Committee, Meeting
from common.collation import sorted_by_text
from common.visibility import Visibility
from documents.models import DocumentVersion, RenderJob
from states_parties.models import StateParty
from states_parties.rules import Status

from .models import CommitteeText
from .rows import document_rows, html_rows, state_rows

#: The cache's name for every public page (``common.cache``), and the tables whose writes make
#: the pages kept stale.
CACHE_NAME = "public_site"
SOURCES = ("states_parties_", "committees_", "documents_", "public_site_", "article7_")

#: The States that have joined the Convention (in force, or about to be, or withdrawing).
PARTY_STATUSES = (Status.STATE_PARTY, Status.WITHDRAWAL_PENDING, Status.ENTRY_INTO_FORCE_PENDING)


# --- documents -----------------------------------------------------------------------------------


def published_versions():
    """The latest version of each document, where it was published at the public level, and
    whether its PDF is rendered (``pdf_ready``)."""
    latest = (
        DocumentVersion.objects.filter(document=OuterRef("document"))
        .order_by("-number")
        .values("number")[:1]
    )
    rendered = _done_jobs().filter(
        content_type=ContentType.objects.get_for_model(DocumentVersion), object_id=OuterRef("pk")
    )
    return (
        DocumentVersion.objects.filter(visibility=Visibility.PUBLIC, number=Subquery(latest))
        .select_related("document__committee", "document__meeting")
        .defer("snapshot")
        .annotate(pdf_ready=Exists(rendered))
        .order_by("-document__date", "document__symbol", "document__language")
    )


def _done_jobs():
    return RenderJob.objects.filter(status=RenderJob.Status.DONE).exclude(output="")


def published_pdf(pk: int, number: int) -> RenderJob:
    """The rendered PDF of a published version (the first rendering done)."""
    version = published_versions().filter(document=pk, number=number, pdf_ready=True).first()
    if version is None:
        raise Http404
    return (
        _done_jobs()
        .filter(
            content_type=ContentType.objects.get_for_model(DocumentVersion),
            object_id=version.pk,
        )
        .order_by("pk")
        .first()
    )


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
    for composition in compositions_on(on, committees, warnings=False):
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
    committees = list(Committee.objects.prefetch_related("mandate_items"))
    return {"committees": _committee_pages(committees, timezone.localdate())}


def committee_context(code: str) -> dict:
    # The mandate items of the record are read only if the committee has no text of its own.
    committee = Committee.objects.filter(code=code.upper()).first()
    if committee is None:
        raise Http404
    (page,) = _committee_pages([committee], timezone.localdate())
    return {
        "page": page,
        "documents": document_rows(published_versions().filter(document__committee=committee)),
    }


# --- States --------------------------------------------------------------------------------------


#: What the States Parties page reads of each State (and nothing more: 200 States).
STATE_COLUMNS = (
    "iso3",
    "name",
    "name_fr",
    "name_es",
    "signature_date",
    "instrument",
    "deposit_date",
    "entry_into_force",
    "withdrawal_effective",
    "had_stockpiles",
    "stockpile_destroyed_on",
    "has_mined_areas",
    "clearance_deadline",
    "clearance_completed_on",
)


def states_context() -> dict:
    states = list(StateParty.objects.with_status().in_name_order().only(*STATE_COLUMNS))
    parties = state_rows([s for s in states if s.status in PARTY_STATUSES], party=True)
    not_party = state_rows([s for s in states if s.status not in PARTY_STATUSES], party=False)
    return {
        "parties": parties,
        "parties_html": html_rows(row.party_cells for row in parties),
        "not_party": not_party,
        "not_party_html": html_rows(row.other_cells for row in not_party),
    }


# --- meetings and documents ------------------------------------------------------------------


def public_meetings():
    """Meetings the public knows of: every one not of a committee of its own."""
    return Meeting.objects.filter(committee__isnull=True).select_related("president_state")


def meetings_context() -> dict:
    today = timezone.localdate()
    meetings = list(public_meetings().order_by("start_date", "pk"))
    by_meeting: dict[int, list[DocumentVersion]] = {}
    versions = list(published_versions().filter(document__meeting__in=meetings))
    for version, row in zip(versions, document_rows(versions), strict=True):
        by_meeting.setdefault(version.document.meeting_id, []).append(row)
    for meeting in meetings:
        meeting.public_documents = by_meeting.get(meeting.pk, [])
    return {
        "upcoming": [meeting for meeting in meetings if meeting.end_date >= today],
        "past": [meeting for meeting in reversed(meetings) if meeting.end_date < today],
    }


def documents_context() -> dict:
    versions = list(published_versions())
    committees: dict[int, dict] = {}
    for version, row in zip(versions, document_rows(versions), strict=True):
        committee = version.document.committee
        group = committees.setdefault(committee.pk, {"committee": committee, "versions": []})
        group["versions"].append(row)
    return {
        "groups": sorted(
            committees.values(),
            key=lambda group: (group["committee"].display_order, group["committee"].name),
        ),
        "count": len(versions),
    }


def published_reports():
    """Each State's and year's latest published Article 7 report (a correction being written
    leaves the published version on the site until it is published in turn)."""
    return (
        Report.objects.published_latest()
        .filter(visibility=Visibility.PUBLIC)
        .select_related("state")
    )


def article7_context() -> dict:
    """The Article 7 reports the ISU published: the figures the committees follow, as the
    report gave them."""
    reports = list(published_reports().order_by("-year_covered", "state__name", "-version"))
    return {"reports": sorted(reports, key=lambda report: -(report.year_covered or 0))}


def report_period(report: Report) -> str:
    """The part of a report page's address that names its year ("initial" for the initial
    report)."""
    return str(report.year_covered) if report.year_covered else "initial"


def article7_report_context(iso3: str, period: str) -> dict:
    """A published report as its page shows it: the facts, Forms A to J as the PDF lays them
    out (labels in the page's language, the State's entries in the report's), its annexes and
    whether its PDF is ready to download."""
    year = None if period == "initial" else int(period)
    report = published_reports().filter(state__iso3=iso3.upper()).for_year(year).first()
    if report is None:
        raise Http404
    pdf_ready = (
        RenderJob.objects.filter(
            content_type=ContentType.objects.get_for_model(Report),
            object_id=report.pk,
            status=RenderJob.Status.DONE,
        )
        .exclude(output="")
        .exists()
    )
    return {
        "report": report,
        "sections": pdf_context(report)["sections"],
        "annexes": list(report.annexes.all()),
        "pdf_ready": pdf_ready,
        "page_title": _("Article 7 report of %(state)s, %(period)s")
        % {"state": report.state.display_name, "period": report.period_label},
    }


def home_context() -> dict:
    return {
        **committees_context(),
        "latest": document_rows(published_versions()[:5]),
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
