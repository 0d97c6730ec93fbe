from django import forms

from .models import CommitteeText


class CommitteeTextForm(forms.ModelForm):
    class Meta:
        model = CommitteeText
        fields = ["purpose", "mandate", "composition", "working_methods"]
        widgets = {
            name: forms.Textarea(attrs={"rows": rows})
            for name, rows in (
                ("purpose", 3),
                ("mandate", 10),
                ("composition", 4),
                ("working_methods", 6),
            )
        }
