from django import forms

from .models import InfoPage


class InfoPageForm(forms.ModelForm):
    class Meta:
        model = InfoPage
        fields = ["slug", "title_lt", "body_lt", "title_en", "body_en", "order", "is_published"]
        widgets = {"body_lt": forms.Textarea(attrs={"rows": 14}), "body_en": forms.Textarea(attrs={"rows": 10})}
