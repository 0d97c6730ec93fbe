"""Reports in and out as JSON: the shape ``data.report_data`` writes (``FORMAT``), read back
by ``load_report`` for the import command and the API. ``parse`` checks the structure (every
problem named by its path: ``sections.D.rows.0.at_end``); the rules check the content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.visibility import Visibility
from states_parties.models import StateParty

from . import rules, services
from .data import FORMAT, context_for, figures, report_data
from .models import ROW_MODELS, SECTION_CODES, FormSection, Report, ReportStatus, SectionStatus

LANGUAGE_CODES = ("en", "fr", "es")


@dataclass
class Parsed:
    state: StateParty
    year_covered: int | None
    version: int
    language: str
    status: str
    submitted_at: datetime | None
    submitted_by_name: str
    submitted_by_function: str
    receipt_number: str
    sections: dict[str, dict]


class ReportInvalid(ValidationError):
    """The JSON is not a report: ``problems`` lists ``(path, message)``."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__([f"{path}: {message}" if path else message for path, message in problems])


def _text(value: Any, path: str, problems: list, *, single_line: bool = False) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append((path, _("Expected a text.")))
        return ""
    if "\x00" in value:
        problems.append((path, _("Null characters are not allowed.")))
        return ""
    if single_line and ("\n" in value or "\r" in value):
        problems.append((path, _("Expected one line of text.")))
    return value


def _cell(model: type[models.Model], name: str, value: Any, path: str, problems: list) -> Any:
    field = model._meta.get_field(name)
    if isinstance(field, models.BooleanField):
        if not isinstance(value, bool):
            problems.append((path, _("Expected true or false.")))
            return False
        return value
    if isinstance(field, models.DateField):
        if value in (None, ""):
            return None
        try:
            return date.fromisoformat(value) if isinstance(value, str) else _bad()
        except ValueError:
            problems.append((path, _("Enter a date as YYYY-MM-DD.")))
            return None
    if isinstance(field, models.IntegerField):
        if value is None and field.null:
            return None
        number = rules.whole_number(value) if not isinstance(value, str) else None
        if number is None or number < 0:
            problems.append((path, _("Enter a whole number of zero or more.")))
            return 0
        if number > 10**15:
            problems.append((path, _("This number is too large.")))
            return 0
        if field.choices and number not in {choice for choice, _label in field.choices}:
            problems.append((path, _("Not one of the choices.")))
        return number
    text = _text(value, path, problems, single_line=isinstance(field, models.CharField))
    if isinstance(field, models.CharField):
        if len(text) > field.max_length:
            problems.append(
                (path, _("At most %(count)s characters.") % {"count": field.max_length})
            )
        if field.choices and text not in {choice for choice, _label in field.choices}:
            problems.append((path, _("Not one of the choices.")))
    return text


def _bad() -> None:
    raise ValueError


def _section(code: str, value: Any, problems: list) -> dict:
    path = f"sections.{code}"
    section = {
        "status": SectionStatus.EDITED.value,
        "narrative": "",
        "explanation": "",
        "no_change_since": None,
        "rows": [],
    }
    if value is None:
        section["status"] = SectionStatus.EMPTY.value
        return section
    if not isinstance(value, dict):
        problems.append((path, _("Expected an object.")))
        return section
    unknown = set(value) - {"status", "narrative", "explanation", "no_change_since", "rows"}
    for key in sorted(unknown):
        problems.append((f"{path}.{key}", _("Unknown field.")))
    status = value.get("status", SectionStatus.EDITED.value)
    if status not in SectionStatus.values:
        problems.append((f"{path}.status", _("Not one of the choices.")))
    else:
        section["status"] = status
    section["narrative"] = _text(value.get("narrative"), f"{path}.narrative", problems)
    section["explanation"] = _text(value.get("explanation"), f"{path}.explanation", problems)
    since = value.get("no_change_since")
    if since is not None:
        if isinstance(since, bool) or not isinstance(since, int) or not 1999 <= since <= 2100:
            problems.append((f"{path}.no_change_since", _("Expected a year.")))
        else:
            section["no_change_since"] = since
    rows = value.get("rows", [])
    if not isinstance(rows, list):
        problems.append((f"{path}.rows", _("Expected a list of items.")))
        return section
    if len(rows) > 1000:
        problems.append((f"{path}.rows", _("At most 1,000 rows.")))
        return section
    model = ROW_MODELS[code]
    for index, row in enumerate(rows):
        row_path = f"{path}.rows.{index}"
        if not isinstance(row, dict):
            problems.append((row_path, _("Expected an object.")))
            continue
        for key in sorted(set(row) - set(model.FIELDS)):
            problems.append((f"{row_path}.{key}", _("Unknown field.")))
        parsed = {}
        for name in model.FIELDS:
            field = model._meta.get_field(name)
            if name in row:
                parsed[name] = _cell(model, name, row[name], f"{row_path}.{name}", problems)
            elif field.has_default():
                parsed[name] = field.get_default()
            elif field.null:
                parsed[name] = None
            elif field.choices:
                problems.append((f"{row_path}.{name}", _("This field is required.")))
            else:
                parsed[name] = ""
        section["rows"].append(parsed)
    return section


def parse(data: Any) -> Parsed:
    """The report ``data`` describes, or ``ReportInvalid`` naming every problem."""
    problems: list[tuple[str, str]] = []
    if not isinstance(data, dict):
        raise ReportInvalid([("", _("Expected a JSON object."))])
    if data.get("format", FORMAT) != FORMAT:
        problems.append(("format", _("Expected “%(format)s”.") % {"format": FORMAT}))
    iso3 = data.get("state")
    state = (
        StateParty.objects.filter(iso3=iso3.upper()).first()
        if isinstance(iso3, str) and "\x00" not in iso3
        else None
    )
    if state is None:
        problems.append(("state", _("No State Party has this ISO code.")))
    year = data.get("year_covered")
    if year is not None and (
        isinstance(year, bool) or not isinstance(year, int) or not 1999 <= year <= 2100
    ):
        problems.append(
            ("year_covered", _("Expected a year from 1999, or null for the initial report."))
        )
        year = None
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= 100:
        problems.append(("version", _("Expected a version from 1.")))
        version = 1
    language = data.get("language", "en")
    if language not in LANGUAGE_CODES:
        problems.append(("language", _("Expected en, fr or es.")))
    status = data.get("status", ReportStatus.DRAFT.value)
    if status not in ReportStatus.values:
        problems.append(("status", _("Not one of the choices.")))
    submitted_at = None
    if data.get("submitted_at"):
        try:
            submitted_at = datetime.fromisoformat(data["submitted_at"])
            if timezone.is_naive(submitted_at):
                submitted_at = timezone.make_aware(submitted_at)
        except (TypeError, ValueError):
            problems.append(("submitted_at", _("Expected a date and time (ISO 8601).")))
    sections_value = data.get("sections", {})
    if not isinstance(sections_value, dict):
        problems.append(("sections", _("Expected an object.")))
        sections_value = {}
    for key in sorted(set(sections_value) - set(SECTION_CODES)):
        problems.append((f"sections.{key}", _("Forms are letters A to J.")))
    sections = {code: _section(code, sections_value.get(code), problems) for code in SECTION_CODES}
    name = _text(data.get("submitted_by_name"), "submitted_by_name", problems, single_line=True)
    function = _text(
        data.get("submitted_by_function"), "submitted_by_function", problems, single_line=True
    )
    receipt = _text(data.get("receipt_number"), "receipt_number", problems, single_line=True)
    if status != ReportStatus.DRAFT and submitted_at is None and not problems:
        problems.append(("submitted_at", _("A submitted report says when it was submitted.")))
    if problems:
        raise ReportInvalid(problems)
    return Parsed(
        state=state,
        year_covered=year,
        version=version,
        language=language,
        status=status,
        submitted_at=submitted_at,
        submitted_by_name=name[:200],
        submitted_by_function=function[:200],
        receipt_number=receipt[:40],
        sections=sections,
    )


def _write_sections(
    report: Report, sections: dict[str, dict], only: set[str] | None = None
) -> None:
    for code, section in sections.items():
        if only is not None and code not in only:
            continue
        FormSection.objects.update_or_create(
            report=report,
            code=code,
            defaults={
                "status": section["status"],
                "narrative": section["narrative"],
                "explanation": section["explanation"],
                "no_change_since": section["no_change_since"],
            },
        )
        model = ROW_MODELS[code]
        model.objects.filter(report=report).delete()
        model.objects.bulk_create(
            model(report=report, position=index, **row) for index, row in enumerate(section["rows"])
        )


def findings_for(parsed: Parsed, report: Report | None = None) -> list[rules.Finding]:
    """The rules' findings about the parsed report, in the record's context."""
    probe = report or Report(state=parsed.state, year_covered=parsed.year_covered)
    data = {
        "year_covered": parsed.year_covered,
        "sections": {
            code: {**section, "rows": [_jsonable(row) for row in section["rows"]]}
            for code, section in parsed.sections.items()
        },
        "context": context_for(probe),
    }
    return rules.findings(data)


def _jsonable(row: dict) -> dict:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}


@transaction.atomic
def import_report(data: Any, *, by: Any = None) -> tuple[Report, list[rules.Finding]]:
    """Record a report as the JSON gives it (the ISU's historical reports, an export of this
    application): a new report, or a draft of the same State, year and version replaced. A
    sent report is recorded as received (the reporting app's report, its date the day it was
    submitted). Returns the report and what the rules find in it."""
    parsed = parse(data)
    existing = (
        Report.objects.select_for_update()
        .of_state(parsed.state)
        .for_year(parsed.year_covered)
        .filter(version=parsed.version)
        .first()
    )
    if existing is not None and not existing.is_draft:
        raise ValidationError(
            _("Version %(version)s of this report is already recorded and was submitted.")
            % {"version": parsed.version}
        )
    report = existing or Report(
        state=parsed.state, year_covered=parsed.year_covered, version=parsed.version
    )
    report.language = parsed.language
    report.status = parsed.status
    report.submitted_at = parsed.submitted_at
    report.submitted_by_name = parsed.submitted_by_name
    report.submitted_by_function = parsed.submitted_by_function
    report.receipt_number = parsed.receipt_number
    report.visibility = (
        Visibility.PUBLIC if parsed.status == ReportStatus.PUBLISHED else Visibility.INTERNAL
    )
    if parsed.status == ReportStatus.PUBLISHED:
        report.published_at = parsed.submitted_at
    report.previous = (
        Report.objects.of_state(parsed.state)
        .for_year(parsed.year_covered)
        .filter(version__lt=parsed.version)
        .order_by("-version")
        .first()
    ) or (
        services.latest_sent(parsed.state)
        if parsed.version == 1 and parsed.year_covered is not None
        else None
    )
    if (
        report.previous is not None
        and report.previous.year_covered is not None
        and (parsed.year_covered is not None and report.previous.year_covered > parsed.year_covered)
    ):
        report.previous = None
    report.revision = (report.revision or 0) + 1
    report.save()
    _write_sections(report, parsed.sections)
    if report.is_sent:
        data = report_data(report, context=False)
        report.set_figures(figures(data))
        report.save()
        services.record_received(report, data)
    return report, findings_for(parsed, report)


class Conflict(Exception):
    """Saved by someone else since, or no longer a draft."""


class SubmitRefused(Exception):
    def __init__(self, message: str, findings: list[rules.Finding]) -> None:
        self.findings = findings
        super().__init__(message)


@transaction.atomic
def save_from_json(
    data: Any, *, by: Any, expected_revision: Any = None
) -> tuple[Report, list[rules.Finding]]:
    """The API's write: the State's draft for the year, started if there is none (pre-filled
    from the last report), its forms replaced by the JSON's; the status and receipt fields of
    the JSON are ignored. Raises ``ReportInvalid``, ``PermissionDenied`` (not a writer of the
    State's reports) or ``Conflict``."""
    from django.core.exceptions import PermissionDenied

    from .access import may_write

    if isinstance(data, dict):
        data = {
            key: value
            for key, value in data.items()
            if key not in ("status", "submitted_at", "receipt_number", "version")
        }
    parsed = parse(data)
    if not may_write(by, Report(state=parsed.state, year_covered=parsed.year_covered)):
        raise PermissionDenied
    latest = (
        Report.objects.select_for_update()
        .of_state(parsed.state)
        .for_year(parsed.year_covered)
        .order_by("-version")
        .first()
    )
    if latest is None:
        latest = services.start_report(
            state=parsed.state, year_covered=parsed.year_covered, by=by, language=parsed.language
        )
    elif not latest.is_draft:
        raise Conflict(
            _("This report was submitted and can no longer be changed; start a correction.")
        )
    revision = expected_revision if isinstance(expected_revision, int) else None
    if revision is not None and revision != latest.revision:
        raise Conflict(str(services.EditConflict(latest)))
    latest.language = parsed.language
    latest.revision += 1
    latest.save(update_fields=["language", "revision", "updated_at"])
    given = data.get("sections") if isinstance(data.get("sections"), dict) else {}
    _write_sections(latest, parsed.sections, only=set(given))
    return latest, services.report_findings(latest)


def submit_saved(
    report: Report,
    *,
    by: Any,
    official_name: str,
    official_function: str,
    confirm_warnings: bool,
) -> Report:
    try:
        return services.submit(
            report=report,
            official_name=official_name,
            official_function=official_function,
            confirm_warnings=confirm_warnings,
            by=by,
        )
    except (services.ReportHasErrors, services.WarningsNeedConfirmation) as refusal:
        raise SubmitRefused(str(refusal), refusal.findings) from None
