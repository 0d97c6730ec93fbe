from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Committee

from .models import FeedSubscription


class FeedForm(forms.ModelForm):
    committee = forms.ModelChoiceField(
        queryset=Committee.objects.order_by("display_order", "name"),
        required=False,
        label=_("Meetings"),
        empty_label=_("All meetings I may see"),
        help_text=_("Or one committee's meetings, with the plenary meetings."),
    )

    class Meta:
        model = FeedSubscription
        fields = ["committee", "include_deadlines"]
