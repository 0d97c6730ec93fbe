from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

EXPIRY_CHOICES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("1 year")),
    ("", _("Never (revoke it by hand)")),
]


class ApiTokenForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        label=_("For user"),
        help_text=_("The token reads and writes exactly what this user may."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Website export”."),
    )
    expiry = forms.ChoiceField(
        label=_("Expires after"), choices=EXPIRY_CHOICES, initial="365", required=False
    )

    def expiry_delta(self) -> timedelta | None:
        days = self.cleaned_data["expiry"]
        return timedelta(days=int(days)) if days else None
