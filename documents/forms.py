from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput

from .models import Document


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["committee", "kind", "period", "date", "language", "symbol", "visibility"]
        widgets = {"date": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # What a document is (whose, which kind) is fixed once it exists.
            self.fields["committee"].disabled = True
            self.fields["kind"].disabled = True


class ParagraphForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))


class NewParagraphForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"))
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [
            (section.key, f"{index}. {section.heading}")
            for index, section in enumerate(document.definition.sections, start=1)
        ]


class TransitionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
