from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common.text import validate_single_line
from states_parties.models import StateParty
from states_parties.names import name_order


class InviteForm(forms.Form):
    """ISU staff invite a State's national reporter."""

    state = forms.ModelChoiceField(queryset=StateParty.objects.none(), label=_("State"))
    first_name = forms.CharField(
        label=_("First name"), max_length=150, validators=[validate_single_line]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, validators=[validate_single_line]
    )
    email = forms.EmailField(label=_("E-mail address"))
    language = forms.ChoiceField(
        label=_("Language of the invitation and the portal"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = StateParty.objects.order_by(name_order())
