from django import forms

from common.forms import DateInput, ParentScopedForm

from .models import Article5Extension, Contact, RetainedMines, StateParty


class StatePartyForm(forms.ModelForm):
    """Entered dates only; what the Convention derives from them is computed on save."""

    class Meta:
        model = StateParty
        fields = [
            "iso3",
            "name",
            "name_fr",
            "name_es",
            "regional_group",
            "signature_date",
            "instrument",
            "deposit_date",
            "entry_into_force_override",
            "entry_into_force_override_reason",
            "withdrawal_deposit_date",
            "withdrawal_suspended",
            "armed_conflict_ended_on",
            "had_stockpiles",
            "stockpile_destroyed_on",
            "has_mined_areas",
            "clearance_completed_on",
            "notes",
        ]
        widgets = {
            "signature_date": DateInput,
            "deposit_date": DateInput,
            "entry_into_force_override": DateInput,
            "withdrawal_deposit_date": DateInput,
            "armed_conflict_ended_on": DateInput,
            "stockpile_destroyed_on": DateInput,
            "clearance_completed_on": DateInput,
            "entry_into_force_override_reason": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "had_stockpiles": forms.NullBooleanSelect,
            "has_mined_areas": forms.NullBooleanSelect,
        }

    def clean_iso3(self) -> str:
        return self.cleaned_data["iso3"].strip().upper()


class Article5ExtensionForm(ParentScopedForm):
    class Meta:
        model = Article5Extension
        fields = [
            "submitted_on",
            "requested_until",
            "decision_meeting",
            "decided_on",
            "outcome",
            "granted_until",
            "notes",
        ]
        widgets = {
            "submitted_on": DateInput,
            "requested_until": DateInput,
            "decided_on": DateInput,
            "granted_until": DateInput,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


class RetainedMinesForm(ParentScopedForm):
    class Meta:
        model = RetainedMines
        fields = ["year", "quantity", "source"]


class ContactForm(ParentScopedForm):
    class Meta:
        model = Contact
        fields = [
            "kind",
            "name",
            "function",
            "email",
            "preferred_language",
            "active",
            "addressed_as",
            "family_name",
            "salutation_en",
            "salutation_fr",
            "salutation_es",
            "address_en",
            "address_fr",
            "address_es",
        ]
        widgets = {
            f"address_{code}": forms.Textarea(attrs={"rows": 3}) for code in ("en", "fr", "es")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out, it follows the kind: a Mission by its full name, anyone else "Sir or Madam".
        self.fields["addressed_as"].required = False

    def clean_addressed_as(self) -> str:
        chosen = self.cleaned_data.get("addressed_as")
        if chosen:
            return chosen
        if self.data.get(self.add_prefix("kind")) == Contact.Kind.PERMANENT_MISSION:
            return Contact.AddressedAs.MISSION
        return Contact.AddressedAs.SIR_OR_MADAM
