from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Meeting
from common.forms import DateInput, ParentScopedForm
from states_parties.models import StateParty

from .models import (
    Analysis,
    CompletionDeclaration,
    Decision,
    DecisionRequirement,
    ExtensionRequest,
    Funding,
    HazardousArea,
    PreviouslyUnknownArea,
    ProgressFigure,
    RequestVersion,
    WorkPlanYear,
)


def _formal_meetings():
    return Meeting.objects.formal().order_by("-start_date")


class ExtensionRequestForm(forms.ModelForm):
    class Meta:
        model = ExtensionRequest
        fields = [
            "state",
            "meeting",
            "received_on",
            "symbol",
            "requested_until",
            "observations_presented_on",
            "presented_on",
            "notes",
        ]
        widgets = {
            "received_on": DateInput,
            "requested_until": DateInput,
            "observations_presented_on": DateInput,
            "presented_on": DateInput,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _formal_meetings()
        self.fields["state"].queryset = StateParty.objects.exclude(has_mined_areas=False)
        if self.instance.pk:
            # A request stays the State's: a new State is a new request.
            del self.fields["state"]


class VersionForm(ParentScopedForm):
    parent_field = "request"

    class Meta:
        model = RequestVersion
        fields = [
            "received_on",
            "document",
            "impeding_circumstances",
            "humanitarian_implications",
            "social_implications",
            "economic_implications",
            "environmental_implications",
        ]
        widgets = {
            "received_on": DateInput,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "impeding_circumstances",
                    "humanitarian_implications",
                    "social_implications",
                    "economic_implications",
                    "environmental_implications",
                )
            },
        }


class InitialVersionForm(forms.ModelForm):
    """The first version's file, with the request."""

    class Meta:
        model = RequestVersion
        fields = ["document"]


class HazardousAreaForm(ParentScopedForm):
    parent_field = "version"

    class Meta:
        model = HazardousArea
        fields = ["kind", "location", "area_m2"]


class WorkPlanYearForm(ParentScopedForm):
    parent_field = "version"

    class Meta:
        model = WorkPlanYear
        fields = ["year", "area_m2", "budget"]


class FundingForm(ParentScopedForm):
    parent_field = "version"

    class Meta:
        model = Funding
        fields = ["kind", "funder", "amount"]


class QuestionForm(forms.Form):
    title = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Questions"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Merge fields such as {{ state }} and {{ salutation }} may be used."),
    )
    reply_due = forms.DateField(label=_("Reply requested by"), required=False, widget=DateInput)


class AnalysisForm(ParentScopedForm):
    parent_field = "request"

    class Meta:
        model = Analysis
        fields = ["language", "text", "draft_decision"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 12}),
            "draft_decision": forms.Textarea(attrs={"rows": 8}),
        }


class DecisionForm(ParentScopedForm):
    parent_field = "request"

    class Meta:
        model = Decision
        fields = ["decided_on", "granted", "new_deadline", "text"]
        widgets = {
            "decided_on": DateInput,
            "new_deadline": DateInput,
            "text": forms.Textarea(attrs={"rows": 8}),
        }


class RequirementForm(ParentScopedForm):
    parent_field = "decision"

    class Meta:
        model = DecisionRequirement
        fields = ["text", "due_on", "met_on"]
        widgets = {"due_on": DateInput, "met_on": DateInput}


class CompletionForm(ParentScopedForm):
    class Meta:
        model = CompletionDeclaration
        fields = ["declared_on", "meeting", "notes"]
        widgets = {"declared_on": DateInput, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _formal_meetings()


class PreviouslyUnknownAreaForm(ParentScopedForm):
    class Meta:
        model = PreviouslyUnknownArea
        fields = ["found_on", "area_m2", "meeting", "decision", "reopens_obligation"]
        widgets = {"found_on": DateInput, "decision": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _formal_meetings()


class ProgressFigureForm(ParentScopedForm):
    class Meta:
        model = ProgressFigure
        fields = ["year", "area_released_m2", "source"]
