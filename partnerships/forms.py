from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.forms import DateInput, TimeInput
from events.models import Event, Form
from funding.forms import MoneyField
from funding.models import FundingKind, FundingSource
from people.models import Organisation

from .models import Network, PartnerProvider, Project, SchoolEventProposal


def _schools():
    return Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, is_active=True).order_by("name")


class ProviderOrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "short_name", "legal_code", "address", "country", "email", "phone", "website"]


class ProviderProfileForm(forms.ModelForm):
    class Meta:
        model = PartnerProvider
        fields = ["kind", "contact_person", "contact_email", "contact_phone", "agreement", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class LecturerAccountForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "goals", "coordinator", "contact_person", "members"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 3}), "members": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = _schools()
        self.fields["members"].queryset = _schools()

    def clean(self):
        cleaned = super().clean()
        coordinator, members = cleaned.get("coordinator"), cleaned.get("members")
        if coordinator and members is not None and coordinator not in members:
            self.add_error("coordinator", _("The coordinating school must be one of the members."))
        return cleaned


class NetworkEventForm(forms.Form):
    event = forms.ModelChoiceField(label=_("Event"), queryset=Event.objects.none())
    members_only = forms.BooleanField(label=_("Only for the member schools' teachers"), required=False)

    def __init__(self, *args, centre_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = (Event.objects.filter(organiser_id__in=centre_ids)
                                         .exclude(status=Event.Status.CANCELLED).order_by("-starts_on"))


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "code", "starts_on", "ends_on", "description", "partners", "funding_source", "events"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3}),
                   "partners": forms.SelectMultiple(attrs={"size": 6}), "events": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, centre_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Organisation.objects.filter(is_active=True).exclude(
            pk__in=centre_ids).order_by("kind", "name")
        self.fields["funding_source"].queryset = FundingSource.objects.filter(
            owner_id__in=centre_ids, kind=FundingKind.PROJECTS).order_by("-year", "name")
        self.fields["events"].queryset = Event.objects.filter(organiser_id__in=centre_ids).order_by("-starts_on")
        self.fields["events"].required = False
        self.fields["partners"].required = False

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return cleaned


class ProposalForm(forms.ModelForm):
    form = forms.ChoiceField(label=_("Form"), choices=Form.choices, initial=Form.SEMINAR)
    fee = MoneyField(label=_("Fee, EUR"), max_digits=9, decimal_places=2, min_value=0, initial=0,
                     help_text=_("0 for a free event."))

    class Meta:
        model = SchoolEventProposal
        fields = ["title", "form", "description", "date", "start_time", "end_time", "place", "academic_hours",
                  "seats", "fee", "audience", "support_requested"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput(),
                   "description": forms.Textarea(attrs={"rows": 3}),
                   "support_requested": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and day <= timezone.localdate():
            self.add_error("date", _("Propose an event at least one day ahead."))
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        if cleaned.get("academic_hours") is not None and cleaned["academic_hours"] <= 0:
            self.add_error("academic_hours", _("Academic hours must be more than 0."))
        return cleaned


class ApproveForm(forms.Form):
    support_money = MoneyField(label=_("Money from the centre, EUR"), max_digits=9, decimal_places=2, min_value=0,
                               required=False)
    source = forms.ModelChoiceField(label=_("From the centre's source"), queryset=FundingSource.objects.none(),
                                    required=False)
    support_lecturer = forms.CharField(label=_("Lecturer from the centre"), max_length=200, required=False)
    support_room = forms.CharField(label=_("Room at the centre"), max_length=200, required=False)
    support_certificates = forms.BooleanField(label=_("The centre issues certificates"), required=False)

    def __init__(self, *args, centre_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = FundingSource.objects.filter(owner_id__in=centre_ids).order_by("-year", "name")


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000)
