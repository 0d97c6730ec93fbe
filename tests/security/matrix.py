"""The access matrix: every URL pattern the resolver knows, who may open it, and what nobody
may see that is not theirs.

``ACCESS`` names every pattern of the application (one rule, or several: a page and its export,
a record of each committee). ``check_matrix`` requests each one as every kind of user and
returns the violations (wrong status, a write by someone who may not write, text that belongs
to someone else); ``undeclared_patterns`` returns the patterns the resolver has and the table
does not. A new view therefore fails the suite until someone decides, here, who may open it.

Two groups are checked by shape rather than one by one: the admin site (``check_admin``) and
the API (``check_api``), whose every ``api:<basename>-list``, ``-detail`` and extra action is
requested as every role, on the records ISU staff read through it, so that an endpoint added
later is covered without a line here. ``check_feeds`` fetches each user's calendar feed as a
calendar program does, with its secret address and no session.

Roles: ``anonymous``; ``observer`` (ICBL, ICRC); ``member`` and ``chair`` of the Committee on
Article 5 Implementation (CA5); ``other``, a member of another committee (Cooperative
Compliance, CCC); ``reporter`` and ``reporter_other``, the national reporters of Cambodia and
of Peru (confined to the portal: refused everywhere else); ``staff`` (ISU, superuser).
``build_data`` gives each committee records at every visibility level, each with a sentinel
text; ``FORBIDDEN`` says which sentinels each role must never receive, and ``Data.secrets`` the
secrets (feed addresses, an API token) that nobody but their owner may ever see.
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

ROLES = ("anonymous", "observer", "member", "chair", "other", "reporter", "reporter_other", "staff")
NOT_STAFF = ROLES[:-1]
#: States' national reporters: Cambodia's (the State the records are about) and Peru's.
REPORTERS = ("reporter", "reporter_other")

LOGIN = "login"  # a redirect to the login page
ADMIN_LOGIN = "admin-login"  # a redirect to the admin's login page

# --- what nobody else may read --------------------------------------------------------------------

CONTACT = "sentinel-contact@mission.example"
CONTACT_DEU = "sentinel-contact-deu@mission.example"
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
# Activities, at each level (the CCC's for States Parties only: every committee member reads it).
SP_ACTIVITY = "Sentinel CCC activity for States Parties only"
CA5_ACTIVITY = "Sentinel CA5 internal activity paragraph"
CA5_CONFIDENTIAL = "Sentinel CA5 confidential note"
CCC_ACTIVITY = "Sentinel CCC internal activity paragraph"
CCC_ENGAGEMENT = "Sentinel CCC confidential engagement on an alleged use"
CCC_MATTER = "Sentinel compliance matter of the CCC"
# Documents: a CA5 internal draft (its symbol and a paragraph written for it), and the revision
# of a published CA5 document (a paragraph the published version does not have yet).
CA5_DOCUMENT = "APLC/SENTINEL/CA5/2025/WP.9"
CA5_DRAFT_TEXT = "Sentinel CA5 draft conclusion"
CA5_REVISION = "Sentinel CA5 revision in progress"
# Correspondence: each committee's letter, a reply to the CA5's, the ISU's reminder rule.
CA5_LETTER = "Sentinel CA5 letter on clearance deadlines"
CCC_LETTER = "Sentinel CCC letter on missing reports"
REPLY = "Sentinel reply of Germany"
REPLY_DOCUMENT = b"%PDF-1.4\n% sentinel-reply-attachment-of-germany\n%%EOF\n"
RULE = "Sentinel reminder rule of the ISU"
# Article 7 online: Cambodia's draft report (ISU staff, and later its reporters, read it),
# and the file annexed to it.
A7_DRAFT = "Sentinel draft Article 7 narrative of Cambodia"
A7_ANNEX = b"%PDF-1.4\n% sentinel-annex-of-cambodias-draft-report\n%%EOF\n"
# National reporters, by their last names: each reads only their own.
KHM_REPORTER = "Sentinel KHM Reporter"
PER_REPORTER = "Sentinel PER Reporter"
# Article 5 extensions: the CA5's analysis of a request (its workspace).
CA5_ANALYSIS = "Sentinel CA5 analysis of an extension request"
EXTENSION_DOCUMENT = b"%PDF-1.4\n% sentinel-extension-request-of-cambodia\n%%EOF\n"

#: Public records, which every signed-in user reads (no sentinel: ``shows`` checks them).
PUBLIC_ACTIVITY = "Public CA5 workshop on land release"
PRIORITY = "Public CA5 priority: support the States completing clearance"
PUBLISHED_DOCUMENT = "APLC/CA5/2025/WP.1"

EVERY_SENTINEL = {
    CONTACT,
    CONTACT_DEU,
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
    SP_ACTIVITY,
    CA5_ACTIVITY,
    CA5_CONFIDENTIAL,
    CCC_ACTIVITY,
    CCC_ENGAGEMENT,
    CCC_MATTER,
    CA5_DOCUMENT,
    CA5_DRAFT_TEXT,
    CA5_REVISION,
    CA5_LETTER,
    CCC_LETTER,
    REPLY,
    REPLY_DOCUMENT.decode(),
    RULE,
    A7_DRAFT,
    A7_ANNEX.decode(),
    KHM_REPORTER,
    PER_REPORTER,
    CA5_ANALYSIS,
    EXTENSION_DOCUMENT.decode(),
}
#: What only ISU staff read.
STAFF_ONLY = {
    INTERNAL_LINK,
    CONFIDENTIAL_LINK,
    USER_EMAIL,
    CA5_CONFIDENTIAL,
    RULE,
    A7_DRAFT,
    A7_ANNEX.decode(),
    KHM_REPORTER,
    PER_REPORTER,
}
#: What only the CA5's chair and members (and staff) read.
CA5_ONLY = {
    CA5_DELEGATE,
    CA5_MEETING,
    CA5_ACTIVITY,
    CA5_DOCUMENT,
    CA5_DRAFT_TEXT,
    CA5_REVISION,
    CA5_LETTER,
    REPLY,
    REPLY_DOCUMENT.decode(),
    CA5_ANALYSIS,
    EXTENSION_DOCUMENT.decode(),
}
#: What only the CCC's members (and staff) read.
CCC_ONLY = {CCC_DELEGATE, CCC_MEETING, CCC_ACTIVITY, CCC_ENGAGEMENT, CCC_MATTER, CCC_LETTER}
#: Text each role must never receive, in any page, export, file or redirect.
FORBIDDEN = {
    "anonymous": EVERY_SENTINEL,
    "observer": EVERY_SENTINEL,
    "member": STAFF_ONLY | CCC_ONLY,
    "chair": STAFF_ONLY | CCC_ONLY,
    "other": STAFF_ONLY | CA5_ONLY,
    # Cambodia's reporter reads Cambodia's draft report (in the portal's pages only) and its
    # annex.
    "reporter": EVERY_SENTINEL - {KHM_REPORTER, A7_DRAFT, A7_ANNEX.decode()},
    "reporter_other": EVERY_SENTINEL - {PER_REPORTER},
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
    # National reporters: Cambodia's and Peru's (active), one invited to Cambodia's (pending).
    reporter: Any = None
    invitation: Any = None
    invitation_token: str = ""
    # Activities and compliance matters.
    public_activity: Any = None
    sp_activity: Any = None
    ca5_activity: Any = None
    ccc_engagement: Any = None
    matter: Any = None
    priority: Any = None
    plan: Any = None
    # Documents: the CA5's internal draft, its paragraph and PDF, and a published document
    # under revision.
    draft: Any = None
    draft_paragraph: Any = None
    draft_job: Any = None
    published: Any = None
    version_job: Any = None
    # Correspondence: the CA5's and the CCC's letters (sent), a CA5 draft, a reminder rule,
    # a copy of the CA5's letter in the outbox.
    ca5_letter: Any = None
    ccc_letter: Any = None
    draft_letter: Any = None
    reply: Any = None
    rule: Any = None
    message: Any = None
    message_job: Any = None
    # Article 7 online: Cambodia's draft covering 2025, Peru's published report covering 2024,
    # an annex of each.
    a7_draft: Any = None
    a7_published: Any = None
    a7_annex: Any = None
    a7_published_annex: Any = None
    # A large import ISU staff confirmed (its progress page).
    import_job: Any = None
    # Article 5 extensions: Cambodia's request for the Fifth Review Conference, its version
    # (with a document and a hazardous area), the approved analysis, the decision and what it
    # asks of the State.
    extension_request: Any = None
    extension_area: Any = None
    extension_requirement: Any = None
    # Calendar feeds by role, a second one of the member's (to revoke), a revoked one; an API
    # token of the member.
    feeds: dict[str, Any] = field(default_factory=dict)
    spare_feed: Any = None
    revoked_feed: Any = None
    api_token: Any = None
    #: Secrets by owner role (``None``: nobody): feed addresses, an API token's secret. No
    #: one else may ever receive them, ISU staff included.
    secrets: dict[str | None, set[str]] = field(default_factory=dict)


def forbidden(role: str, data: Data | None = None) -> set[str]:
    """``FORBIDDEN[role]`` and the secrets of everyone else."""
    others = (
        {text for owner, texts in data.secrets.items() if owner != role for text in texts}
        if data is not None
        else set()
    )
    return FORBIDDEN[role] | others


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
        "reporter": UserFactory(username="m-reporter", role="reporter", last_name=KHM_REPORTER),
        "reporter_other": UserFactory(
            username="m-reporter-other", role="reporter", last_name=PER_REPORTER
        ),
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
    data = Data(
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
    _build_activities(data, states, meetings)
    _build_documents(data)
    _build_correspondence(data, states)
    _build_feeds_and_tokens(data)
    _build_article7(data, states)
    _build_reporters(data, states)
    _build_extensions(data, meetings)
    from common.models import ImportJob

    data.import_job = ImportJob.objects.create(
        importer="committees.imports.MeetingImporter",
        title="Import meetings",
        done_url="/meetings/",
        filename="meetings.csv",
        status=ImportJob.Status.DONE,
        counts={"create": 3000, "update": 0, "unchanged": 0},
        requested_by=data.users["staff"],
    )
    return data


def _build_activities(data: Data, states: dict, meetings: dict) -> None:
    """An activity at every level, a compliance matter with its confidential engagement, an
    action plan and a priority, through the app's services."""
    import importlib

    from django.apps import apps

    from activities import services
    from activities.models import Action, ActionPlan, Activity, ComplianceMatter, Priority

    importlib.import_module("activities.migrations.0002_articles").create(apps, None)
    staff = data.users["staff"]
    data.plan = services.save_action_plan(
        ActionPlan(
            code="SRAAP",
            name="Siem Reap-Angkor Action Plan",
            start_year=2025,
            end_year=2029,
            adopted_at=meetings["5RC"],
        )
    )
    action = services.save_action(
        Action(plan=data.plan, number=27, short_title="Land release", text="Release land.")
    )
    data.matter = services.save_compliance_matter(
        ComplianceMatter(
            title=CCC_MATTER,
            kind=ComplianceMatter.Kind.ALLEGED_USE,
            opened_on=date(2025, 3, 3),
            summary=f"{CCC_MATTER}: the summary.",
        ),
        states=[data.state],
    )

    def activity(committee, day: int, level: str, text: str, **fields) -> Activity:
        return services.save_activity(
            Activity(
                committee=committee,
                date=date(2025, 5, day),
                kind=Activity.Kind.MEETING,
                text=text,
                visibility=level,
                **fields,
            ),
            states=[data.state],
            actions=[action],
            user=staff,
        )

    # Each committee's own meetings are for its members: an activity readable more widely
    # (public, for States Parties) may still be linked to one.
    data.public_activity = activity(
        data.committee, 5, "public", PUBLIC_ACTIVITY, meeting=data.ca5_meeting
    )
    data.sp_activity = activity(
        data.ccc, 6, "states_parties", SP_ACTIVITY, meeting=data.ccc_meeting
    )
    data.ca5_activity = activity(data.committee, 7, "internal", CA5_ACTIVITY)
    activity(data.committee, 8, "confidential", CA5_CONFIDENTIAL)
    activity(data.ccc, 9, "internal", CCC_ACTIVITY)
    data.ccc_engagement = activity(
        data.ccc, 12, "confidential", CCC_ENGAGEMENT, compliance_matter=data.matter
    )
    data.priority = services.save_priority(
        Priority(committee=data.committee, period="2025-2026", text=PRIORITY), actions=[action]
    )


def _build_article7(data: Data, states: dict) -> None:
    """Cambodia's draft report covering 2025 (a sentinel narrative in Form A, a sentinel
    annex) and Peru's report covering 2024 with an annex, submitted and published, through the
    app's services."""
    from article7 import services
    from article7.services import SectionData

    staff = data.users["staff"]
    published = services.start_report(state=states["PER"], year_covered=2024, by=staff)
    for code in "ABCDEFGHI":
        published = services.save_section(
            report=published,
            code=code,
            data=SectionData(narrative=f"Public narrative of Peru, form {code}"),
            expected_revision=published.revision,
            by=staff,
        )
    data.a7_published_annex = services.add_annex(
        report=published,
        title="Public map of Peru",
        section="C",
        file=ContentFile(b"%PDF-1.4\n% public-annex-of-peru\n%%EOF\n", name="peru.pdf"),
        by=staff,
    )
    published = services.submit(
        report=published,
        official_name="Public official of Peru",
        official_function="Director",
        confirm_warnings=True,
        by=staff,
    )
    data.a7_published = services.publish(report=published, by=staff)
    draft = services.start_report(state=data.state, year_covered=2025, by=staff)
    data.a7_draft = services.save_section(
        report=draft,
        code="A",
        data=SectionData(narrative=A7_DRAFT),
        expected_revision=draft.revision,
        by=staff,
    )
    data.a7_annex = services.add_annex(
        report=data.a7_draft,
        title="Map of Cambodia's draft",
        section="C",
        file=ContentFile(A7_ANNEX, name="cambodia.pdf"),
        by=staff,
    )


def _build_documents(data: Data) -> None:
    """The CA5's internal draft (its PDF rendered), and a public document published once and
    reopened for a revision that adds a paragraph."""
    from documents import services
    from documents.models import Document
    from documents.tasks import run_job

    staff = data.users["staff"]
    data.draft = services.create_document(
        Document(
            committee=data.committee,
            kind=Document.Kind.CONCLUSIONS_RECOMMENDATIONS,
            period="2025-2026",
            date=date(2025, 6, 1),
            symbol=CA5_DOCUMENT,
            visibility="internal",
        ),
        staff,
    )
    data.draft_paragraph = services.add_paragraph(data.draft, "conclusions", CA5_DRAFT_TEXT)
    data.draft_job = services.request_pdf(data.draft, requested_by=staff)
    run_job(data.draft_job.pk)
    data.draft_job.refresh_from_db()

    data.published = services.create_document(
        Document(
            committee=data.committee,
            kind=Document.Kind.ACTIVITIES_PRIORITIES,
            period="2025-2026",
            date=date(2025, 6, 1),
            symbol=PUBLISHED_DOCUMENT,
            visibility="public",
        ),
        staff,
    )
    services.submit_to_chair(data.published, staff)
    services.approve(data.published, staff)
    services.publish(data.published, staff)
    data.version_job = data.published.versions.get().render_jobs.get()
    # The published PDF, which the public website offers.
    run_job(data.version_job.pk)
    services.reopen(data.published, staff)
    services.add_paragraph(data.published, "activities", CA5_REVISION)


def _build_correspondence(data: Data, states: dict) -> None:
    """The CA5's letter, sent to Cambodia and Germany (Germany replied); the CCC's, sent to
    Cambodia; a CA5 draft; the ISU's reminder rule with its planned sends."""
    from correspondence import planning, services
    from correspondence.models import (
        Anchor,
        Letter,
        LetterRecipient,
        OutgoingMessage,
        ReminderRule,
        Reply,
    )
    from documents import services as document_services
    from states_parties.models import Contact
    from tests.factories import UserFactory

    staff = data.users["staff"]
    approver = UserFactory(username="m-approver", role="isu_staff")
    Contact.objects.create(
        state=states["DEU"], kind="permanent_mission", name="Sentinel DEU", email=CONTACT_DEU
    )

    def letter(committee, title: str, addressed: list, send: bool = True) -> Letter:
        saved = services.save_letter(
            Letter(
                title=title,
                committee=committee,
                addressees=Letter.Addressees.HAND_PICKED,
                subject_en=f"{title} ({{{{ state }}}})",
                body_en=f"Dear {{{{ contact_name }}}},\n\n{title}.",
                reply_due=date(2025, 7, 1),
            ),
            addressed,
            staff,
        )
        if send:
            # A committee's letter is approved by a second person, never its author.
            services.approve_letter(saved, approver)
            services.send_letter(saved, staff)
        return saved

    data.ca5_letter = letter(data.committee, CA5_LETTER, [data.state, states["DEU"]])
    data.ccc_letter = letter(data.ccc, CCC_LETTER, [data.state])
    data.draft_letter = letter(data.committee, f"{CA5_LETTER} (draft)", [data.state], send=False)
    data.reply = services.record_reply(
        Reply(
            recipient=LetterRecipient.objects.get(letter=data.ca5_letter, state=states["DEU"]),
            received_on=date(2025, 6, 1),
            summary=REPLY,
            attachment=ContentFile(REPLY_DOCUMENT, name="reply.pdf"),
        ),
        staff,
    )
    rule = ReminderRule(
        name=RULE,
        anchor=Anchor.ARTICLE7_ANNUAL,
        offsets=[-30, 30, 330],
        committee=data.committee,
        subject_en=f"{RULE}: {{{{ state }}}}",
        body_en=f"{RULE}, due {{{{ deadline }}}}.",
    )
    rule.full_clean()
    data.rule = services.save_rule(rule)
    planning.reconcile(data.rule)
    data.message = OutgoingMessage.objects.get(letter=data.ca5_letter, state=data.state)
    data.message_job = document_services.request_pdf(data.message, requested_by=staff)


def _build_reporters(data: Data, states: dict) -> None:
    """The national reporters of Cambodia and Peru, and an invitation to a second reporter of
    Cambodia, through the portal's services."""
    from portal import services
    from portal.models import Reporter

    staff = data.users["staff"]
    for role, iso3 in (("reporter", "KHM"), ("reporter_other", "PER")):
        reporter = Reporter.objects.create(
            user=data.users[role],
            state=states[iso3],
            status=Reporter.Status.ACTIVE,
            invited_by=staff,
            activated_at=timezone.now(),
        )
        if role == "reporter":
            data.reporter = reporter
    invited = services.invite_reporter(
        email="invited@mfa-khm.example",
        first_name="Invited",
        last_name="Reporter",
        state=states["KHM"],
        language="en",
        by=staff,
        domain="testserver",
        use_https=False,
    )
    data.invitation = invited.invitations.get()
    data.invitation_token = services.invitation_token(data.invitation)


def _build_extensions(data: Data, meetings: dict) -> None:
    """Cambodia's request for the Fifth Review Conference, through the app's services."""
    from extensions import services
    from extensions.models import (
        Analysis,
        Decision,
        DecisionRequirement,
        ExtensionRequest,
        HazardousArea,
        RequestVersion,
    )

    version = RequestVersion(
        received_on=date(2024, 3, 1),
        document=ContentFile(EXTENSION_DOCUMENT, name="request.pdf"),
    )
    request = services.receive_request(
        ExtensionRequest(
            state=data.state,
            meeting=meetings["5RC"],
            received_on=date(2024, 3, 1),
            requested_until=date(2030, 12, 31),
        ),
        version,
    )
    data.extension_request = request
    data.extension_area = services.save_content(
        HazardousArea(version=version, kind="confirmed", area_m2=1000)
    )
    analysis = services.save_analysis(
        Analysis(request=request, text=CA5_ANALYSIS, draft_decision="Grant.")
    )
    services.approve_analysis(analysis, data.users["staff"], date(2024, 9, 1))
    decision = services.record_decision(
        Decision(request=request, decided_on=date(2024, 11, 28), granted=False),
        [DecisionRequirement(text="An updated work plan", due_on=date(2025, 4, 30))],
    )
    data.extension_requirement = decision.requirements.get()


def _build_feeds_and_tokens(data: Data) -> None:
    """A calendar feed for each signed-in role, a second one of the member's, a revoked one;
    an API token of the member. Their secrets go to ``data.secrets``."""
    from api import services as api_services
    from feeds import services

    for role, user in data.users.items():
        if role not in REPORTERS:  # reporters have no calendar feeds
            data.feeds[role] = services.create_feed(user)
    data.spare_feed = services.create_feed(data.users["member"], committee=data.committee)
    data.revoked_feed = services.create_feed(data.users["observer"], include_deadlines=False)
    services.revoke_feed(data.revoked_feed)
    for role, feed in data.feeds.items():
        data.secrets.setdefault(role, set()).add(feed.token)
    data.secrets["member"].add(data.spare_feed.token)
    data.secrets["observer"].add(data.revoked_feed.token)
    data.api_token, secret = api_services.create_token(
        data.users["member"],
        name="Script of the CA5 member",
        expiry=None,
        created_by=data.users["staff"],
    )
    data.secrets[None] = {secret}


# --- the table ------------------------------------------------------------------------------------


@dataclass
class Rule:
    """Who gets which status for GET; ``kwargs`` builds the URL's arguments from ``Data``."""

    statuses: dict[str, int | str]
    kwargs: Callable[[Data], dict] = field(default=lambda data: {})
    query: str = ""
    #: Text that must appear for a role (the page shows what is theirs); a function of the data
    #: for text only known once it exists (a feed's secret address).
    shows: dict[str, str | Callable[[Data], str]] = field(default_factory=dict)


def _statuses(**by_role: int | str) -> dict[str, int | str]:
    return {"anonymous": LOGIN, **by_role}


def signed_in(**overrides: Any) -> Rule:
    """Every signed-in user but national reporters, who are refused (403) unless the page is
    theirs (``reporter=200``)."""
    kwargs = overrides.pop("kwargs", lambda data: {})
    query = overrides.pop("query", "")
    shows = overrides.pop("shows", {})
    statuses = _statuses(**{**dict.fromkeys(ROLES[1:], 200), **dict.fromkeys(REPORTERS, 403)})
    statuses.update(overrides)
    return Rule(statuses, kwargs, query, shows)


def not_observers(**kwargs: Any) -> Rule:
    return signed_in(observer=403, **kwargs)


def staff_only(staff: int = 200, **kwargs: Any) -> Rule:
    return signed_in(observer=403, member=403, chair=403, other=403, staff=staff, **kwargs)


def post_only(**kwargs: Any) -> Rule:
    """A view that only answers POST (whoever may POST: GET is refused before anything else;
    national reporters are refused before that, unless the page is theirs)."""
    return signed_in(**{**dict.fromkeys(ROLES[1:], 405), **dict.fromkeys(REPORTERS, 403), **kwargs})


def reporters_only(**kwargs: Any) -> Rule:
    """The portal's pages: national reporters only (everyone else 403)."""
    return signed_in(**{**dict.fromkeys(ROLES[1:], 403), **dict.fromkeys(REPORTERS, 200), **kwargs})


def ca5_workspace(**kwargs: Any) -> Rule:
    """What the CA5's chair and members read (and staff), nobody else: observers and the other
    committee's member are refused (403), or told it does not exist (404) when the view looks
    the record up among those they may read."""
    return signed_in(observer=403, other=403, **kwargs)


def staff_records(staff: int | str = 200, **kwargs: Any) -> Rule:
    """Records only ISU staff read, looked up among those the user may read: 404 to others."""
    return signed_in(observer=404, member=404, chair=404, other=404, staff=staff, **kwargs)


def _a7_draft(data: Data) -> dict:
    return {"pk": data.a7_draft.pk}


def _a7_published(data: Data) -> dict:
    return {"pk": data.a7_published.pk}


def everyone(status: int = 200, **kwargs: Any) -> Rule:
    """Public pages and files: anyone, signed in or not."""
    return signed_in(anonymous=status, **dict.fromkeys(ROLES[1:], status), **kwargs)


def ca5_records(**kwargs: Any) -> Rule:
    return signed_in(observer=404, other=404, **kwargs)


def ccc_records(**kwargs: Any) -> Rule:
    return signed_in(observer=404, member=404, chair=404, **kwargs)


def _state(data: Data) -> dict:
    return {"iso3": data.state.iso3}


def _extension(data: Data) -> dict:
    return {"pk": data.extension_request.pk}


def _version(data: Data) -> dict:
    return {"pk": data.extension_request.pk, "number": 1}


ACCESS: dict[str, Rule | tuple[Rule, ...]] = {
    # Anyone: the login pages and the health check.
    "health": Rule(dict.fromkeys(ROLES, 200)),
    # The icon browsers ask for by themselves: a redirect to the static file, for anyone.
    "favicon": Rule(dict.fromkeys(ROLES, 301)),
    "health_live": Rule(dict.fromkeys(ROLES, 200)),
    "health_ready": Rule(dict.fromkeys(ROLES, 200)),
    "login": Rule({"anonymous": 200, **dict.fromkeys(ROLES[1:], 302)}),
    "logout": signed_in(**dict.fromkeys(ROLES[1:], 405)),
    # Accounts.
    # Reporters are sent to the portal's home.
    "home": signed_in(
        reporter=302, reporter_other=302, shows={"member": CA5_MEETING, "other": CCC_MEETING}
    ),
    # The navigation's counts of what is waiting: each user's own.
    "waiting_counts": signed_in(),
    "password_change": signed_in(reporter=200, reporter_other=200),
    # Anyone may ask for a reset link (the same answer whatever the address) and use one; a
    # link that is not valid says so.
    "password_reset": Rule(dict.fromkeys(ROLES, 200)),
    "password_reset_done": Rule(dict.fromkeys(ROLES, 200)),
    "password_reset_confirm": Rule(
        dict.fromkeys(ROLES, 200), kwargs=lambda data: {"uidb64": "MQ", "token": "no-such-token"}
    ),
    "password_reset_complete": Rule(dict.fromkeys(ROLES, 200)),
    "password_change_done": signed_in(reporter=200, reporter_other=200),
    "two_factor_verify": signed_in(
        observer=302, member=302, other=302, reporter=200, reporter_other=200
    ),
    "two_factor_enrol": signed_in(chair=302, staff=302, reporter=302, reporter_other=302),
    # The audit trail: ISU staff only.
    "history:log": staff_only(),
    "import_job": staff_only(
        kwargs=lambda data: {"pk": data.import_job.pk}, shows={"staff": "3,000 created"}
    ),
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
    "reporting:submission_acknowledge": staff_only(
        staff=405, kwargs=lambda data: {"pk": data.submission.pk}
    ),
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
    "reporting:dashboard": ca5_workspace(
        kwargs=lambda data: {"code": data.committee.code},
        shows={"member": CA5_ACTIVITY, "staff": CA5_CONFIDENTIAL},
    ),
    # Article 7 online (staff pages; a draft is ISU staff's alone, a published report
    # everyone's).
    "article7:reports": staff_only(query="format=csv", shows={"staff": "KHM"}),
    "article7:report_start": staff_only(),
    "article7:report": (
        staff_records(kwargs=_a7_draft),
        signed_in(kwargs=lambda data: {"pk": data.a7_published.pk}),
    ),
    "article7:section": staff_records(
        kwargs=lambda data: {"pk": data.a7_draft.pk, "code": "A"}, shows={"staff": A7_DRAFT}
    ),
    "article7:section_unchanged": post_only(
        kwargs=lambda data: {"pk": data.a7_draft.pk, "code": "B"}
    ),
    "article7:review": staff_records(kwargs=_a7_draft, shows={"staff": A7_DRAFT}),
    "article7:submit": post_only(kwargs=_a7_draft),
    "article7:correction": (
        post_only(kwargs=_a7_draft),
        post_only(kwargs=lambda data: {"pk": data.a7_published.pk}),
    ),
    "article7:acknowledge": staff_only(staff=405, kwargs=_a7_draft),
    "article7:return": staff_only(kwargs=_a7_draft),
    "article7:publish": staff_only(staff=405, kwargs=_a7_draft),
    "article7:pdf": post_only(kwargs=_a7_draft),
    # Annexes: added and removed by whoever writes the draft; read with the report (a draft's
    # by ISU staff and its State's reporters, a published report's by anyone).
    "article7:annexes": post_only(kwargs=_a7_draft),
    "article7:annex_remove": post_only(kwargs=_a7_draft),
    "article7:annex_file": (
        Rule(
            {**dict.fromkeys(ROLES, 404), "reporter": 200, "staff": 200},
            kwargs=lambda data: {"pk": data.a7_annex.pk},
            shows={"reporter": A7_ANNEX.decode(), "staff": A7_ANNEX.decode()},
        ),
        everyone(
            kwargs=lambda data: {"pk": data.a7_published_annex.pk},
            shows={"anonymous": "public-annex-of-peru", "reporter_other": "public-annex-of-peru"},
        ),
    ),
    "article7:figures": not_observers(),
    # The list of published reports is the public website's: this address leads there.
    "article7:published": everyone(302),
    "article7:published_pdf": everyone(202, kwargs=_a7_published),
    "article7:published_json": everyone(kwargs=_a7_published),
    "article7:published_csv": everyone(kwargs=_a7_published),
    # A published report's annex, from its public page; a draft's, or an annex through
    # another report than its own, is no published annex (404), whoever asks.
    "article7:published_annex": (
        everyone(
            kwargs=lambda data: {"pk": data.a7_published.pk, "annex": data.a7_published_annex.pk},
            shows={"anonymous": "public-annex-of-peru", "reporter_other": "public-annex-of-peru"},
        ),
        everyone(404, kwargs=lambda data: {"pk": data.a7_draft.pk, "annex": data.a7_annex.pk}),
        everyone(404, kwargs=lambda data: {"pk": data.a7_published.pk, "annex": data.a7_annex.pk}),
    ),
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
    # Activities: each reads those of its level (internal: the committee's own members).
    "activities:activity_list": (
        signed_in(
            shows={
                "observer": PUBLIC_ACTIVITY,
                "member": CA5_ACTIVITY,
                "chair": SP_ACTIVITY,
                "other": CCC_ENGAGEMENT,
                "staff": CA5_CONFIDENTIAL,
            }
        ),
        signed_in(query="format=csv", shows={"member": CA5_ACTIVITY, "other": CCC_ACTIVITY}),
    ),
    "activities:activity_create": staff_only(),
    "activities:activities_import": staff_only(),
    "activities:activity_detail": (
        signed_in(
            kwargs=lambda data: {"pk": data.public_activity.pk},
            shows={"observer": PUBLIC_ACTIVITY, "member": CA5_MEETING},
        ),
        signed_in(
            observer=404,
            kwargs=lambda data: {"pk": data.sp_activity.pk},
            shows={"member": SP_ACTIVITY, "other": CCC_MEETING},
        ),
        ca5_records(
            kwargs=lambda data: {"pk": data.ca5_activity.pk}, shows={"chair": CA5_ACTIVITY}
        ),
        ccc_records(
            kwargs=lambda data: {"pk": data.ccc_engagement.pk},
            shows={"other": CCC_MATTER, "staff": CCC_ENGAGEMENT},
        ),
    ),
    "activities:activity_edit": staff_only(kwargs=lambda data: {"pk": data.ca5_activity.pk}),
    "activities:activity_delete": staff_only(
        staff=405, kwargs=lambda data: {"pk": data.ca5_activity.pk}
    ),
    # Priorities and action plans are public.
    "activities:priority_list": signed_in(shows={"observer": PRIORITY}),
    "activities:priority_create": staff_only(),
    "activities:priorities_import": staff_only(),
    "activities:priority_edit": staff_only(kwargs=lambda data: {"pk": data.priority.pk}),
    "activities:priority_move": staff_only(staff=405, kwargs=lambda data: {"pk": data.priority.pk}),
    "activities:priority_delete": staff_only(
        staff=405, kwargs=lambda data: {"pk": data.priority.pk}
    ),
    "activities:plan_list": signed_in(shows={"observer": "Siem Reap-Angkor Action Plan"}),
    "activities:plan_create": staff_only(),
    "activities:actions_import": staff_only(),
    "activities:plan_detail": signed_in(
        kwargs=lambda data: {"code": data.plan.code}, shows={"observer": "Land release"}
    ),
    "activities:plan_edit": staff_only(kwargs=lambda data: {"code": data.plan.code}),
    "activities:action_create": staff_only(kwargs=lambda data: {"code": data.plan.code}),
    "activities:action_edit": staff_only(
        kwargs=lambda data: {"code": data.plan.code, "number": 27}
    ),
    # Compliance matters are confidential: ISU staff and the CCC's members only.
    "activities:matter_list": (
        signed_in(observer=403, member=403, chair=403, shows={"other": CCC_MATTER}),
        signed_in(
            observer=403, member=403, chair=403, query="format=csv", shows={"other": CCC_MATTER}
        ),
    ),
    "activities:matter_create": staff_only(),
    "activities:matter_detail": signed_in(
        observer=403,
        member=403,
        chair=403,
        kwargs=lambda data: {"pk": data.matter.pk},
        shows={"other": CCC_ENGAGEMENT},
    ),
    "activities:matter_edit": staff_only(kwargs=lambda data: {"pk": data.matter.pk}),
    # Documents: published versions at their level; working drafts to the committee's own.
    "documents:list": (
        signed_in(shows={"observer": PUBLISHED_DOCUMENT, "member": CA5_DOCUMENT}),
        signed_in(query="format=csv", shows={"chair": CA5_DOCUMENT}),
    ),
    "documents:create": staff_only(),
    "documents:detail": (
        ca5_records(
            kwargs=lambda data: {"pk": data.draft.pk},
            shows={"member": CA5_DRAFT_TEXT, "chair": CA5_ACTIVITY},
        ),
        signed_in(
            kwargs=lambda data: {"pk": data.published.pk},
            shows={"observer": PUBLISHED_DOCUMENT, "member": CA5_REVISION},
        ),
    ),
    "documents:edit": staff_only(kwargs=lambda data: {"pk": data.draft.pk}),
    "documents:preview": (
        ca5_records(kwargs=lambda data: {"pk": data.draft.pk}, shows={"member": CA5_DRAFT_TEXT}),
        ca5_records(kwargs=lambda data: {"pk": data.published.pk}, shows={"chair": CA5_REVISION}),
    ),
    "documents:pdf": post_only(kwargs=lambda data: {"pk": data.draft.pk}),
    "documents:reassemble": staff_only(staff=405, kwargs=lambda data: {"pk": data.draft.pk}),
    "documents:language_version": staff_only(
        staff=405, kwargs=lambda data: {"pk": data.draft.pk, "language": "fr"}
    ),
    "documents:changes": ca5_records(
        kwargs=lambda data: {"pk": data.published.pk}, shows={"member": CA5_REVISION}
    ),
    "documents:paragraph_add": staff_only(staff=405, kwargs=lambda data: {"pk": data.draft.pk}),
    "documents:paragraph_edit": staff_only(kwargs=lambda data: _paragraph(data)),
    "documents:paragraph_move": staff_only(staff=405, kwargs=lambda data: _paragraph(data)),
    "documents:paragraph_delete": staff_only(staff=405, kwargs=lambda data: _paragraph(data)),
    "documents:transition": post_only(
        kwargs=lambda data: {"pk": data.draft.pk, "action": "submit"}
    ),
    "documents:version": signed_in(
        kwargs=lambda data: {"pk": data.published.pk, "number": 1},
        shows={"observer": PUBLISHED_DOCUMENT},
    ),
    "documents:version_preview": signed_in(
        kwargs=lambda data: {"pk": data.published.pk, "number": 1},
        shows={"observer": PRIORITY},
    ),
    # Rendering jobs follow what they render: a draft, a published version, a letter's copy.
    "documents:job_status": (
        ca5_records(kwargs=lambda data: {"pk": data.draft_job.pk}),
        signed_in(kwargs=lambda data: {"pk": data.version_job.pk}),
        ca5_records(kwargs=lambda data: {"pk": data.message_job.pk}),
    ),
    "documents:job_file": ca5_records(
        kwargs=lambda data: {"pk": data.draft_job.pk}, shows={"member": "%PDF-"}
    ),
    "documents:job_retry": post_only(kwargs=lambda data: {"pk": data.draft_job.pk}),
    # Correspondence: letters to their committee's members; the machinery to ISU staff.
    "correspondence:letters": (
        not_observers(shows={"member": CA5_LETTER, "other": CCC_LETTER}),
        not_observers(query="format=csv", shows={"chair": CA5_LETTER, "other": CCC_LETTER}),
    ),
    "correspondence:rule_import": staff_only(),
    "correspondence:letter_create": staff_only(),
    "correspondence:letter": (
        ca5_workspace(kwargs=lambda data: {"pk": data.ca5_letter.pk}, shows={"member": REPLY}),
        signed_in(
            observer=403,
            member=403,
            chair=403,
            kwargs=lambda data: {"pk": data.ccc_letter.pk},
            shows={"other": CCC_LETTER},
        ),
    ),
    "correspondence:letter_edit": staff_only(kwargs=lambda data: {"pk": data.draft_letter.pk}),
    # The approval page: staff and the chair of the sending committee (the letter was sent,
    # so the page only says so and nothing changes).
    "correspondence:letter_approve": signed_in(
        observer=403,
        member=403,
        other=403,
        kwargs=lambda data: {"pk": data.ca5_letter.pk},
        shows={"chair": "This letter is no longer a draft."},
    ),
    # A draft's PDF, marked as a draft: queued by a POST (staff and the sending committee).
    "correspondence:letter_pdf": post_only(kwargs=lambda data: {"pk": data.draft_letter.pk}),
    "correspondence:letter_send": staff_only(
        staff=405, kwargs=lambda data: {"pk": data.draft_letter.pk}
    ),
    "correspondence:letter_duplicate": staff_only(
        staff=405, kwargs=lambda data: {"pk": data.ca5_letter.pk}
    ),
    "correspondence:letter_follow_up": staff_only(
        staff=405, kwargs=lambda data: {"pk": data.ca5_letter.pk}
    ),
    "correspondence:letter_delete": staff_only(
        staff=405, kwargs=lambda data: {"pk": data.draft_letter.pk}
    ),
    "correspondence:reply_create": staff_only(kwargs=lambda data: {"pk": data.ca5_letter.pk}),
    "correspondence:reply_attachment": ca5_workspace(
        kwargs=lambda data: {"pk": data.ca5_letter.pk, "reply_pk": data.reply.pk},
        shows={"member": REPLY_DOCUMENT.decode(), "staff": REPLY_DOCUMENT.decode()},
    ),
    "correspondence:awaiting": (
        not_observers(shows={"member": CA5_LETTER, "other": CCC_LETTER}),
        not_observers(query="format=csv", shows={"chair": CA5_LETTER}),
    ),
    "correspondence:rules": staff_only(shows={"staff": RULE}),
    "correspondence:rule_create": staff_only(),
    "correspondence:rule": staff_only(kwargs=lambda data: {"pk": data.rule.pk}),
    "correspondence:rule_edit": staff_only(kwargs=lambda data: {"pk": data.rule.pk}),
    "correspondence:rule_switch": staff_only(staff=405, kwargs=lambda data: {"pk": data.rule.pk}),
    "correspondence:rule_delete": staff_only(staff=405, kwargs=lambda data: {"pk": data.rule.pk}),
    "correspondence:upcoming": (
        staff_only(shows={"staff": RULE}),
        staff_only(query="format=csv"),
    ),
    "correspondence:outbox": (
        staff_only(shows={"staff": CONTACT}),
        staff_only(query="format=csv", shows={"staff": CONTACT_DEU}),
    ),
    "correspondence:message_preview": staff_only(
        kwargs=lambda data: {"pk": data.message.pk}, shows={"staff": CA5_LETTER}
    ),
    "correspondence:message_retry": staff_only(
        staff=405, kwargs=lambda data: {"pk": data.message.pk}
    ),
    "correspondence:message_pdf": post_only(kwargs=lambda data: {"pk": data.message.pk}),
    # Article 5 extensions: the CA5's workspace; ISU staff write, the Chair approves.
    "extensions:requests": (
        ca5_workspace(shows={"member": "Cambodia"}),
        ca5_workspace(query="format=csv", shows={"chair": "KHM"}),
    ),
    "extensions:expected": (ca5_workspace(), ca5_workspace(query="format=xlsx")),
    "extensions:request_create": staff_only(),
    "extensions:requests_import": staff_only(),
    "extensions:decisions_import": staff_only(),
    "extensions:request": ca5_workspace(kwargs=_extension, shows={"member": CA5_ANALYSIS}),
    "extensions:request_edit": staff_only(kwargs=_extension),
    "extensions:version_create": staff_only(kwargs=_extension),
    "extensions:version": ca5_workspace(kwargs=_version, shows={"chair": "1,000"}),
    "extensions:version_edit": staff_only(kwargs=_version),
    "extensions:version_document": ca5_workspace(
        kwargs=_version, shows={"member": EXTENSION_DOCUMENT.decode()}
    ),
    "extensions:content_create": staff_only(
        kwargs=lambda data: {**_version(data), "part": "areas"}
    ),
    "extensions:content_delete": staff_only(
        staff=405,
        kwargs=lambda data: {**_version(data), "part": "areas", "line": data.extension_area.pk},
    ),
    "extensions:question_create": staff_only(kwargs=_extension),
    "extensions:analysis_edit": staff_only(kwargs=_extension),
    # The analysis is approved already: the Chair's POST changes nothing.
    "extensions:analysis_approve": post_only(kwargs=_extension),
    "extensions:analysis_pdf": post_only(kwargs=_extension),
    "extensions:decision": staff_only(kwargs=_extension),
    "extensions:requirement_create": staff_only(kwargs=_extension),
    "extensions:requirement_edit": staff_only(
        kwargs=lambda data: {**_extension(data), "line": data.extension_requirement.pk}
    ),
    "extensions:state": ca5_workspace(kwargs=_state, shows={"member": "Cambodia"}),
    "extensions:completion_create": staff_only(kwargs=_state),
    "extensions:unknown_area_create": staff_only(kwargs=_state),
    "extensions:progress_create": staff_only(kwargs=_state),
    # The API's own pages (its endpoints: ``check_api``). DRF answers 401, not the login page.
    "api:api-root": Rule(
        {"anonymous": 401, **dict.fromkeys(ROLES[1:], 200), **dict.fromkeys(REPORTERS, 403)}
    ),
    "api:schema": Rule(
        {"anonymous": 401, **dict.fromkeys(ROLES[1:], 200), **dict.fromkeys(REPORTERS, 403)}
    ),
    "api:docs": Rule(
        {"anonymous": 401, **dict.fromkeys(ROLES[1:], 200), **dict.fromkeys(REPORTERS, 403)}
    ),
    "api_tokens": staff_only(shows={"staff": "Script of the CA5 member"}),
    "api_token_revoke": staff_only(
        staff=405, kwargs=lambda data: {"token_key": data.api_token.token_key}
    ),
    # Calendar feeds: each user's own; the address is the credential (``check_feeds``).
    "feeds:list": signed_in(shows={"member": lambda data: data.feeds["member"].token}),
    # Staff's own feed: nobody else may revoke it (404, nothing changes). Revoking one's own
    # feed is a write of one's own record, tested in tests/feeds.
    "feeds:revoke": post_only(kwargs=lambda data: {"pk": data.feeds["staff"].pk}),
    "feeds:ics": Rule(
        dict.fromkeys(ROLES, 404), kwargs=lambda data: {"token": data.revoked_feed.token}
    ),
    # Search: what each may read, nothing more.
    "search:results": signed_in(
        query="q=sentinel", shows={"member": CA5_MEETING, "other": CCC_MEETING}
    ),
    # Anyone may choose a language (the login page offers it); POST only.
    "set_language": Rule(dict.fromkeys(ROLES, 405)),
    # The public website: anyone, signed in or not, reads the same pages (POST: 405).
    "site:home": Rule(dict.fromkeys(ROLES, 200), shows={"anonymous": PUBLISHED_DOCUMENT}),
    "site:committee": Rule(
        dict.fromkeys(ROLES, 200),
        kwargs=lambda data: {"code": data.committee.code},
        shows={"anonymous": "Germany (Chair)", "staff": PUBLISHED_DOCUMENT},
    ),
    "site:states": Rule(dict.fromkeys(ROLES, 200), shows={"anonymous": "Cambodia"}),
    "site:meetings": Rule(
        dict.fromkeys(ROLES, 200), shows={"anonymous": "Meeting of the States Parties (22MSP)"}
    ),
    "site:documents": Rule(dict.fromkeys(ROLES, 200), shows={"observer": PUBLISHED_DOCUMENT}),
    "site:document_pdf": Rule(
        dict.fromkeys(ROLES, 200),
        kwargs=lambda data: {"pk": data.published.pk, "number": 1},
        shows={"anonymous": "%PDF-"},
    ),
    "site:article7": Rule(
        dict.fromkeys(ROLES, 200), shows={"anonymous": "/en/article-7-reports/PER/2024/"}
    ),
    "site:article7_report": (
        Rule(
            dict.fromkeys(ROLES, 200),
            kwargs=lambda data: {"iso3": "PER", "period": "2024"},
            shows={"anonymous": "Public narrative of Peru, form A"},
        ),
        # A report not published has no public page, whoever asks.
        Rule(
            dict.fromkeys(ROLES, 404),
            kwargs=lambda data: {"iso3": data.state.iso3, "period": "2025"},
        ),
    ),
    "site:documents_feed": Rule(dict.fromkeys(ROLES, 200), shows={"anonymous": PUBLISHED_DOCUMENT}),
    "public_calendar": Rule(
        dict.fromkeys(ROLES, 200), shows={"anonymous": "Meeting of the States Parties (22MSP)"}
    ),
    "public_site:sitemap": Rule(dict.fromkeys(ROLES, 200), shows={"anonymous": "/fr/committees/"}),
    "public_site:robots": Rule(dict.fromkeys(ROLES, 200), shows={"anonymous": "Sitemap: "}),
    # The committees' texts on the public website: ISU staff edit them.
    "public_site:texts": staff_only(),
    "public_site:text_edit": staff_only(kwargs=lambda data: {"code": "CA5", "language": "fr"}),
    # The portal: ISU staff manage national reporters; each reporter reaches their own pages.
    "portal:reporter_list": (
        staff_only(shows={"staff": KHM_REPORTER}),
        staff_only(query="format=csv", shows={"staff": PER_REPORTER}),
    ),
    "portal:reporter_invite": staff_only(),
    "portal:reporter_detail": staff_only(
        kwargs=lambda data: {"pk": data.reporter.pk}, shows={"staff": KHM_REPORTER}
    ),
    "portal:reporter_suspend": staff_only(staff=405, kwargs=lambda data: {"pk": data.reporter.pk}),
    "portal:reporter_reinvite": staff_only(staff=405, kwargs=lambda data: {"pk": data.reporter.pk}),
    "portal:home": reporters_only(
        shows={"reporter": "Article 7 reports of Cambodia", "reporter_other": "of Peru"}
    ),
    # Reports: Cambodia's draft to its reporter (the other State's: 404), Peru's published
    # report to both; POSTs without a form's data change nothing.
    "portal:start": post_only(reporter=405, reporter_other=405),
    "portal:published": reporters_only(shows={"reporter": "Peru", "reporter_other": "Peru"}),
    "portal:report": (
        reporters_only(
            reporter_other=404,
            kwargs=_a7_draft,
            shows={"reporter": "Article 7 report of Cambodia, 2025"},
        ),
        reporters_only(
            kwargs=lambda data: {"pk": data.a7_published.pk},
            shows={"reporter": "Article 7 report of Peru", "reporter_other": "Director"},
        ),
    ),
    "portal:section": reporters_only(
        reporter_other=404,
        kwargs=lambda data: {"pk": data.a7_draft.pk, "code": "A"},
        shows={"reporter": A7_DRAFT},
    ),
    "portal:section_unchanged": post_only(
        reporter=405,
        reporter_other=405,
        kwargs=lambda data: {"pk": data.a7_draft.pk, "code": "B"},
    ),
    "portal:review": (
        reporters_only(reporter_other=404, kwargs=_a7_draft, shows={"reporter": A7_DRAFT}),
        reporters_only(kwargs=lambda data: {"pk": data.a7_published.pk}),
    ),
    "portal:submit": post_only(reporter=405, reporter_other=405, kwargs=_a7_draft),
    # (A correction of one's own sent report is a write: tests/portal covers it.)
    "portal:correction": post_only(reporter=405, reporter_other=405, kwargs=_a7_draft),
    "portal:annexes": post_only(reporter=405, reporter_other=405, kwargs=_a7_draft),
    "portal:annex_remove": post_only(reporter=405, reporter_other=405, kwargs=_a7_draft),
    # The invitation's link opens for whoever holds it (a POST without a password changes
    # nothing).
    "portal:invitation": Rule(
        dict.fromkeys(ROLES, 200),
        kwargs=lambda data: {"pk": data.invitation.pk, "token": data.invitation_token},
        shows={"anonymous": "You are invited to report for Cambodia under Article 7."},
    ),
}


def _paragraph(data: Data) -> dict:
    return {"pk": data.draft.pk, "paragraph_pk": data.draft_paragraph.pk}


#: Patterns matched by shape rather than one by one: the admin site (Django's own views;
#: only staff accounts with ``is_staff`` get in, everyone else is sent to its login page).
#: The API's endpoints too: every ``api:<basename>-list``, ``api:<basename>-detail`` and extra
#: action a router adds, today's and tomorrow's, is requested by ``check_api``. A route that
#: someone other than ISU staff may write to (a chair's approval) is declared in ``ACCESS``
#: instead, on a record the write leaves unchanged (as ``correspondence:letter_approve``).
ACCESS_BY_PATTERN: dict[str, str] = {"admin:*": "admin", "api:*": "api"}
#: Unnamed patterns, by the start of their route: the admin's redirects and catch-all, the
#: API's catch-all (a JSON 404).
ACCESS_BY_ROUTE: dict[str, str] = {"admin/": "admin", "api/": "api"}
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
    view: Any = field(default=None, compare=False, repr=False)


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
                yield Pattern(name, prefix + str(pattern.pattern), converters, pattern.callback)

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


def _kept_private(response: Any) -> bool:
    """Whether no browser or proxy cache keeps the response (every one to a signed-in user)."""
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def _leaks(role: str, body: str, data: Data | None = None) -> list[str]:
    return sorted(text for text in forbidden(role, data) if text in body)


def _rules(name: str) -> tuple[Rule, ...]:
    rules = ACCESS[name]
    return rules if isinstance(rules, tuple) else (rules,)


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
        if leaked := _leaks(role, body, data):
            problems.append(f"{name} GET {url} as {role}: shows {leaked}")
        if role != "anonymous" and not _kept_private(response):
            problems.append(
                f"{name} GET {url} as {role}: Cache-Control {response.get('Cache-Control')!r}"
            )
        expected = rule.shows.get(role)
        if callable(expected):
            expected = expected(data)
        if expected is not None and expected not in body:
            problems.append(f"{name} GET {url} as {role}: does not show {expected!r}")
    # The audit trail is counted around all the POSTs (counting it takes a statement over every
    # history table), and again around each one only when something changed, to name who did.
    before = history_row_count()
    problems.extend(_post_as(NOT_STAFF, name, url, data, role_clients))
    if history_row_count() != before:
        for role in NOT_STAFF:
            before = history_row_count()
            _post_as((role,), name, url, data, role_clients)
            if history_row_count() != before:
                problems.append(f"{name} POST {url} as {role}: changed a record")
    return problems


def _post_as(
    roles: tuple[str, ...], name: str, url: str, data: Data, role_clients: dict[str, Client]
) -> list[str]:
    """An empty POST as each role: no server error, nothing forbidden shown."""
    from tests.utils import log_in_client

    problems = []
    for role in roles:
        client = role_clients[role]
        response = client.post(url, {})
        if response.status_code >= 500:
            problems.append(f"{name} POST {url} as {role}: {response.status_code}")
        if leaked := _leaks(role, _body(response), data):
            problems.append(f"{name} POST {url} as {role}: shows {leaked}")
        if role != "anonymous" and "_auth_user_id" not in client.session:  # it logged out
            log_in_client(client, data.users[role])
    return problems


def check_matrix(data: Data, names: list[str] | None = None) -> list[str]:
    role_clients = clients(data)
    problems = []
    for name in names or sorted(ACCESS):
        for rule in _rules(name):
            problems.extend(check_rule(name, rule, data, role_clients))
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
            if leaked := _leaks(role, body, data):
                problems.append(f"{name} GET {url} as {role}: shows {leaked}")
    return problems


# --- the API --------------------------------------------------------------------------------------

#: What the API answers a role on a list, where it is known; any other route, such as one added
#: later, gets the general expectations of ``check_api`` (401 anonymous, 200 staff, 200 or 403
#: for everyone else, and never a sentinel).
_API_READERS = {**dict.fromkeys(ROLES[1:], 200), **dict.fromkeys(REPORTERS, 403)}
API_LIST_STATUSES: dict[str, dict[str, int]] = {
    "state": _API_READERS,
    "committee": _API_READERS,
    "meeting": _API_READERS,
    "seat-term": _API_READERS,
    "expected-report": _API_READERS,
    "submission": _API_READERS,
    "article9-record": _API_READERS,
    "contact": {**_API_READERS, "observer": 403},
    "audience": {**_API_READERS, "observer": 403},
    # The CA5's workspace: its chair and members, and ISU staff.
    "extension-request": {**_API_READERS, "observer": 403, "other": 403},
    "extension-decision": {**_API_READERS, "observer": 403, "other": 403},
}
#: What a role must find in an API list: what is theirs.
API_LIST_SHOWS: dict[str, dict[str, str]] = {
    "meeting": {"member": CA5_MEETING, "other": CCC_MEETING, "staff": CCC_MEETING},
    "contact": {"member": CONTACT, "other": CONTACT_DEU},
    "submission": {"member": SP_LINK, "staff": CONFIDENTIAL_LINK},
    "audience": {"chair": AUDIENCE},
    "extension-request": {"member": "2030-12-31", "chair": "2030-12-31"},
    "extension-decision": {"member": "An updated work plan", "chair": "An updated work plan"},
}
#: Records of a route's list requested one by one (the first, and those holding a sentinel).
API_DETAILS_PER_ROUTE = 8
#: Addresses the API's catch-all answers (a JSON 404, for everyone).
API_UNNAMED_URLS = ("/api/nowhere/", "/api/states/KHM/nothing/")


@dataclass
class ApiRoute:
    """A named pattern of the API, and what ``check_api`` makes of its name."""

    pattern: Pattern
    basename: str
    #: The URL arguments other than ``format``: none for a list (or a list-level action).
    lookups: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.pattern.name or ""

    @property
    def with_format(self) -> bool:
        return "format" in self.pattern.converters


def api_routes(urlconf: Any = None) -> list[ApiRoute]:
    """The API's named patterns not declared one by one in ``ACCESS``: ``api:<basename>-list``,
    ``api:<basename>-detail`` and the routers' extra actions (``api:<basename>-<action>``)."""
    patterns = [
        pattern
        for pattern in url_patterns(urlconf)
        if pattern.name and pattern.name not in ACCESS and _group(pattern.name) == "api"
    ]
    names = {pattern.name for pattern in patterns}
    routes = []
    for pattern in patterns:
        local = pattern.name.split(":", 1)[1]
        # The longest prefix with a list or a detail route: "seat-term" in "seat-term-detail".
        parts = local.split("-")
        basename = next(
            (
                "-".join(parts[:cut])
                for cut in range(len(parts) - 1, 0, -1)
                if {f"api:{'-'.join(parts[:cut])}-list", f"api:{'-'.join(parts[:cut])}-detail"}
                & names
            ),
            local,
        )
        lookups = tuple(name for name in pattern.converters if name != "format")
        routes.append(ApiRoute(pattern, basename, lookups))
    return routes


def _api_json(response: Any) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _viewset(basename: str) -> Any:
    """The view class of ``basename``'s routes (a router's viewset)."""
    for pattern in url_patterns():
        if pattern.name in (f"api:{basename}-list", f"api:{basename}-detail"):
            return getattr(pattern.view, "cls", None)
    return None


def _api_objects(basename: str, data: Data, staff: Client) -> tuple[list[dict], list[str]]:
    """URL arguments of records of ``basename`` as ISU staff read them: the first record of the
    list, and every record that holds a sentinel or a secret (up to ``API_DETAILS_PER_ROUTE``).
    A route without a list takes the first record of its view's queryset."""
    from django.urls import NoReverseMatch

    cls = _viewset(basename)
    if cls is None:
        return [], [f"api:{basename}: no view class found for its routes"]
    field_name = getattr(cls, "lookup_field", "pk")
    kwarg = getattr(cls, "lookup_url_kwarg", None) or field_name
    secrets = EVERY_SENTINEL | {text for texts in data.secrets.values() for text in texts}
    items: list[dict] = []
    try:
        url: str | None = reverse(f"api:{basename}-list") + "?page_size=500"
    except NoReverseMatch:
        url = None
    pages = 0
    while url and pages < 10:
        response = staff.get(url)
        body = _api_json(response)
        if response.status_code != 200 or body is None:
            return [], [f"api:{basename}-list GET {url} as staff: {response.status_code}"]
        page = body.get("results", []) if isinstance(body, dict) else body
        items.extend(item for item in page if isinstance(item, dict))
        url = body.get("next") if isinstance(body, dict) else None
        pages += 1
    chosen = items[:1] + [
        item for item in items[1:] if any(text in _json_text(item) for text in secrets)
    ]
    values = []
    for item in chosen[:API_DETAILS_PER_ROUTE]:
        value = item.get(field_name, item.get("id") if field_name == "pk" else None)
        if value is not None:
            values.append({kwarg: str(value)})
    if not values:
        value = _first_in_queryset(cls, field_name, data)
        if value is None:
            return [], [f"api:{basename}: ISU staff read no record of it; add one to build_data()"]
        values.append({kwarg: str(value)})
    return values, []


def _json_text(item: Any) -> str:
    import json

    return json.dumps(item, ensure_ascii=False, default=str)


def _first_in_queryset(cls: Any, field_name: str, data: Data) -> Any:
    """The lookup value of the first record of the view's queryset, as ISU staff."""
    from rest_framework.test import APIRequestFactory, force_authenticate

    request = APIRequestFactory().get("/api/")
    force_authenticate(request, user=data.users["staff"])
    view = cls(action_map={"get": "list"})
    view.action, view.args, view.kwargs, view.format_kwarg = "list", (), {}, None
    view.request = view.initialize_request(request)
    record = view.get_queryset().order_by("pk").first()
    return getattr(record, field_name, None) if record is not None else None


def _api_status_ok(route: ApiRoute, role: str, status: int) -> bool:
    if status >= 500:
        return False
    if role == "anonymous":
        return status == 401
    if role == "staff":
        return status == 200
    if role in REPORTERS:  # national reporters never use the API
        return status == 403
    if not route.lookups:
        known = API_LIST_STATUSES.get(route.basename)
        if known is not None and route.name.endswith("-list"):
            return status == known[role]
        return status in (200, 403)
    # One record: refused (403), or not among those the role reads (404).
    return status in (200, 403, 404)


def _call(client: Client, method: str, url: str) -> Any:
    """The response, or the exception the view raised (a 500 in production)."""
    try:
        if method == "get":
            return client.get(url)
        return getattr(client, method)(url, {}, content_type="application/json")
    except Exception as error:  # reported as a problem, with the others
        return error


def check_api(data: Data, basenames: list[str] | None = None) -> list[str]:
    """Every API route (or those of ``basenames``) as every role, signed in through the session,
    which the API accepts as well as tokens: the statuses above, nothing forbidden in any answer,
    what is theirs in the lists, and no write by anyone but ISU staff."""
    from tests.utils import history_row_count, log_in_client

    role_clients = clients(data)
    problems: list[str] = []
    objects: dict[str, list[dict]] = {}
    for route in api_routes():
        if basenames is not None and route.basename not in basenames:
            continue
        if route.lookups:
            if route.basename not in objects:
                found, trouble = _api_objects(route.basename, data, role_clients["staff"])
                objects[route.basename] = found
                problems.extend(trouble)
            kwargs_list = objects[route.basename]
            if route.with_format:
                kwargs_list = kwargs_list[:1]
            if kwargs_list and set(kwargs_list[0]) != set(route.lookups):
                problems.append(f"{route.name}: cannot fill {route.lookups}; declare it in ACCESS")
                continue
        else:
            kwargs_list = [{}]
        for kwargs in kwargs_list:
            if route.with_format:
                kwargs = {**kwargs, "format": "json"}
            url = reverse(route.name, kwargs=kwargs)
            for role in ROLES:
                response = _call(role_clients[role], "get", url)
                if isinstance(response, Exception):
                    problems.append(f"{route.name} GET {url} as {role}: raised {response!r}")
                    continue
                body = _body(response)
                if not _api_status_ok(route, role, response.status_code):
                    problems.append(f"{route.name} GET {url} as {role}: {response.status_code}")
                if leaked := _leaks(role, body, data):
                    problems.append(f"{route.name} GET {url} as {role}: shows {leaked}")
                expected = API_LIST_SHOWS.get(route.basename, {}).get(role)
                if route.name.endswith("-list") and expected and expected not in body:
                    problems.append(f"{route.name} GET {url} as {role}: does not show {expected!r}")
            if route.with_format:
                continue
            methods = ("post",) if not route.lookups else ("put", "patch", "delete")
            for role in NOT_STAFF:
                client = role_clients[role]
                for method in methods:
                    before = history_row_count()
                    response = _call(client, method, url)
                    if isinstance(response, Exception):
                        problems.append(
                            f"{route.name} {method.upper()} {url} as {role}: raised {response!r}"
                        )
                        continue
                    allowed = (401,) if role == "anonymous" else (403, 405)
                    if response.status_code not in allowed:
                        problems.append(
                            f"{route.name} {method.upper()} {url} as {role}: "
                            f"{response.status_code}, expected {allowed}"
                        )
                    if history_row_count() != before:
                        problems.append(
                            f"{route.name} {method.upper()} {url} as {role}: changed a record"
                        )
                    if leaked := _leaks(role, _body(response), data):
                        problems.append(
                            f"{route.name} {method.upper()} {url} as {role}: shows {leaked}"
                        )
                if role != "anonymous" and "_auth_user_id" not in client.session:
                    log_in_client(client, data.users[role])
    for url in API_UNNAMED_URLS if basenames is None else ():
        for role in ROLES:
            response = role_clients[role].get(url)
            if response.status_code != 404 or response.get("Content-Type") != "application/json":
                problems.append(
                    f"api (unnamed) GET {url} as {role}: {response.status_code} "
                    f"{response.get('Content-Type')}, expected a JSON 404"
                )
            if leaked := _leaks(role, _body(response), data):
                problems.append(f"api (unnamed) GET {url} as {role}: shows {leaked}")
    return problems


# --- calendar feeds -------------------------------------------------------------------------------

#: What each role's own feed shows (fetched without logging in: the address is the credential).
FEED_SHOWS: dict[str, str | Callable[[Data], str]] = {
    "observer": lambda data: data.formal_meeting.display_title,
    "member": CA5_MEETING,
    "chair": CA5_MEETING,
    "other": CCC_MEETING,
    "staff": CCC_MEETING,
}


def check_feeds(data: Data) -> list[str]:
    """Each user's feed, fetched by a calendar program (no session): what its owner may see and
    nothing else; the member's CA5 feed without the CCC's meetings; a revoked address: 404."""
    problems = []
    calendar = Client()
    feeds = [*data.feeds.items(), ("member", data.spare_feed)]
    for role, feed in feeds:
        url = reverse("feeds:ics", kwargs={"token": feed.token})
        response = calendar.get(url)
        body = _body(response)
        if response.status_code != 200:
            problems.append(f"feed of {role}: {response.status_code}")
        if leaked := _leaks(role, body, data):
            problems.append(f"feed of {role}: shows {leaked}")
        expected = FEED_SHOWS[role]
        if callable(expected):
            expected = expected(data)
        if expected not in body:
            problems.append(f"feed of {role}: does not show {expected!r}")
    response = calendar.get(reverse("feeds:ics", kwargs={"token": data.revoked_feed.token}))
    if response.status_code != 404:
        problems.append(f"revoked feed: {response.status_code}")
    return problems
