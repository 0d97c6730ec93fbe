from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    """Six digits from an authenticator app; checked against the user's device by the view."""

    token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("The code is made of digits only."))
        return token

    def clean(self):
        data = super().clean()
        token = data.get("token")
        if token and self.device is not None:
            allowed, _detail = self.device.verify_is_allowed()
            if not allowed:
                raise forms.ValidationError(
                    _("Too many wrong codes in a row; wait a few seconds, then enter the code.")
                )
            if not self.device.verify_token(token):
                raise forms.ValidationError(
                    _("This code is wrong or has expired; enter the code shown now.")
                )
        return data
