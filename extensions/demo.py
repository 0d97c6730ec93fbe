"""Demonstration extension requests, one State at each step of the Committee on Article 5
Implementation's year, on the day the demo is loaded (names of States are real; dates, texts
and figures are illustrative):

- at the Meeting that closed last, Cambodia's request went the whole way: received on the
  expected day, questions sent and answered, a revised version, preliminary observations at
  the Intersessional Meetings, the analysis approved by the Chair, the decision granting a new
  deadline and asking for an updated work plan, a deadline tracked with reminders; its work
  plan's milestones stand against the area its Article 7 reports say it released;
- at the same Meeting, another State declared completion;
- for the coming Meeting, one State's request is in dialogue (questions sent and answered, a
  revised version), another's analysis is approved by the Chair and awaits the Meeting, and
  the other States that must request have sent nothing (expected, then missing once the
  expected day has passed).

Reminder rules of the two extension anchors are added (the day a request is expected, the day
a decision asks something by). Letters sent in the past are recorded as sent; nothing of the
past is mailed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from committees.models import Committee, Meeting
from correspondence import planning, render
from correspondence.models import (
    Anchor,
    Letter,
    LetterRecipient,
    MessageStatus,
    OutgoingMessage,
    ReminderRule,
    Reply,
)
from states_parties import services as state_services
from states_parties.models import Article5Extension, Contact, StateParty

from . import expected, services, stages, timeline
from .access import COMMITTEE_CODE
from .models import (
    Analysis,
    CompletionDeclaration,
    Decision,
    DecisionRequirement,
    ExtensionRequest,
    Funding,
    HazardousArea,
    Question,
    RequestVersion,
    WorkPlanYear,
)

#: The State whose request the last Meeting decided (its Article 7 demo reports give the area
#: it released, against its plan).
DECIDED = "KHM"
#: Candidates, in order, for the State declaring completion at the last Meeting and for the two
#: requests of the coming Meeting (the first that fits each role is taken).
COMPLETING = ("SEN", "CYP", "NER", "TJK", "ZWE", "HRV")
IN_DIALOGUE = ("AGO", "BIH", "TCD", "COL", "LKA", "ETH", "SDN", "THA", "TUR", "ZWE")
APPROVED = ("LKA", "THA", "TUR", "ZWE", "SDN", "ETH", "COL", "TCD", "BIH", "AGO")

QUESTIONS = {
    "subject_en": "Questions of the Committee on the extension request {{ of_state }}",
    "body_en": (
        "{{ salutation }}\n\nThe Committee on Article 5 Implementation thanks you for the "
        "request {{ of_state }} to extend its deadline under Article 5. To complete its "
        "analysis, it would be grateful for, by {{ reply_due }}: the yearly milestones of the "
        "work plan by region, the number of deminers and machines deployed, and the national "
        "and international funding secured for the first two years.\n\nYours sincerely,"
    ),
    "subject_fr": "Questions du Comité sur la demande de prolongation {{ of_state }}",
    "body_fr": (
        "{{ salutation }}\n\nLe Comité sur l'application de l'article 5 vous remercie de la "
        "demande {{ of_state }} de prolongation du délai prévu à l'article 5. Pour achever son "
        "analyse, il vous saurait gré de lui communiquer, d'ici au {{ reply_due }} : les "
        "étapes annuelles du plan de travail par région, le nombre de démineurs et de machines "
        "déployés, ainsi que les financements nationaux et internationaux acquis pour les deux "
        "premières années.\n\nJe vous prie d'agréer l'assurance de ma haute considération."
    ),
    "subject_es": "Preguntas del Comité sobre la solicitud de prórroga {{ of_state }}",
    "body_es": (
        "{{ salutation }}\n\nEl Comité sobre la Aplicación del Artículo 5 le agradece la "
        "solicitud {{ of_state }} de prórroga del plazo previsto en el artículo 5. Para "
        "completar su análisis, agradecería recibir, a más tardar el {{ reply_due }}: los hitos "
        "anuales del plan de trabajo por región, el número de desminadores y máquinas "
        "desplegados y la financiación nacional e internacional asegurada para los dos "
        "primeros años.\n\nLe saluda atentamente,"
    ),
}

REQUEST_REMINDER = {
    "subject_en": "{{ state }}: Article 5 extension request expected by {{ deadline }}",
    "body_en": (
        "{{ salutation }}\n\nThe Article 5 deadline {{ of_state }} falls on "
        "{{ article5_deadline }}. If an extension is needed, the request is expected by "
        "{{ deadline }}, so that the Committee on Article 5 Implementation can analyse it "
        "before the Meeting that decides it.\n\nImplementation Support Unit"
    ),
    "subject_fr": (
        "{{ state }} : demande de prolongation au titre de l'article 5 attendue le {{ deadline }}"
    ),
    "body_fr": (
        "{{ salutation }}\n\nL'échéance {{ of_state }} au titre de l'article 5 est fixée au "
        "{{ article5_deadline }}. Si une prolongation est nécessaire, la demande est attendue "
        "au plus tard le {{ deadline }}, afin que le Comité sur l'application de l'article 5 "
        "puisse l'analyser avant l'Assemblée qui en décide.\n\nUnité d'appui à l'application"
    ),
    "subject_es": (
        "{{ state }}: solicitud de prórroga en virtud del artículo 5 esperada el {{ deadline }}"
    ),
    "body_es": (
        "{{ salutation }}\n\nEl plazo {{ of_state }} en virtud del artículo 5 vence el "
        "{{ article5_deadline }}. Si se necesita una prórroga, la solicitud se espera a más "
        "tardar el {{ deadline }}, para que el Comité sobre la Aplicación del Artículo 5 pueda "
        "analizarla antes de la Reunión que decida sobre ella.\n\n"
        "Dependencia de Apoyo a la Aplicación"
    ),
}

DECISION_REMINDER = {
    "subject_en": "{{ state }}: what the decision on the extension asks, by {{ deadline }}",
    "body_en": (
        "{{ salutation }}\n\nThe decision of the States Parties on the extension request "
        "{{ of_state }} asks for information by {{ deadline }}. The Committee on Article 5 "
        "Implementation looks forward to receiving it.\n\nImplementation Support Unit"
    ),
    "subject_fr": (
        "{{ state }} : ce que demande la décision sur la prolongation, d'ici au {{ deadline }}"
    ),
    "body_fr": (
        "{{ salutation }}\n\nLa décision des États parties sur la demande de prolongation "
        "{{ of_state }} demande des informations d'ici au {{ deadline }}. Le Comité sur "
        "l'application de l'article 5 se réjouit de les recevoir.\n\n"
        "Unité d'appui à l'application"
    ),
    "subject_es": (
        "{{ state }}: lo que pide la decisión sobre la prórroga, a más tardar el {{ deadline }}"
    ),
    "body_es": (
        "{{ salutation }}\n\nLa decisión de los Estados partes sobre la solicitud de prórroga "
        "{{ of_state }} pide información a más tardar el {{ deadline }}. El Comité sobre la "
        "Aplicación del Artículo 5 espera recibirla.\n\nDependencia de Apoyo a la Aplicación"
    ),
}

CIRCUMSTANCES = (
    "Newly surveyed areas in the border provinces, heavy rains shortening the working season "
    "and a fall in international funding since the last request."
)
IMPLICATIONS = {
    "humanitarian_implications": (
        "Mined land keeps families from farming and from reaching water points and schools; "
        "casualties continue in the contaminated districts."
    ),
    "social_implications": "Returning displaced people cannot resettle their villages.",
    "economic_implications": (
        "Roads, irrigation and agricultural land remain blocked; clearance releases them for "
        "development."
    ),
    "environmental_implications": (
        "Clearance in forests and wetlands follows the national environmental standards."
    ),
}


@dataclass(frozen=True)
class Plan:
    """A request's figures: its remaining contamination and the area released per year."""

    confirmed: list[tuple[str, int]]
    suspected: list[tuple[str, int]]
    years: list[tuple[int, int, int]]  # year, area to release (m²), budget (USD)
    funding: list[tuple[str, str, int]]  # kind, funder, amount (USD)


def load(rng: random.Random) -> None:
    today = timezone.localdate()
    users = {user.username: user for user in get_user_model().objects.all()}
    staff, chair = users.get("isu"), users.get("chair")
    if staff is None or not Committee.objects.filter(code=COMMITTEE_CODE).exists():
        return
    meetings = expected.formal_meetings()
    closed = [meeting for meeting in meetings if meeting.end_date < today]
    coming = timeline.coming_meeting(meetings, today)
    taken: set[str] = set()
    if closed:
        last = closed[-1]
        if _decided(last, today, staff, chair or staff):
            taken.add(DECIDED)
        _decided_on_the_record(last)
        taken |= _completion(last, taken)
    if coming is not None:
        _coming(coming, today, staff, chair or staff, taken)
    _reminder_rules(today)


# --- at the last Meeting -------------------------------------------------------------------


def _decided(meeting: Meeting, today: date, staff, chair) -> bool:
    """Cambodia's request, from its arrival to the Meeting's decision and what it asks."""
    state = StateParty.objects.filter(iso3=DECIDED, has_mined_areas=True).first()
    if state is None or state.clearance_deadline is None:
        return False
    months = expected.months_before()
    received = timeline.expected_by(meeting.start_date, months)
    # A request the State's record already shows for this Meeting (pending) is this one.
    record = (
        Article5Extension.objects.filter(
            state=state,
            outcome=Article5Extension.Outcome.PENDING,
            submitted_on__lte=meeting.end_date,
            process__isnull=True,
        )
        .order_by("-submitted_on")
        .first()
    )
    deadline = state.clearance_deadline
    requested = (
        record.requested_until
        if record is not None and record.requested_until > deadline
        else date(max(deadline.year, meeting.end_date.year) + 4, 12, 31)
    )
    request = services.receive_request(
        ExtensionRequest(
            state=state,
            meeting=meeting,
            received_on=received,
            symbol=_symbol(meeting, 3),
            requested_until=requested,
            outcome_record=record,
        ),
        RequestVersion(received_on=received, impeding_circumstances=CIRCUMSTANCES),
    )
    # Clearance ends the year before the new deadline when it falls on 1 January.
    last_year = (requested - timedelta(days=1)).year
    first_plan = cambodia_plan(received.year, last_year, revised=False)
    _fill(request.versions.get(), first_plan)
    _question(request, received + timedelta(days=30), staff, reply_after=21)
    revised = services.add_version(
        RequestVersion(
            request=request,
            received_on=received + timedelta(days=75),
            impeding_circumstances=CIRCUMSTANCES,
            **IMPLICATIONS,
        )
    )
    _fill(revised, cambodia_plan(received.year, last_year, revised=True))
    intersessional = stages.intersessional_opening(meeting)
    request.observations_presented_on = intersessional
    request.presented_on = meeting.start_date
    services.save_request(request)
    approved_on = timeline.stage_due_dates(meeting.start_date, months)[
        timeline.StageKind.ANALYSIS_APPROVED
    ] - timedelta(days=10)
    _analysis(request, chair, approved_on, granted=True)
    decided_on = min(meeting.start_date + timedelta(days=2), meeting.end_date)
    services.record_decision(
        Decision(
            request=request,
            decided_on=decided_on,
            granted=True,
            new_deadline=requested,
            text=(
                f"The Meeting grants the request of Cambodia to extend its deadline until "
                f"{_long(requested)}, and asks it to submit an updated work plan with "
                "yearly milestones by region, and to report on its progress at the "
                "Intersessional Meetings."
            ),
        ),
        [
            DecisionRequirement(
                text="An updated work plan with yearly milestones by region",
                due_on=date(decided_on.year + 1, 4, 30),
            ),
            DecisionRequirement(
                text="An update on progress at the Intersessional Meetings",
                due_on=date(decided_on.year + 1, 6, 1),
            ),
        ],
    )
    return True


def _decided_on_the_record(meeting: Meeting) -> None:
    """The other requests the States' records show pending from before the Meeting opened
    (entered on the States' pages, with no analysis here): the Meeting granted them, as they
    were asked, so that no request of a Meeting that has closed is left undecided."""
    for record in (
        Article5Extension.objects.filter(
            outcome=Article5Extension.Outcome.PENDING,
            submitted_on__lt=meeting.start_date,
            process__isnull=True,
        )
        .select_related("state")
        .order_by("pk")
    ):
        record.decision_meeting = meeting.short_name
        record.decided_on = min(meeting.start_date + timedelta(days=2), meeting.end_date)
        record.outcome = Article5Extension.Outcome.GRANTED
        record.granted_until = record.requested_until
        record.full_clean()
        state_services.save_extension(record)


def cambodia_plan(year: int, last_year: int, *, revised: bool) -> Plan:
    """Cambodia's remaining contamination as its latest Article 7 report gives it (the demo's
    16.5 km², half confirmed) released from the year of the request to ``last_year``, after
    the year before's milestone (about what it released then, 3.8 km²). The initial version
    plans the same area each year; the revised one, after the dialogue, more in the first
    years, while international funding is secured, and counts national funding apart."""
    remaining = 16_500_000
    years = list(range(year, last_year + 1))
    weights = list(range(len(years) + 2, 2, -1)) if revised else [1] * len(years)
    areas = [remaining * weight // sum(weights) for weight in weights]
    areas[0] += remaining - sum(areas)
    milestones = [(year - 1, 3_800_000), *zip(years, areas, strict=True)]
    return Plan(
        confirmed=[("Battambang province", 5_100_000), ("Pailin province", 3_150_000)],
        suspected=[
            ("Banteay Meanchey province", 6_000_000),
            ("Oddar Meanchey province", 2_250_000),
        ],
        years=[(each, m2, m2 * 6) for each, m2 in milestones],
        funding=[
            ("national", "Royal Government of Cambodia", 12_000_000),
            ("international", "Donors through the Clearing for Results project", 98_000_000),
        ]
        if revised
        else [("international", "Donors through the Clearing for Results project", 110_000_000)],
    )


def _completion(meeting: Meeting, taken: set[str]) -> set[str]:
    """A State that finished clearing declares completion, presented at the Meeting."""
    candidates = {
        state.iso3: state
        for state in StateParty.objects.filter(
            iso3__in=[iso3 for iso3 in COMPLETING if iso3 not in taken],
            has_mined_areas=True,
            clearance_completed_on__isnull=True,
        ).exclude(clearance_extensions__outcome=Article5Extension.Outcome.PENDING)
    }
    state = next((candidates[iso3] for iso3 in COMPLETING if iso3 in candidates), None)
    if state is None:
        return set()
    services.declare_completion(
        CompletionDeclaration(
            state=state,
            declared_on=meeting.start_date - timedelta(days=45),
            meeting=meeting,
            notes="Declaration read at the Meeting; the last mined area was cleared in the dry "
            "season (illustrative).",
        )
    )
    return {state.iso3}


# --- for the coming Meeting ----------------------------------------------------------------


def _coming(meeting: Meeting, today: date, staff, chair, taken: set[str]) -> None:
    """One request in dialogue, another whose analysis the Chair approved; the rest of the
    States that must request have sent nothing."""
    must = [
        row.state
        for row in expected.expected_requests(today)
        if row.request is None and row.state.iso3 not in taken
    ]
    by_iso3 = {state.iso3: state for state in must}
    months = expected.months_before()
    due = timeline.expected_by(meeting.start_date, months)
    dialogue = next((by_iso3[iso3] for iso3 in IN_DIALOGUE if iso3 in by_iso3), None)
    if dialogue is not None:
        received = min(due, today - timedelta(days=60))
        request = _coming_request(meeting, dialogue, received, 5)
        _question(request, received + timedelta(days=10), staff, reply_after=20)
        revised = services.add_version(
            RequestVersion(
                request=request,
                received_on=received + timedelta(days=45),
                impeding_circumstances=CIRCUMSTANCES,
                **IMPLICATIONS,
            )
        )
        _fill(revised, plan_for(request, scale=0.9))
    approved = next(
        (by_iso3[iso3] for iso3 in APPROVED if iso3 in by_iso3 and by_iso3[iso3] is not dialogue),
        None,
    )
    if approved is not None:
        received = min(due, today - timedelta(days=120))
        request = _coming_request(meeting, approved, received, 7)
        _question(request, received + timedelta(days=10), staff, reply_after=15)
        revised = services.add_version(
            RequestVersion(
                request=request,
                received_on=received + timedelta(days=40),
                impeding_circumstances=CIRCUMSTANCES,
                **IMPLICATIONS,
            )
        )
        _fill(revised, plan_for(request, scale=0.95))
        intersessional = stages.intersessional_opening(meeting)
        if intersessional is not None and intersessional < today:
            request.observations_presented_on = intersessional
            services.save_request(request)
        _analysis(request, chair, today - timedelta(days=3), granted=True)


def _coming_request(meeting: Meeting, state: StateParty, received: date, number: int):
    deadline = state.clearance_deadline or meeting.end_date
    request = services.receive_request(
        ExtensionRequest(
            state=state,
            meeting=meeting,
            received_on=received,
            symbol=_symbol(meeting, number),
            requested_until=date(max(deadline.year, meeting.end_date.year) + 4, 12, 31),
        ),
        RequestVersion(received_on=received, impeding_circumstances=CIRCUMSTANCES),
    )
    _fill(request.versions.get(), plan_for(request, scale=1.0))
    return request


def plan_for(request: ExtensionRequest, *, scale: float) -> Plan:
    """An illustrative plan: the remaining area released evenly until the deadline asked for
    (``scale`` below 1 for a revised version that found some land to cancel)."""
    confirmed = round(2_400_000 * scale)
    suspected = round(1_600_000 * scale)
    first = request.received_on.year + 1
    years = list(range(first, request.requested_until.year + 1))
    yearly = (confirmed + suspected) // len(years)
    areas = [yearly] * len(years)
    areas[0] += confirmed + suspected - sum(areas)
    return Plan(
        confirmed=[("Northern provinces", confirmed)],
        suspected=[("Border districts", suspected)],
        years=[(year, m2, 2_500_000) for year, m2 in zip(years, areas, strict=True)],
        funding=[
            ("national", "National mine action authority", 1_000_000 * len(years)),
            ("international", "Bilateral donors", 1_500_000 * len(years)),
        ],
    )


# --- the parts of a request ------------------------------------------------------------------


def _long(day: date) -> str:
    """``1 January 2031``, as the States Parties' decisions write it."""
    return f"{day.day} {day:%B %Y}"


def _symbol(meeting: Meeting, number: int) -> str:
    if meeting.kind == Meeting.Kind.REVIEW_CONFERENCE:
        return f"APLC/CONF/{meeting.start_date.year}/WP.{number}"
    return f"APLC/MSP.{meeting.number}/{meeting.start_date.year}/WP.{number}"


def _fill(version: RequestVersion, plan: Plan) -> None:
    HazardousArea.objects.bulk_create(
        [
            *(
                HazardousArea(version=version, kind="confirmed", location=where, area_m2=m2)
                for where, m2 in plan.confirmed
            ),
            *(
                HazardousArea(version=version, kind="suspected", location=where, area_m2=m2)
                for where, m2 in plan.suspected
            ),
        ]
    )
    WorkPlanYear.objects.bulk_create(
        WorkPlanYear(version=version, year=year, area_m2=m2, budget=budget)
        for year, m2, budget in plan.years
    )
    Funding.objects.bulk_create(
        Funding(version=version, kind=kind, funder=funder, amount=amount)
        for kind, funder, amount in plan.funding
        if amount
    )


def _question(request: ExtensionRequest, sent_on: date, staff, *, reply_after: int) -> None:
    """The Committee's questions, sent on ``sent_on`` (recorded as sent: nothing is mailed),
    and the State's reply ``reply_after`` days later."""
    sent = timezone.make_aware(datetime.combine(sent_on, time(10, 0)))
    state = request.state
    committee = Committee.objects.get(code=COMMITTEE_CODE)
    letter = Letter.objects.create(
        title=f"Questions on the extension request of {state.name}",
        committee=committee,
        addressees=Letter.Addressees.HAND_PICKED,
        reply_due=sent_on + timedelta(days=30),
        status=Letter.Status.SENT,
        created_by=staff,
        updated_by=staff,
        approved_by=staff,
        approved_at=sent - timedelta(days=1),
        sent_by=staff,
        sent_at=sent,
        **QUESTIONS,
    )
    letter.states.set([state])
    recipient = LetterRecipient.objects.create(letter=letter, state=state)
    renderer = render.LetterRenderer(letter, states=[state])
    copies = []
    for contact in Contact.objects.filter(state=state, active=True).select_related("state"):
        copy = OutgoingMessage(
            kind=OutgoingMessage.Kind.LETTER,
            letter=letter,
            state=state,
            contact=contact,
            send_at=sent,
            next_attempt_at=sent,
            status=MessageStatus.SENT,
            attempts=1,
            sent_at=sent,
        )
        renderer.fill(copy, strict=True)
        copies.append(copy)
    OutgoingMessage.objects.bulk_create(copies)
    Reply.objects.create(
        recipient=recipient,
        received_on=sent_on + timedelta(days=reply_after),
        summary=(
            f"{state.name} sent the milestones by region, the teams deployed and the funding "
            "secured for the first two years."
        ),
        recorded_by=staff,
    )
    Question(request=request, letter=letter).save()


def _analysis(request: ExtensionRequest, chair, approved_on: date, *, granted: bool) -> None:
    state = request.state.name
    analysis = services.save_analysis(
        Analysis(
            request=request,
            text=(
                f"{state} requests an extension of its Article 5 deadline until "
                f"{_long(request.requested_until)}. The request is complete: it gives the "
                "remaining contamination by confirmed and suspected hazardous areas, a work "
                "plan with yearly milestones, its budget and funding, and the circumstances "
                "that impede completion.\n\nThe Committee notes that the revised work plan is "
                "ambitious but workable if funding is secured, and that reporting by region "
                "will help the States Parties follow its progress."
            ),
            draft_decision=(
                f"The Meeting grants the request of {state} to extend its deadline until "
                f"{_long(request.requested_until)}.\n\nThe Meeting asks {state} to submit "
                "an updated work plan with yearly milestones by 30 April of next year."
            ),
        )
    )
    services.approve_analysis(analysis, chair, approved_on)


# --- reminders -------------------------------------------------------------------------------


def _reminder_rules(today: date) -> None:
    committee = Committee.objects.get(code=COMMITTEE_CODE)
    for rule in (
        ReminderRule.objects.create(
            name="Article 5 extension request expected",
            anchor=Anchor.ARTICLE5_EXTENSION_REQUEST,
            committee=committee,
            offsets=[-60, -14],
            effective_from=today,
            **REQUEST_REMINDER,
        ),
        ReminderRule.objects.create(
            name="What an extension decision asks",
            anchor=Anchor.EXTENSION_DECISION_REQUEST,
            committee=committee,
            offsets=[-30, 0],
            effective_from=today,
            **DECISION_REMINDER,
        ),
    ):
        rule.refresh_from_db()  # the fields as stored (the time of day as a time)
        planning.reconcile(rule)
