from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, ParentScopedForm
from states_parties.models import StateParty

from .models import Committee, Meeting, Office, Representative, SeatTerm


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "number",
            "title",
            "start_date",
            "end_date",
            "venue",
            "committee",
            "states",
            "president_state",
            "president_name",
            "president_user",
            "document_symbol_pattern",
            "notes",
        ]
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "states": forms.SelectMultiple(attrs={"size": 6}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class CommitteeForm(forms.ModelForm):
    mandate = forms.CharField(
        label=_("Mandate"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One item per line, in order."),
    )

    class Meta:
        model = Committee
        fields = [
            "code",
            "name",
            "purpose",
            "working_methods",
            "seats",
            "term_length",
            "chair_rule",
            "display_order",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "working_methods": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["mandate"] = "\n".join(
                item.text for item in self.instance.mandate_items.all()
            )
        if self.instance.is_standing:
            # The standing committees keep the codes the whole Convention uses.
            self.fields["code"].disabled = True

    def clean_code(self) -> str:
        return self.cleaned_data["code"].upper()

    def mandate_items(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["mandate"].splitlines() if line.strip()]


class FormalMeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting: Meeting) -> str:
        return f"{meeting.short_name} ({meeting.end_date:%d %b %Y})"


def formal_meetings():
    return Meeting.objects.formal().order_by("end_date")


class SeatTermForm(ParentScopedForm):
    parent_field = "committee"
    start_meeting = FormalMeetingChoiceField(
        queryset=formal_meetings(), label=_("From the close of")
    )
    end_meeting = FormalMeetingChoiceField(queryset=formal_meetings(), label=_("To the close of"))

    class Meta:
        model = SeatTerm
        fields = ["state", "start_meeting", "end_meeting", "kinds"]
        widgets = {"kinds": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = StateParty.objects.bound_on().in_name_order()
        self.fields["start_meeting"].queryset = formal_meetings()
        self.fields["end_meeting"].queryset = formal_meetings()


class SeatTermKindsForm(forms.ModelForm):
    class Meta:
        model = SeatTerm
        fields = ["kinds"]
        widgets = {"kinds": forms.CheckboxSelectMultiple}


class OfficeForm(ParentScopedForm):
    parent_field = "term"

    class Meta:
        model = Office
        fields = ["kind", "year"]


class RepresentativeForm(ParentScopedForm):
    parent_field = "term"

    class Meta:
        model = Representative
        fields = ["name", "function", "email", "user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("username")
        )


class FilteredCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes under a box that narrows the list as one types (accents and case ignored):
    for choosing a few States among 160."""

    template_name = "widgets/filtered_checkboxes.html"


class NextFormalMeetingForm(forms.ModelForm):
    """The formal meeting a changeover needs and the record lacks, prefilled."""

    class Meta:
        model = Meeting
        fields = ["kind", "number", "start_date", "end_date", "venue"]
        widgets = {"start_date": DateInput, "end_date": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in Meeting.FORMAL_KINDS]


class ChangeoverForm(forms.Form):
    """What changes on a committee when a formal meeting closes."""

    new_members = forms.ModelMultipleChoiceField(
        queryset=StateParty.objects.none(),
        required=False,
        label=_("New members"),
        widget=FilteredCheckboxes,
        help_text=_("They serve from the close of this meeting for a full term."),
    )
    chair = forms.ModelChoiceField(
        queryset=StateParty.objects.none(),
        required=False,
        label=_("Chair for the next year"),
        help_text=_("A member in the second year of its term."),
    )
    gender_focal_point = forms.ModelChoiceField(
        queryset=StateParty.objects.none(),
        required=False,
        label=_("Gender focal point for the next year"),
    )

    def __init__(self, *args, candidates, chair_candidates, continuing, vacancies, **kwargs):
        super().__init__(*args, **kwargs)
        self.vacancies = vacancies
        self.fields["new_members"].queryset = candidates
        if chair_candidates is not None:
            self.fields["chair"].queryset = chair_candidates
        self.fields["gender_focal_point"].queryset = StateParty.objects.filter(
            pk__in=[
                *continuing.values_list("pk", flat=True),
                *candidates.values_list("pk", flat=True),
            ]
        ).in_name_order()
        self.continuing = continuing
        if chair_candidates is None or not chair_candidates.exists():
            del self.fields["chair"]

    def clean(self):
        data = super().clean()
        new_members = data.get("new_members") or []
        if len(new_members) > self.vacancies:
            self.add_error(
                "new_members",
                _("Only %(count)s seats are free after this meeting.") % {"count": self.vacancies},
            )
        focal_point = data.get("gender_focal_point")
        if focal_point and focal_point not in new_members and focal_point not in self.continuing:
            self.add_error(
                "gender_focal_point",
                _("Choose a member that sits on the committee next year."),
            )
        return data
