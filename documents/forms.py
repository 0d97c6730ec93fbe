from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Meeting
from common.forms import DateInput

from .models import Document


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = [
            "committee",
            "kind",
            "period",
            "date",
            "language",
            "meeting",
            "symbol",
            "agenda_item",
            "agenda_title",
            "visibility",
        ]
        widgets = {"date": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Committees submit documents to the Meetings, Review Conferences and intersessionals.
        self.fields["meeting"].queryset = Meeting.objects.filter(
            kind__in=[*Meeting.FORMAL_KINDS, Meeting.Kind.INTERSESSIONAL]
        ).order_by("-start_date")
        if self.instance.pk:
            # What a document is (whose, which kind, in which language) is fixed once it
            # exists; its symbol too, shared by its language versions.
            self.fields["committee"].disabled = True
            self.fields["kind"].disabled = True
            self.fields["symbol"].disabled = True
            self.fields["language"].disabled = True
        else:
            self.fields["symbol"].required = False

    def clean(self):
        cleaned = super().clean()
        meeting = cleaned.get("meeting")
        numbered = meeting is not None and bool(meeting.document_symbol_pattern)
        if not self.instance.pk and not cleaned.get("symbol") and not numbered:
            self.add_error(
                "symbol",
                _(
                    "Give the document a symbol, or choose a meeting whose document "
                    "symbols are numbered by a pattern."
                ),
            )
        return cleaned


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
