"""A request's stages on its Meeting's timeline: each with its due date (``timeline``) and the
day the record says it was done, and whether it is late."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from committees.models import Meeting
from correspondence.models import Reply

from . import timeline
from .models import ExtensionRequest, Question, RequestVersion
from .timeline import StageKind


@dataclass(frozen=True)
class Stage:
    kind: StageKind
    due: date
    done_on: date | None
    late: bool

    @property
    def label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class QuestionRow:
    question: Question
    sent_on: date | None
    replies: list[Reply]


def intersessional_opening(meeting: Meeting) -> date | None:
    """The Intersessional Meetings of the Meeting's year, before it, as recorded."""
    return (
        Meeting.objects.filter(
            kind=Meeting.Kind.INTERSESSIONAL,
            start_date__year=meeting.start_date.year,
            start_date__lt=meeting.start_date,
        )
        .order_by("start_date")
        .values_list("start_date", flat=True)
        .first()
    )


def question_rows(request: ExtensionRequest) -> list[QuestionRow]:
    questions = list(request.questions.select_related("letter").order_by("pk"))
    replies: dict[int, list[Reply]] = {}
    for reply in Reply.objects.filter(
        recipient__letter__in=[question.letter_id for question in questions],
        recipient__state=request.state_id,
    ).select_related("recipient"):
        replies.setdefault(reply.recipient.letter_id, []).append(reply)
    return [
        QuestionRow(
            question,
            timezone.localdate(question.letter.sent_at) if question.letter.sent_at else None,
            replies.get(question.letter_id, []),
        )
        for question in questions
    ]


def stages_of(
    request: ExtensionRequest,
    versions: list[RequestVersion],
    questions: list[QuestionRow],
    today: date,
) -> list[Stage]:
    due = timeline.stage_due_dates(
        request.meeting.start_date,
        settings.EXTENSION_REQUEST_MONTHS_BEFORE,
        intersessional_opening(request.meeting),
    )
    analysis = getattr(request, "analysis", None)
    sent = [row.sent_on for row in questions if row.sent_on]
    revised = [v.received_on for v in versions if v.kind == RequestVersion.Kind.REVISED]
    done = {
        StageKind.RECEIVED: request.received_on,
        StageKind.QUESTIONS_SENT: min(sent, default=None),
        StageKind.REVISED_RECEIVED: min(revised, default=None),
        StageKind.PRELIMINARY_OBSERVATIONS: request.observations_presented_on,
        StageKind.ANALYSIS_APPROVED: analysis.approved_on if analysis else None,
        StageKind.PRESENTED_AT_MEETING: request.presented_on,
    }
    return [
        Stage(kind, due[kind], done[kind], timeline.is_late(due[kind], done[kind], today))
        for kind in StageKind
    ]
