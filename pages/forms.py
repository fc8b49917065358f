from django import forms
from django.utils.html import escape

from .models import InfoPage


class InfoPageForm(forms.ModelForm):
    class Meta:
        model = InfoPage
        fields = ["slug", "title_lt", "body_lt", "title_en", "body_en", "order", "is_published"]
        widgets = {"body_lt": forms.Textarea(attrs={"rows": 14}), "body_en": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The help text shows "<address>" literally: escaped here, since form templates print help text as HTML.
        self.fields["slug"].help_text = escape(self.fields["slug"].help_text)
