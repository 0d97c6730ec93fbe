"""Submitting a draft: refused while the checks find errors or unconfirmed warnings; frozen with
its receipt, it becomes the reporting app's received report for its State and year, and the
receipt is e-mailed once the transaction commits."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reporting import services as reporting_services
from reporting.models import Submission
from reporting.rules import ReportKind

from .. import rules
from ..data import figures, report_data
from ..models import SECTION_CODES, Report, ReportStatus, SectionStatus
from ..rules import Finding
from .drafting import locked_draft

logger = logging.getLogger(__name__)


class ReportHasErrors(Exception):
    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__(_("The report has errors to correct before it can be submitted."))


class WarningsNeedConfirmation(Exception):
    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__(_("Confirm the points below before submitting."))


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
    locked = locked_draft(report, None)
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
    from ..tasks import send_receipt

    def publish() -> None:
        try:
            send_receipt.apply_async(kwargs={"report_id": report_pk, "address": address})
        except Exception:  # the broker's errors come in many kinds
            logger.warning("could not queue the receipt of Article 7 report %s", report_pk)

    transaction.on_commit(publish)
