from django import forms
from django.utils.translation import gettext_lazy as _

from .imports import MAX_IMPORT_BYTES


class DateInput(forms.DateInput):
    """A native date picker; the value travels as ISO 8601 whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 CSV with a header row; nothing is saved before you confirm."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB."),
                params={"limit": MAX_IMPORT_BYTES // (1024 * 1024)},
            )
        return upload


class ParentScopedForm(forms.ModelForm):
    """A form for a record that belongs to a parent chosen by the URL, not by the user.

    Django leaves constraints on fields missing from the form unchecked; the parent is set on
    the instance before validation, so its uniqueness rules (one figure per State and year)
    are checked too and reported as form errors instead of failing at save.
    """

    parent_field: str = "state"

    def __init__(self, *args, parent, **kwargs):
        super().__init__(*args, **kwargs)
        setattr(self.instance, self.parent_field, parent)

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        exclusions.discard(self.parent_field)
        return exclusions


class HistoryFilterForm(forms.Form):
    """Filters of the application-wide history; every one optional."""

    user = forms.ModelChoiceField(
        label=_("Changed by"), queryset=None, required=False, empty_label=_("anyone")
    )
    model = forms.ChoiceField(label=_("Kind of record"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)
    action = forms.ChoiceField(label=_("Change"), required=False)
    source = forms.ChoiceField(label=_("Made by"), required=False)

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model
        from django.utils.text import capfirst

        from .audit import Source, audited_models
        from .history import ACTIONS, model_key

        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.order_by("username")
        self.fields["model"].choices = [
            ("", _("every kind")),
            *sorted(
                (
                    (model_key(model), str(capfirst(model._meta.verbose_name)))
                    for model in audited_models()
                ),
                key=lambda choice: choice[1],
            ),
        ]
        self.fields["action"].choices = [("", _("any change")), *ACTIONS.items()]
        self.fields["source"].choices = [("", _("any process")), *Source.choices]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data
