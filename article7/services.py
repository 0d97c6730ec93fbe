"""Every write to online Article 7 reports: start (pre-filled from the last report), save a
form, confirm a form unchanged, submit (which makes it the received report of the reporting
app), correct, acknowledge, return with questions, publish.

Keyword-only and typed: the staff pages, the portal, the API and the import call the same
functions. A save names the revision it was made from; a report saved since by someone else
raises ``EditConflict`` instead of losing their changes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.visibility import Visibility
from reporting import services as reporting_services
from reporting.models import Submission
from reporting.rules import ReportKind
from states_parties.models import StateParty

from . import rules
from .data import figures, report_data
from .models import (
    ROW_MODELS,
    SECTION_CODES,
    FormSection,
    Report,
    ReportStatus,
    SectionStatus,
)
from .rules import Finding

logger = logging.getLogger(__name__)


class EditConflict(Exception):
    """The report was saved by someone else since this form was opened."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(
            _(
                "Someone else saved this report while you were editing it (at %(time)s). "
                "Your changes were not saved: reload the form to see theirs, then make yours "
                "again."
            )
            % {"time": timezone.localtime(report.updated_at).strftime("%H:%M")}
        )


class ReportHasErrors(Exception):
    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__(_("The report has errors to correct before it can be submitted."))


class WarningsNeedConfirmation(Exception):
    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__(_("Confirm the points below before submitting."))


@dataclass(frozen=True)
class SectionData:
    """What a form holds: its narrative, its explanation, its rows (dictionaries of the row
    model's ``FIELDS``)."""

    narrative: str = ""
    explanation: str = ""
    rows: tuple[dict, ...] = ()


# --- starting a report -----------------------------------------------------------------------


def latest_sent(state: StateParty | int) -> Report | None:
    """The State's latest sent report (the most recent year, its latest version)."""
    return Report.objects.of_state(state).submitted().order_by("-year_covered", "-version").first()


#: Columns reset when a row is carried into the next year's report.
_YEARLY = {
    "C": {"cancelled_m2": 0, "reduced_m2": 0, "cleared_m2": 0},
    "D": {"used_or_destroyed": 0, "received": 0, "transferred": 0},
}
#: Forms whose rows are the year's own events, never carried over.
_NOT_CARRIED = ("G",)


def _carry(code: str, row: dict) -> dict:
    row = {**row, **_YEARLY.get(code, {})}
    if code == "D":
        # The end of one year is the start of the next.
        row["at_start"] = row["at_end"]
    return row


@transaction.atomic
def start_report(
    *,
    state: StateParty,
    year_covered: int | None,
    by: Any,
    language: str | None = None,
) -> Report:
    """A new draft for ``state`` and ``year_covered`` (``None``: the initial report), pre-filled
    from the State's latest submitted report: its rows copied (the retained mines at the end of
    that year become this year's start), every form to be confirmed unchanged or edited."""
    StateParty.objects.select_for_update().filter(pk=state.pk).first()
    if Report.objects.of_state(state).for_year(year_covered).exists():
        raise ValidationError(
            _("%(state)s already has a report covering %(year)s; open it instead.")
            % {
                "state": state,
                "year": year_covered if year_covered is not None else _("the initial period"),
            }
        )
    source = latest_sent(state)
    if (
        year_covered is not None
        and source is not None
        and source.year_covered is not None
        and source.year_covered >= year_covered
    ):
        source = (
            Report.objects.of_state(state)
            .submitted()
            .filter(year_covered__lt=year_covered)
            .order_by("-year_covered", "-version")
            .first()
        ) or (
            Report.objects.of_state(state).submitted().for_year(None).order_by("-version").first()
        )
    language = language or (source.language if source else "") or getattr(by, "language", "")
    report = Report.objects.create(
        state=state,
        year_covered=year_covered,
        version=1,
        language=language if language in ("en", "fr", "es") else "en",
        previous=source,
    )
    sections = {code: FormSection(report=report, code=code) for code in SECTION_CODES}
    if source is not None:
        for section in FormSection.objects.filter(report=source):
            sections[section.code].narrative = section.narrative
        _copy_rows(source, report, carry=True)
    FormSection.objects.bulk_create(sections.values())
    return report


def _copy_rows(source: Report, target: Report, *, carry: bool) -> None:
    for code, model in ROW_MODELS.items():
        if carry and code in _NOT_CARRIED:
            continue
        rows = [row.as_data() for row in model.objects.filter(report=source).order_by("position")]
        model.objects.bulk_create(
            model(report=target, position=index, **(_carry(code, row) if carry else row))
            for index, row in enumerate(rows)
        )


# --- editing a draft ---------------------------------------------------------------------------


def _locked_draft(report: Report, expected_revision: int | None) -> Report:
    locked = Report.objects.select_for_update().select_related("state").get(pk=report.pk)
    if locked.status != ReportStatus.DRAFT:
        raise ValidationError(
            _("This report was submitted and can no longer be changed; start a correction.")
        )
    if expected_revision is not None and locked.revision != expected_revision:
        raise EditConflict(locked)
    return locked


def _bump(report: Report) -> Report:
    report.revision += 1
    report.save(update_fields=["revision", "updated_at"])
    return report


def _check_code(code: str) -> None:
    if code not in SECTION_CODES:
        raise ValidationError(_("There is no form %(form)s.") % {"form": code})


@transaction.atomic
def save_section(
    *,
    report: Report,
    code: str,
    data: SectionData,
    expected_revision: int | None,
    by: Any,
) -> Report:
    """Save one form as the reporter wrote it (marked edited); raises ``EditConflict`` when the
    report was saved since ``expected_revision``."""
    _check_code(code)
    locked = _locked_draft(report, expected_revision)
    _write_section(locked, code, data, SectionStatus.EDITED)
    return _bump(locked)


def _write_section(report: Report, code: str, data: SectionData, status: str) -> None:
    FormSection.objects.update_or_create(
        report=report,
        code=code,
        defaults={
            "status": status,
            "narrative": data.narrative,
            "explanation": data.explanation,
            "no_change_since": None,
        },
    )
    model = ROW_MODELS[code]
    model.objects.filter(report=report).delete()
    model.objects.bulk_create(
        model(report=report, position=index, **{k: row[k] for k in model.FIELDS if k in row})
        for index, row in enumerate(data.rows)
    )


def no_change_since_year(report: Report, code: str) -> int | None:
    """The year a form unchanged since the previous report names: the previous report's own
    "no change since" year when it had one, or the year it covered."""
    previous = report.previous
    if previous is None:
        return None
    section = FormSection.objects.filter(report=previous, code=code).first()
    if section is not None and section.no_change_since:
        return section.no_change_since
    return previous.year_covered if previous.year_covered is not None else None


@transaction.atomic
def confirm_unchanged(
    *, report: Report, code: str, expected_revision: int | None, by: Any
) -> Report:
    """Confirm that a form says what the previous report said ("no change since the report
    covering YEAR"): its copied rows stay."""
    _check_code(code)
    locked = _locked_draft(report, expected_revision)
    if locked.previous_id is None:
        raise ValidationError(
            _("There is no earlier report to compare with: fill in the form instead.")
        )
    since = no_change_since_year(locked, code)
    FormSection.objects.update_or_create(
        report=locked,
        code=code,
        defaults={"status": SectionStatus.UNCHANGED, "no_change_since": since},
    )
    return _bump(locked)


@transaction.atomic
def set_language(
    *, report: Report, language: str, expected_revision: int | None, by: Any
) -> Report:
    if language not in ("en", "fr", "es"):
        raise ValidationError(_("Choose English, French or Spanish."))
    locked = _locked_draft(report, expected_revision)
    locked.language = language
    locked.save(update_fields=["language"])
    return _bump(locked)


# --- checking and submitting --------------------------------------------------------------------


def report_findings(report: Report) -> list[Finding]:
    return rules.findings(report_data(report))


def _receipt_number(report: Report, when) -> str:
    return f"A7-{report.state.iso3}-{when:%Y%m%d}-{report.pk:06d}"


@transaction.atomic
def submit(
    *,
    report: Report,
    official_name: str,
    official_function: str,
    confirm_warnings: bool,
    by: Any,
) -> Report:
    """Submit a draft: refused while it has errors (``ReportHasErrors``), or warnings not
    confirmed (``WarningsNeedConfirmation``). The report is frozen with its receipt, becomes
    the reporting app's received report for its State and year (received today: on time or
    late by the rules already in place, which stops its reminders), and the receipt is
    e-mailed to whoever submitted it once the transaction commits."""
    locked = _locked_draft(report, None)
    official_name, official_function = official_name.strip(), official_function.strip()
    missing = {}
    if not official_name:
        missing["official_name"] = _("Give the name of the official who submits the report.")
    if not official_function:
        missing["official_function"] = _("Give the official's function.")
    if missing:
        raise ValidationError(missing)
    data = report_data(locked)
    found = rules.findings(data)
    if rules.errors(found):
        raise ReportHasErrors(rules.errors(found))
    if rules.warnings(found) and not confirm_warnings:
        raise WarningsNeedConfirmation(rules.warnings(found))
    now = timezone.now()
    locked.status = ReportStatus.SUBMITTED
    locked.submitted_at = now
    locked.submitted_by_name = official_name
    locked.submitted_by_function = official_function
    locked.submitted_by = by if getattr(by, "is_authenticated", False) else None
    locked.receipt_number = _receipt_number(locked, now)
    locked.flags = ",".join(sorted({f.code for f in found if f.code in rules.FLAGGED}))
    locked.set_figures(figures(data))
    locked.revision += 1
    locked.save()
    record_received(locked, data)
    address = getattr(by, "email", "") if by is not None else ""
    if address:
        queue_receipt(locked.pk, address)
    return locked


def record_received(report: Report, data: dict) -> Submission:
    """The report as the reporting app knows it: received the day it was submitted (the first
    version's day for a correction), with its language, forms and figures."""
    state = report.state
    if report.year_covered is None:
        kind = ReportKind.INITIAL
        year = state.entry_into_force.year if state.entry_into_force else report.created_at.year
    else:
        kind, year = ReportKind.ANNUAL, report.year_covered
    submission = Submission.objects.filter(state=state, kind=kind, year=year).first()
    if submission is None:
        submission = Submission(
            state=state,
            kind=kind,
            year=year,
            received_on=timezone.localdate(report.submitted_at or timezone.now()),
        )
    sections = data["sections"]
    done = [code for code in SECTION_CODES if sections[code]["status"] != SectionStatus.EMPTY]
    edited = [code for code in done if sections[code]["status"] == SectionStatus.EDITED]
    numbers = figures(data)
    submission.forms = "".join(edited)
    submission.nothing_new = not edited
    submission.languages = report.language
    submission.mines_retained = numbers["retained"] if sections["D"]["rows"] else None
    submission.stockpile_remaining = numbers["stockpile"] if sections["B"]["rows"] else None
    submission.mined_area_remaining = numbers["mined_area"] if sections["C"]["rows"] else None
    submission.notes = _("Submitted online, receipt %(number)s.") % {
        "number": report.receipt_number
    }
    submission.full_clean()
    return reporting_services.save_submission(submission)


def queue_receipt(report_pk: int, address: str) -> None:
    """After commit, hand the receipt e-mail to the mail worker; a broker that is down is
    logged (the receipt is on screen and on the report's page), never an error page."""
    from .tasks import send_receipt

    def publish() -> None:
        try:
            send_receipt.apply_async(kwargs={"report_id": report_pk, "address": address})
        except Exception:  # the broker's errors come in many kinds
            logger.warning("could not queue the receipt of Article 7 report %s", report_pk)

    transaction.on_commit(publish)


# --- after submission ---------------------------------------------------------------------------


def _latest_version(report: Report) -> Report:
    return (
        Report.objects.of_state(report.state_id)
        .for_year(report.year_covered)
        .order_by("-version")
        .first()
    )


@transaction.atomic
def start_correction(*, report: Report, by: Any) -> Report:
    """A correction of a sent report: a new version, a draft holding everything the sent one
    said; submitted, it has its own receipt."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if not locked.is_sent:
        raise ValidationError(_("Only a submitted report can be corrected."))
    latest = _latest_version(locked)
    if latest.pk != locked.pk:
        raise ValidationError(
            _("Version %(version)s of this report already exists; correct that one.")
            % {"version": latest.version}
        )
    correction = Report.objects.create(
        state=locked.state,
        year_covered=locked.year_covered,
        version=locked.version + 1,
        language=locked.language,
        previous=locked,
    )
    FormSection.objects.bulk_create(
        FormSection(
            report=correction,
            code=section.code,
            status=section.status,
            narrative=section.narrative,
            explanation=section.explanation,
            no_change_since=section.no_change_since,
        )
        for section in FormSection.objects.filter(report=locked)
    )
    _copy_rows(locked, correction, carry=False)
    return correction


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
    if _latest_version(locked).pk != locked.pk:
        raise ValidationError(_("A later version of this report exists; publish that one."))
    locked.status = ReportStatus.PUBLISHED
    locked.visibility = Visibility.PUBLIC
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "visibility", "published_at"])
    # The public PDF, rendered once by the documents worker after commit.
    from documents.services import request_pdf

    request_pdf(locked, requested_by=by, limited=False)
    return locked


@transaction.atomic
def delete_draft(*, report: Report, by: Any) -> None:
    """A draft nobody submitted may be thrown away (its forms and rows with it)."""
    locked = _locked_draft(report, None)
    for model in ROW_MODELS.values():
        model.objects.filter(report=locked).delete()
    FormSection.objects.filter(report=locked).delete()
    locked.annexes.all().delete()
    locked.delete()


# --- what changed since the previous report -----------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One difference between a form and the same form of the previous report: a row added or
    removed, a value changed (``field`` names it), or the narrative rewritten."""

    kind: str  # "added" | "removed" | "changed" | "narrative"
    row: int | None
    field: str
    label: str
    before: Any
    after: Any


def _field_label(code: str, name: str) -> str:
    return str(ROW_MODELS[code]._meta.get_field(name).verbose_name)


def _row_summary(code: str, row: dict) -> str:
    fields = ROW_MODELS[code].FIELDS
    return " · ".join(str(row[name]) for name in fields[:3] if row.get(name) not in (None, ""))


def compare_sections(before: dict, after: dict) -> dict[str, list[Change]]:
    """``{form: [changes]}`` between two reports' ``sections`` data, in form order."""
    changes: dict[str, list[Change]] = {}
    for code in SECTION_CODES:
        old, new = before.get(code) or {}, after.get(code) or {}
        found: list[Change] = []
        if (old.get("narrative") or "") != (new.get("narrative") or ""):
            found.append(
                Change(
                    "narrative",
                    None,
                    "narrative",
                    _("Narrative"),
                    old.get("narrative"),
                    new.get("narrative"),
                )
            )
        old_rows, new_rows = old.get("rows") or [], new.get("rows") or []
        for index in range(max(len(old_rows), len(new_rows))):
            if index >= len(old_rows):
                found.append(
                    Change(
                        "added",
                        index,
                        "",
                        _("Row added"),
                        None,
                        _row_summary(code, new_rows[index]),
                    )
                )
            elif index >= len(new_rows):
                found.append(
                    Change(
                        "removed",
                        index,
                        "",
                        _("Row removed"),
                        _row_summary(code, old_rows[index]),
                        None,
                    )
                )
            else:
                for name in ROW_MODELS[code].FIELDS:
                    if old_rows[index].get(name) != new_rows[index].get(name):
                        found.append(
                            Change(
                                "changed",
                                index,
                                name,
                                _field_label(code, name),
                                old_rows[index].get(name),
                                new_rows[index].get(name),
                            )
                        )
        changes[code] = found
    return changes


def changes_since_previous(report: Report) -> dict[str, list[Change]]:
    """What each form says differently from the report this one was pre-filled from (every
    row "added" when there is none)."""
    from .data import sections_data

    after = sections_data(report)
    before = sections_data(report.previous) if report.previous_id else {}
    return compare_sections(before, after)
