"""The forms A to J as HTML forms, for staff and reporters alike.

``section_forms(report, code, data)`` gives a ``SectionForms``: the form's narrative (and
explanation where the rules ask for one) and a formset of its rows. ``is_valid`` checks what
each field must be (a whole number of zero or more, a date); ``findings`` are the rules' errors
and warnings about this form, computed on what was sent (or on what is saved), and
``errors_by_field`` puts both next to the field they concern, by the field's HTML name.
``templates/article7/partials/section_form.html`` renders it; ``save`` calls the service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput

from . import rules, services
from .data import report_data
from .models import ROW_MODELS, SECTION_CODES, FormSection, Report, SectionStatus
from .models.reports import SECTION_TITLES

#: The forms whose rules may ask for an explanation.
EXPLAINED = {
    "C": _("Why the area remaining grew (for example, newly discovered areas)"),
    "D": _("Why the figures at the start differ from the previous report's end of the year"),
}
WHOLE_NUMBER = _("Enter a whole number of zero or more.")


def _row_field(model_field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(model_field, models.PositiveBigIntegerField | models.PositiveIntegerField):
        return forms.IntegerField(
            label=model_field.verbose_name,
            min_value=0,
            required=False,
            initial=model_field.default if model_field.has_default() else None,
            error_messages={"min_value": WHOLE_NUMBER, "invalid": WHOLE_NUMBER},
            widget=forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"}),
        )
    if isinstance(model_field, models.DateField):
        return forms.DateField(
            label=model_field.verbose_name,
            required=False,
            widget=DateInput(),
            error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
        )
    if isinstance(model_field, models.TextField):
        kwargs["widget"] = forms.Textarea(attrs={"rows": 2})
    return model_field.formfield(**kwargs)


class SectionForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the figures do not say: measures, progress, difficulties."),
    )

    def __init__(self, *args: Any, code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if code in EXPLAINED:
            self.fields["explanation"] = forms.CharField(
                label=EXPLAINED[code], required=False, widget=forms.Textarea(attrs={"rows": 2})
            )


def row_form_class(code: str) -> type[forms.ModelForm]:
    model = ROW_MODELS[code]

    def callback(model_field: models.Field, **kwargs: Any) -> forms.Field | None:
        return _row_field(model_field, **kwargs)

    return forms.modelform_factory(model, fields=model.FIELDS, formfield_callback=callback)


@dataclass
class Cell:
    field: Any
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class RowLayout:
    form: Any
    cells: list[Cell]


class SectionForms:
    """One form of a report, as fields and rows, with what the rules say about it."""

    def __init__(self, report: Report, code: str, data: Any = None) -> None:
        if code not in SECTION_CODES:
            raise ValueError(code)
        self.report, self.code = report, code
        self.title = SECTION_TITLES[code]
        saved = report_data(report)
        self.saved_data = saved
        section = saved["sections"][code]
        self.section = section
        self.status = section["status"]
        self.no_change_since = section["no_change_since"]
        self.main = SectionForm(
            data,
            code=code,
            prefix="section",
            initial={
                "revision": report.revision,
                "narrative": section["narrative"],
                "explanation": section["explanation"],
            },
        )
        # Two empty rows for a form with none yet, one more for a form with rows: saving
        # gives another (fewer widgets keep the page fast).
        extra = 0 if data is not None else (1 if section["rows"] else 2)
        self.formset_class = forms.formset_factory(
            row_form_class(code), extra=extra, can_delete=True
        )
        self.rows = self.formset_class(data, prefix="rows", initial=section["rows"] or None)

    # --- validation ---------------------------------------------------------------------------

    def is_valid(self) -> bool:
        return self.main.is_valid() and self.rows.is_valid()

    def section_data(self) -> services.SectionData:
        """What was sent, as the service takes it (rows left blank or ticked for deletion
        dropped)."""
        cleaned = self.main.cleaned_data
        rows = []
        for form in self.rows.forms:
            if not form.has_changed() and form not in self.rows.initial_forms:
                continue
            if self.rows.can_delete and self.rows._should_delete_form(form):
                continue
            values = {name: form.cleaned_data.get(name) for name in ROW_MODELS[self.code].FIELDS}
            for name in ROW_MODELS[self.code].COUNTS:
                model_field = ROW_MODELS[self.code]._meta.get_field(name)
                if values.get(name) is None and not model_field.null:
                    values[name] = 0
            rows.append(values)
        return services.SectionData(
            narrative=cleaned.get("narrative", ""),
            explanation=cleaned.get("explanation", ""),
            rows=tuple(rows),
        )

    def save(self, *, by: Any, expected_revision: int | None = None) -> Report:
        """Save through ``services.save_section`` (``EditConflict`` when the report moved on
        since the revision the form was opened at)."""
        revision = (
            expected_revision
            if expected_revision is not None
            else self.main.cleaned_data["revision"]
        )
        return services.save_section(
            report=self.report,
            code=self.code,
            data=self.section_data(),
            expected_revision=revision,
            by=by,
        )

    # --- what the rules say -------------------------------------------------------------------

    @cached_property
    def findings(self) -> list[rules.Finding]:
        data = self.saved_data
        if self.main.is_bound and self.is_valid():
            sent = self.section_data()
            data = {
                **data,
                "sections": {
                    **data["sections"],
                    self.code: {
                        **data["sections"][self.code],
                        "status": SectionStatus.EDITED,
                        "narrative": sent.narrative,
                        "explanation": sent.explanation,
                        "rows": [_as_data(row) for row in sent.rows],
                    },
                },
            }
        return rules.section_findings(data, self.code)

    def _html_name(self, finding: rules.Finding) -> str:
        if finding.row is not None and finding.field:
            return f"rows-{finding.row}-{finding.field}"
        if finding.field in self.main.fields:
            return f"section-{finding.field}"
        return ""

    @cached_property
    def errors_by_field(self) -> dict[str, list[str]]:
        """Every error, by the HTML name of its field ("" for the form as a whole)."""
        found: dict[str, list[str]] = {}
        if self.main.is_bound:
            for name, messages in self.main.errors.items():
                key = "" if name == "__all__" else f"section-{name}"
                found.setdefault(key, []).extend(messages)
            for index, form in enumerate(self.rows.forms):
                for name, messages in form.errors.items():
                    key = "" if name == "__all__" else f"rows-{index}-{name}"
                    found.setdefault(key, []).extend(messages)
            found.setdefault("", []).extend(self.rows.non_form_errors())
        for finding in self.findings:
            if finding.is_error:
                found.setdefault(self._html_name(finding), []).append(finding.message)
        return {key: messages for key, messages in found.items() if messages}

    @cached_property
    def warnings_by_field(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for finding in self.findings:
            if not finding.is_error:
                found.setdefault(self._html_name(finding), []).append(finding.message)
        return found

    # --- what the template shows -------------------------------------------------------------

    @cached_property
    def headers(self) -> list[str]:
        model = ROW_MODELS[self.code]
        return [str(model._meta.get_field(name).verbose_name) for name in model.FIELDS]

    @cached_property
    def row_layout(self) -> list[RowLayout]:
        errors, warnings = self.errors_by_field, self.warnings_by_field
        layout = []
        for form in self.rows.forms:
            cells = []
            for name in ROW_MODELS[self.code].FIELDS:
                bound = form[name]
                cells.append(
                    Cell(bound, errors.get(bound.html_name, []), warnings.get(bound.html_name, []))
                )
            layout.append(RowLayout(form, cells))
        return layout

    @cached_property
    def main_layout(self) -> list[Cell]:
        errors, warnings = self.errors_by_field, self.warnings_by_field
        return [
            Cell(
                self.main[name],
                errors.get(f"section-{name}", []),
                warnings.get(f"section-{name}", []),
            )
            for name in self.main.fields
            if name != "revision"
        ]

    @property
    def general_errors(self) -> list[str]:
        return self.errors_by_field.get("", [])

    @property
    def general_warnings(self) -> list[str]:
        return self.warnings_by_field.get("", [])

    @property
    def row_model_name(self) -> str:
        return str(ROW_MODELS[self.code]._meta.verbose_name_plural)

    @property
    def can_confirm_unchanged(self) -> bool:
        return self.report.previous_id is not None and self.report.is_draft


def _as_data(row: dict) -> dict:
    return {
        name: value.isoformat() if hasattr(value, "isoformat") else value
        for name, value in row.items()
    }


def section_forms(report: Report, code: str, data: Any = None) -> SectionForms:
    return SectionForms(report, code, data)


# --- the other forms of the pages ---------------------------------------------------------------


class SubmitForm(forms.Form):
    official_name = forms.CharField(label=_("Name of the official submitting"), max_length=200)
    official_function = forms.CharField(label=_("Function"), max_length=200)
    confirm_warnings = forms.BooleanField(
        label=_("I have read the warnings and confirm the report as it is."), required=False
    )


class StartReportForm(forms.Form):
    state = forms.ModelChoiceField(label=_("State"), queryset=None)
    year_covered = forms.IntegerField(
        label=_("Calendar year covered"),
        min_value=1999,
        max_value=2100,
        required=False,
        help_text=_("Leave empty for the initial report."),
    )
    language = forms.ChoiceField(label=_("Language of the report"), choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.conf import settings

        from states_parties.models import StateParty

        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = StateParty.objects.in_name_order()
        self.fields["language"].choices = settings.LANGUAGES


class ReturnForm(forms.Form):
    questions = forms.CharField(
        label=_("Questions to the State"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "They become a letter of the ISU to the State, in the report's language, for you "
            "to approve and send from Correspondence."
        ),
    )


class AnnexForm(forms.Form):
    """An annex to upload; the service checks the file (``common.uploads``) and the title."""

    title = forms.CharField(label=_("Title of the annex"), max_length=200)
    section = forms.ChoiceField(
        label=_("Form it belongs to"),
        required=False,
        choices=[("", _("The report as a whole"))]
        + [(code, SECTION_TITLES[code]) for code in SECTION_CODES],
    )
    file = forms.FileField(label=_("File"), help_text=_("PDF, Word, Excel or OpenDocument text."))


def section_status_label(status: str) -> str:
    return str(SectionStatus(status).label)


__all__ = [
    "AnnexForm",
    "FormSection",
    "ReturnForm",
    "SectionForms",
    "StartReportForm",
    "SubmitForm",
    "section_forms",
]
