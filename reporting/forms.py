from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput
from states_parties.models import StateParty

from .models import FORM_LABELS, FORMS, Article9Record, Audience, Submission

LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("zh", _("Chinese")),
]


class SubmissionForm(forms.ModelForm):
    form_letters = forms.MultipleChoiceField(
        label=_("Forms included"),
        choices=[(letter, FORM_LABELS[letter]) for letter in FORMS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language_list = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Submission
        fields = [
            "state",
            "kind",
            "year",
            "received_on",
            "form_letters",
            "nothing_new",
            "language_list",
            "document",
            "link",
            "visibility",
            "mines_retained",
            "stockpile_remaining",
            "mined_area_remaining",
            "notes",
        ]
        widgets = {"received_on": DateInput, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = StateParty.objects.in_name_order()
        if self.instance.pk:
            self.initial["form_letters"] = list(self.instance.forms)
            self.initial["language_list"] = [
                code for code in self.instance.languages.split(",") if code
            ]

    def clean(self):
        data = super().clean()
        self.instance.forms = "".join(sorted(data.get("form_letters") or []))
        self.instance.languages = ",".join(data.get("language_list") or [])
        return data


class Article9RecordForm(forms.ModelForm):
    class Meta:
        model = Article9Record
        fields = ["state", "as_of", "status", "measure", "source"]
        widgets = {"as_of": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = StateParty.objects.in_name_order()


class AudienceForm(forms.ModelForm):
    class Meta:
        model = Audience
        fields = ["name", "description", "query", "minimum_reports", "months", "states"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "states": forms.SelectMultiple(attrs={"size": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["states"].queryset = StateParty.objects.in_name_order()

    def clean(self):
        data = super().clean()
        if data.get("query") != Audience.Query.HAND_PICKED and data.get("states"):
            self.add_error("states", _("Pick States only for a hand-picked audience."))
        if data.get("query") == Audience.Query.HAND_PICKED and not data.get("states"):
            self.add_error("states", _("Pick at least one State."))
        return data
