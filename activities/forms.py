from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Committee, Meeting
from common.forms import DateInput
from common.visibility import COMPLIANCE_COMMITTEE_CODE
from states_parties.models import StateParty

from .models import Action, ActionPlan, Activity, ComplianceMatter, Priority
from .periods import normalise_period


class ActionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, action: Action) -> str:
        return f"{action.plan.code} {action.number}: {action.short_title}"


def _actions():
    return Action.objects.select_related("plan").order_by("-plan__start_year", "number")


class ActivityForm(forms.ModelForm):
    actions = ActionChoiceField(
        queryset=Action.objects.none(),
        required=False,
        label=_("Action-plan actions"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Activity
        fields = [
            "committee",
            "date",
            "end_date",
            "kind",
            "text",
            "text_fr",
            "text_es",
            "visibility",
            "states",
            "actions",
            "articles",
            "meeting",
            "compliance_matter",
        ]
        widgets = {
            "date": DateInput,
            "end_date": DateInput,
            "text": forms.Textarea(attrs={"rows": 5}),
            "text_fr": forms.Textarea(attrs={"rows": 5, "lang": "fr"}),
            "text_es": forms.Textarea(attrs={"rows": 5, "lang": "es"}),
            "states": forms.SelectMultiple(attrs={"size": 6}),
            "articles": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, committees=None, show_compliance=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees or Committee.objects.all()
        self.fields["states"].queryset = StateParty.objects.in_name_order()
        self.fields["actions"].queryset = _actions()
        self.fields["meeting"].queryset = Meeting.objects.select_related("committee").order_by(
            "-start_date"
        )
        if show_compliance:
            self.fields["compliance_matter"].queryset = ComplianceMatter.objects.all()
        else:
            del self.fields["compliance_matter"]


class PriorityForm(forms.ModelForm):
    actions = ActionChoiceField(
        queryset=Action.objects.none(),
        required=False,
        label=_("Action-plan actions"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Priority
        fields = ["committee", "period", "text", "text_fr", "text_es", "actions", "articles"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "text_fr": forms.Textarea(attrs={"rows": 5, "lang": "fr"}),
            "text_es": forms.Textarea(attrs={"rows": 5, "lang": "es"}),
            "articles": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = _actions()

    def clean_period(self) -> str:
        return normalise_period(self.cleaned_data["period"])


class ActionPlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["code", "name", "start_year", "end_year", "adopted_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_at"].queryset = Meeting.objects.filter(
            kind=Meeting.Kind.REVIEW_CONFERENCE
        ).order_by("-end_date")

    def clean_code(self) -> str:
        return self.cleaned_data["code"].upper()


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["number", "section", "short_title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("plan")
        return exclusions


class ComplianceMatterForm(forms.ModelForm):
    class Meta:
        model = ComplianceMatter
        fields = ["title", "kind", "states", "opened_on", "status", "closed_on", "summary"]
        widgets = {
            "opened_on": DateInput,
            "closed_on": DateInput,
            "states": forms.SelectMultiple(attrs={"size": 6}),
            "summary": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["states"].queryset = StateParty.objects.in_name_order()


def compliance_committee():
    return Committee.objects.filter(code=COMPLIANCE_COMMITTEE_CODE).first()
