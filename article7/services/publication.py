"""What the ISU does with a sent report: acknowledge it (and the received report it became),
return it to its State with questions (a letter through correspondence), publish it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.visibility import Visibility
from reporting import services as reporting_services
from reporting.models import Submission
from reporting.rules import ReportKind

from ..models import Report, ReportStatus
from .drafting import latest_version


def _sent(report: Report, allowed: Iterable[str], refusal: str) -> Report:
    locked = Report.objects.select_for_update().select_related("state").get(pk=report.pk)
    if locked.status not in allowed:
        raise ValidationError(refusal)
    return locked


@transaction.atomic
def acknowledge(*, report: Report, by: Any) -> Report:
    """The ISU acknowledges a submitted report (and the received report it became)."""
    locked = _sent(
        report, [ReportStatus.SUBMITTED], _("Only a submitted report can be acknowledged.")
    )
    locked.status = ReportStatus.ACKNOWLEDGED
    locked.acknowledged_at = timezone.now()
    locked.save(update_fields=["status", "acknowledged_at"])
    submission = _submission_of(locked)
    if submission is not None:
        reporting_services.acknowledge_submission(submission, by)
    return locked


def _submission_of(report: Report) -> Submission | None:
    if report.year_covered is None:
        return Submission.objects.filter(state=report.state, kind=ReportKind.INITIAL).first()
    return Submission.objects.filter(
        state=report.state, kind=ReportKind.ANNUAL, year=report.year_covered
    ).first()


@transaction.atomic
def return_with_questions(*, report: Report, questions: str, by: Any) -> Report:
    """Return a report to its State with the ISU's questions: a letter (a draft of the ISU,
    addressed to the State, for staff to approve and send through correspondence); the State
    answers with a correction."""
    from correspondence.models import Letter
    from correspondence.services import save_letter

    questions = questions.strip()
    if not questions:
        raise ValidationError({"questions": _("Write the questions to the State.")})
    locked = _sent(
        report,
        [ReportStatus.SUBMITTED, ReportStatus.ACKNOWLEDGED],
        _("Only a submitted or acknowledged report can be returned."),
    )
    subjects = {
        "en": "Article 7 report %(period)s: questions from the Implementation Support Unit",
        "fr": "Rapport au titre de l’article 7 (%(period)s) : questions de l’Unité d’appui à "
        "l’application",
        "es": "Informe del artículo 7 (%(period)s): preguntas de la Dependencia de Apoyo a la "
        "Aplicación",
    }
    language = locked.language
    period = (
        str(locked.year_covered)
        if locked.year_covered
        else {
            "en": "initial",
            "fr": "initial",
            "es": "inicial",
        }[language]
    )
    letter = Letter(
        title=_("Questions on the Article 7 report of %(state)s, %(period)s")
        % {"state": locked.state, "period": locked.period_label},
        addressees=Letter.Addressees.HAND_PICKED,
        **{f"subject_{language}": subjects[language] % {"period": period}},
        **{f"body_{language}": questions},
    )
    letter.created_by = by
    letter.full_clean()
    save_letter(letter, [locked.state], by)
    locked.status = ReportStatus.RETURNED
    locked.returned_at = timezone.now()
    locked.return_letter = letter
    locked.save(update_fields=["status", "returned_at", "return_letter"])
    return locked


@transaction.atomic
def publish(*, report: Report, by: Any) -> Report:
    """Publish a sent report (its latest version): public from now on, with its PDF and data."""
    locked = _sent(
        report,
        [ReportStatus.SUBMITTED, ReportStatus.ACKNOWLEDGED, ReportStatus.RETURNED],
        _("Only a submitted report can be published."),
    )
    if latest_version(locked).pk != locked.pk:
        raise ValidationError(_("A later version of this report exists; publish that one."))
    locked.status = ReportStatus.PUBLISHED
    locked.visibility = Visibility.PUBLIC
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "visibility", "published_at"])
    # The public PDF, rendered once by the documents worker after commit.
    from documents.services import request_pdf

    request_pdf(locked, requested_by=by, limited=False)
    return locked
