from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Organisation, Subject

from .models import Equipment, MethodicalMaterial

DATE = {"type": "date"}


class EquipmentForm(forms.ModelForm):
    class Meta:
        model = Equipment
        fields = ["kind", "name", "inventory_number", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class LoanRequestForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=Organisation.objects.none())
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs=DATE))
    due_on = forms.DateField(label=_("Return by"), widget=forms.DateInput(attrs=DATE))
    note = forms.CharField(label=_("What is it for?"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()

    def clean(self):
        data = super().clean()
        starts, due = data.get("starts_on"), data.get("due_on")
        if starts and starts < timezone.localdate():
            self.add_error("starts_on", _("A loan cannot start in the past."))
        if starts and due and due < starts:
            self.add_error("due_on", _("The return date cannot be before the first day."))
        return data


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("Note to the school"), required=False, max_length=1000)


class MaterialForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("File"), required=False,
        help_text=_("PDF, Word, PowerPoint, Excel or OpenDocument; at most %(size)s.")
        % {"size": filesizeformat(settings.MAX_UPLOAD_BYTES)},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.pptx,.xlsx,.odt,.odp,.ods,.rtf"}),
    )

    class Meta:
        model = MethodicalMaterial
        fields = ["title", "description", "subject", "school", "centre"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].label = _("Your school")
        self.fields["subject"].queryset = Subject.objects.all()
        centres = Organisation.objects.filter(kind=Organisation.Kind.CENTRE, is_active=True)
        if centres.count() > 1:
            self.fields["centre"].queryset = centres
            self.fields["centre"].required = True
            self.fields["centre"].label = _("Education centre that reviews it")
        else:  # the district's only centre reviews it
            del self.fields["centre"]
        if not self.instance.pk:
            self.fields["upload"].required = True
            if schools.count() == 1:
                self.fields["school"].initial = schools.first()


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("Note to the author"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
