"""Writing a draft: start one (pre-filled from the State's last report), save a form, confirm a
form unchanged, change its language, throw it away; and a correction of a sent report, which is
a new draft version.

A save names the revision it was made from; a report saved since by someone else raises
``EditConflict`` instead of losing their changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from states_parties.models import StateParty

from ..models import (
    ROW_MODELS,
    SECTION_CODES,
    Annex,
    FormSection,
    Report,
    ReportStatus,
    SectionStatus,
)


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


def locked_draft(report: Report, expected_revision: int | None) -> Report:
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
    locked = locked_draft(report, expected_revision)
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
    locked = locked_draft(report, expected_revision)
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
    locked = locked_draft(report, expected_revision)
    locked.language = language
    locked.save(update_fields=["language"])
    return _bump(locked)


@transaction.atomic
def delete_draft(*, report: Report, by: Any) -> None:
    """A draft nobody submitted may be thrown away (its forms and rows with it)."""
    locked = locked_draft(report, None)
    for model in ROW_MODELS.values():
        model.objects.filter(report=locked).delete()
    FormSection.objects.filter(report=locked).delete()
    locked.annexes.all().delete()
    locked.delete()


# --- a correction: the next version of a sent report ---------------------------------------------


def latest_version(report: Report) -> Report:
    """The latest version of the report's State and year (a correction is a new one)."""
    return (
        Report.objects.of_state(report.state_id)
        .for_year(report.year_covered)
        .order_by("-version")
        .first()
    )


@transaction.atomic
def start_correction(*, report: Report, by: Any) -> Report:
    """A correction of a sent report: a new version, a draft holding everything the sent one
    said (its annexes too); submitted, it has its own receipt."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if not locked.is_sent:
        raise ValidationError(_("Only a submitted report can be corrected."))
    latest = latest_version(locked)
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
    _copy_annexes(locked, correction)
    return correction


def _copy_annexes(source: Report, target: Report) -> None:
    """The annexes of ``source`` on ``target`` too, sharing the stored files (which are never
    overwritten nor deleted)."""
    Annex.objects.bulk_create(
        Annex(report=target, section=annex.section, title=annex.title, file=annex.file.name)
        for annex in Annex.objects.filter(report=source).order_by("pk")
    )
