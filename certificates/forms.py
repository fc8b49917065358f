from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import OutsideCertificate
from .validators import detect_certificate_file

# ISO 3166 codes of the countries teachers most often train in; "other" covers the rest.
COUNTRIES = [
    ("LT", _("Lithuania")), ("LV", _("Latvia")), ("EE", _("Estonia")), ("PL", _("Poland")),
    ("FI", _("Finland")), ("SE", _("Sweden")), ("NO", _("Norway")), ("DK", _("Denmark")),
    ("DE", _("Germany")), ("AT", _("Austria")), ("NL", _("Netherlands")), ("BE", _("Belgium")),
    ("FR", _("France")), ("ES", _("Spain")), ("PT", _("Portugal")), ("IT", _("Italy")),
    ("IE", _("Ireland")), ("GB", _("United Kingdom")), ("CZ", _("Czechia")), ("SK", _("Slovakia")),
    ("HU", _("Hungary")), ("SI", _("Slovenia")), ("HR", _("Croatia")), ("GR", _("Greece")),
    ("CY", _("Cyprus")), ("MT", _("Malta")), ("IS", _("Iceland")), ("UA", _("Ukraine")),
    ("US", _("United States")), ("ZZ", _("other country")),
]
COUNTRY_NAMES = dict(COUNTRIES)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OutsideCertificateForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("country"), choices=COUNTRIES, initial="LT")
    file = forms.FileField(
        label=_("certificate file"),
        help_text=_("A PDF, PNG or JPEG file, at most %(limit)s MB.") % {"limit": settings.MAX_UPLOAD_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    class Meta:
        model = OutsideCertificate
        fields = ["provider_name", "title", "country", "starts_on", "ends_on", "academic_hours",
                  "certificate_number", "file"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {
            "provider_name": _("The organisation that issued the certificate (a university, another centre, abroad)."),
            "academic_hours": _("As written on the certificate; one academic hour is 45 minutes."),
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = detect_certificate_file(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        hours = cleaned.get("academic_hours")
        if hours is not None and hours <= 0:
            self.add_error("academic_hours", _("Enter a positive number of hours."))
        return cleaned


class DecisionForm(forms.Form):
    """Recognise or decline; recognising may replace an approved request and correct the hours."""

    replaces = forms.ModelChoiceField(
        label=_("Replaces the approved request"), queryset=None, required=False,
        empty_label=_("none: an event without an approved request"),
        help_text=_("The request's planned days become done days through this certificate, counted once."),
    )
    recognised_hours = forms.IntegerField(
        label=_("recognised academic hours"), required=False, min_value=1, max_value=2000,
        help_text=_("Change only when the certificate counts other hours, e.g. 25 astronomical hours = 33 academic hours."),
    )
    hours_reason = forms.CharField(label=_("reason for the corrected hours"), required=False, max_length=1000,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, requests=None, suggested=None, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaces"].queryset = requests if requests is not None else self.fields["replaces"].queryset
        if requests is None:
            del self.fields["replaces"]
        elif suggested is not None:
            self.fields["replaces"].initial = suggested.pk
        if item is not None:
            self.fields["recognised_hours"].initial = item.academic_hours


class HoursCorrectionForm(forms.Form):
    recognised_hours = forms.IntegerField(label=_("recognised academic hours"), min_value=1, max_value=2000)
    hours_reason = forms.CharField(label=_("reason for the corrected hours"), max_length=1000,
                                   widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
    public_reason = forms.CharField(label=_("public reason"), required=False, max_length=300)
