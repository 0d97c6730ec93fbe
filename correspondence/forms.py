from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput
from states_parties.models import Contact, StateParty

from .merge import MERGE_FIELDS
from .models import Anchor, Letter, LetterRecipient, ReminderRule, Reply

TEXT_FIELDS = ["subject_en", "body_en", "subject_fr", "body_fr", "subject_es", "body_es"]
TEXT_WIDGETS = {f"body_{code}": forms.Textarea(attrs={"rows": 8}) for code in ("en", "fr", "es")}


def merge_help() -> str:
    return ", ".join(f"{{{{ {name} }}}}" for name in MERGE_FIELDS)


class ContactKindsMixin(forms.ModelForm):
    contact_kinds = forms.MultipleChoiceField(
        label=_("Contacts who receive it"),
        choices=Contact.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every active contact of each State."),
    )


class OffsetsField(forms.CharField):
    """Days as text, "-60, -30, -7, +1, +30", to a sorted list of whole numbers."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(f"{offset:+d}" if offset else "0" for offset in sorted(value))
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if not text.strip():
            return []
        offsets = []
        for part in text.replace(";", ",").split(","):
            part = part.strip()
            try:
                offsets.append(int(part))
            except ValueError:
                raise forms.ValidationError(
                    _("“%(value)s” is not a whole number of days."), params={"value": part}
                ) from None
        return sorted(offsets)


class LetterForm(ContactKindsMixin):
    class Meta:
        model = Letter
        fields = [
            "title",
            "committee",
            "addressees",
            "audience",
            "states",
            "follow_up_of",
            "contact_kinds",
            "reply_due",
            "signatory",
            *TEXT_FIELDS,
        ]
        widgets = {
            "reply_due": DateInput,
            "states": forms.SelectMultiple(attrs={"size": 10}),
            **TEXT_WIDGETS,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["states"].queryset = StateParty.objects.order_by("name")
        self.fields["follow_up_of"].queryset = Letter.objects.filter(
            status=Letter.Status.SENT, reply_due__isnull=False
        )
        self.fields["body_en"].help_text = _("Merge fields: %(fields)s") % {"fields": merge_help()}

    def clean(self):
        data = super().clean()
        addressees = data.get("addressees")
        if addressees == Letter.Addressees.HAND_PICKED and not data.get("states"):
            self.add_error("states", _("Pick at least one State."))
        if addressees != Letter.Addressees.HAND_PICKED and data.get("states"):
            self.add_error("states", _("Pick States only for a letter to States picked by hand."))
        if addressees != Letter.Addressees.NON_REPLIERS and data.get("follow_up_of"):
            self.add_error(
                "follow_up_of",
                _("Choose an earlier letter only for a letter to those who have not replied."),
            )
        return data


class ReplyForm(forms.ModelForm):
    state = forms.ModelChoiceField(queryset=StateParty.objects.none(), label=_("State"))

    class Meta:
        model = Reply
        fields = ["state", "received_on", "summary", "attachment"]
        widgets = {"received_on": DateInput, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, letter: Letter, **kwargs):
        super().__init__(*args, **kwargs)
        self.letter = letter
        self.fields["state"].queryset = StateParty.objects.filter(
            letters_received__letter=letter
        ).order_by("name")

    def clean(self):
        data = super().clean()
        state = data.get("state")
        if state is not None:
            self.instance.recipient = LetterRecipient.objects.get(letter=self.letter, state=state)
            # Model validation (date after the letter was sent) needs the recipient.
        return data

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("recipient")
        return exclusions


class ReminderRuleForm(ContactKindsMixin):
    offsets = OffsetsField(
        label=_("Offsets in days"),
        help_text=_("Negative before the anchor date, positive after, e.g. -60, -30, -7, +1, +30."),
    )

    class Meta:
        model = ReminderRule
        fields = [
            "name",
            "anchor",
            "offsets",
            "send_time",
            "audience",
            "committee",
            "letter",
            "contact_kinds",
            "effective_from",
            "active",
            *TEXT_FIELDS,
        ]
        widgets = {
            "effective_from": DateInput,
            "send_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            **TEXT_WIDGETS,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letter"].queryset = Letter.objects.filter(reply_due__isnull=False)
        self.fields["body_en"].help_text = _("Merge fields: %(fields)s") % {"fields": merge_help()}
        self.fields["anchor"].choices = Anchor.choices
