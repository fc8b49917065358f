from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from funding.models import FundingSource
from lithuanian.collation import lt_order

from .models import LeaveRequest, SchoolPriority, SchoolQualificationPlan

COUNTRIES = [
    ("LT", _("Lithuania")), ("LV", _("Latvia")), ("EE", _("Estonia")), ("PL", _("Poland")), ("DE", _("Germany")),
    ("FI", _("Finland")), ("SE", _("Sweden")), ("NO", _("Norway")), ("DK", _("Denmark")), ("IS", _("Iceland")),
    ("IE", _("Ireland")), ("GB", _("United Kingdom")), ("NL", _("Netherlands")), ("BE", _("Belgium")),
    ("FR", _("France")), ("ES", _("Spain")), ("PT", _("Portugal")), ("IT", _("Italy")), ("AT", _("Austria")),
    ("CH", _("Switzerland")), ("CZ", _("Czechia")), ("SK", _("Slovakia")), ("HU", _("Hungary")),
    ("SI", _("Slovenia")), ("HR", _("Croatia")), ("GR", _("Greece")), ("CY", _("Cyprus")), ("MT", _("Malta")),
    ("UA", _("Ukraine")), ("US", _("United States")), ("XX", _("other country")),
]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _sources(school, year):
    return FundingSource.objects.filter(owner=school, year=year).order_by("kind", lt_order("name"))


class _RequestFormMixin:
    """`submitting` is set when the teacher pressed "Submit": then lessons need their cover plan."""

    def __init__(self, *args, school=None, year=None, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        year = year or timezone.localdate().year
        if "funding_source" in self.fields:
            self.fields["funding_source"].queryset = _sources(school, year)
            self.fields["funding_source"].required = False
        if "priority" in self.fields:
            self.fields["priority"].queryset = SchoolPriority.objects.filter(school=school, year=year)
            self.fields["priority"].required = False

    def clean(self):
        data = super().clean()
        if self.submitting and data.get("during_lessons") and not (data.get("cover_plan") or "").strip():
            self.add_error("cover_plan", _("The event is during lessons: write the plan for the missed lessons."))
        return data


class CatalogueRequestForm(_RequestFormMixin, forms.ModelForm):
    class Meta:
        model = LeaveRequest
        fields = ["reason", "during_lessons", "cover_plan", "funding_source"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3}), "cover_plan": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "during_lessons": _("Tick when the event takes you away from your lessons."),
            "cover_plan": _("Who takes which lessons, or when they are made up; agreed with the deputy."),
        }


class OutsideRequestForm(_RequestFormMixin, forms.ModelForm):
    country = forms.ChoiceField(label=_("country"), choices=COUNTRIES, initial="LT")

    class Meta:
        model = LeaveRequest
        fields = [
            "title", "organiser_name", "place", "country", "starts_on", "ends_on", "academic_hours", "cost",
            "funding_source", "priority", "reason", "during_lessons", "cover_plan",
        ]
        widgets = {
            "starts_on": DATE, "ends_on": DATE,
            "reason": forms.Textarea(attrs={"rows": 3}), "cover_plan": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "during_lessons": _("Tick when the event takes you away from your lessons."),
            "cover_plan": _("Who takes which lessons, or when they are made up; agreed with the deputy."),
            "academic_hours": _("One academic hour is 45 minutes."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "organiser_name", "place"):
            self.fields[name].required = True
        if self.instance.pk and self.instance.country not in dict(COUNTRIES):
            self.fields["country"].choices = [*COUNTRIES, (self.instance.country, self.instance.country)]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The event cannot end before it starts."))
        if data.get("academic_hours") == 0:
            self.add_error("academic_hours", _("Give the number of academic hours."))
        return data


class CoverForm(forms.Form):
    comment = forms.CharField(label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    funding_source = forms.ModelChoiceField(label=_("funding source"), queryset=FundingSource.objects.none(),
                                            required=False)
    note = forms.CharField(label=_("note or reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Required when you reject."))
    override_reason = forms.CharField(
        label=_("reason for spending past the source's balance"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the source has too little money left."),
    )
    warnings_seen = forms.BooleanField(label=_("I have read the warnings and approve anyway"), required=False)

    def __init__(self, *args, leave_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding_source"].queryset = _sources(leave_request.school, leave_request.year)
        self.fields["funding_source"].initial = leave_request.funding_source_id
        if leave_request.cost == 0:
            del self.fields["funding_source"]
            del self.fields["override_reason"]


class PriorityForm(forms.ModelForm):
    events = forms.ModelMultipleChoiceField(label=_("events serving it"), queryset=Event.objects.none(),
                                            required=False, widget=forms.SelectMultiple(attrs={"size": 8}))

    class Meta:
        model = SchoolPriority
        fields = ["title", "description", "order", "events"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].queryset = Event.objects.published().filter(plan_year=year).order_by("starts_on", lt_order("title"))


class PlanForm(forms.ModelForm):
    class Meta:
        model = SchoolQualificationPlan
        fields = ["planned_days", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"planned_days": _("All the school's teachers together, in qualification days (6 academic hours).")}


class RecommendationForm(forms.Form):
    event = forms.ModelChoiceField(label=_("event"), queryset=Event.objects.none())
    teachers = forms.ModelMultipleChoiceField(label=_("teachers"), queryset=None,
                                              widget=forms.SelectMultiple(attrs={"size": 10}))
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, teachers, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["event"].queryset = (
            Event.objects.filter(status=Event.Status.PUBLISHED, starts_on__gte=today).order_by("starts_on")
        )
        self.fields["teachers"].queryset = teachers


class ReportBackForm(forms.Form):
    reported_on = forms.DateField(label=_("date of the report"), widget=DATE)
    methodical_group = forms.CharField(label=_("methodical group"), max_length=200)
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 4}))
    materials = forms.FileField(label=_("materials"), required=False,
                                help_text=_("PDF, image or office document, at most 10 MB."))
