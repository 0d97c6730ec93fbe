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
