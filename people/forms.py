from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Organisation, QualificationCategory, Role, Subject, TeacherProfile, User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )


class ProfileForm(forms.ModelForm):
    """What a person changes about themselves; the e-mail address is the sign-in and stays."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "language"]


class TeacherSelfForm(forms.ModelForm):
    """A teacher's own subjects and position; the category comes from the attestation commission."""

    class Meta:
        model = TeacherProfile
        fields = ["position", "subjects"]
        widgets = {"subjects": forms.CheckboxSelectMultiple}


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["kind", "name", "short_name", "legal_code", "address", "email", "phone", "website",
                  "school_level", "head_name", "head_position", "accreditation_order", "accreditation_date",
                  "accreditation_expires", "is_active"]
        widgets = {"accreditation_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "accreditation_expires": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"is_active": _("A deactivated organisation keeps its history but is no longer offered.")}


class PersonForm(forms.Form):
    """Add one person to an organisation: the roles offered are those the acting person may give."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))
    position = forms.CharField(label=pgettext_lazy("job", "Position"), max_length=150, required=False)

    def __init__(self, *args, roles=(), organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role, Role(role).label) for role in roles]
        if organisations is not None:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Organisation"), queryset=organisations, empty_label=None)
            self.order_fields(["organisation"])


class StaffMemberForm(forms.Form):
    """What the school records about one of its people (the commission's decision, the programme)."""

    position = forms.CharField(label=pgettext_lazy("job", "Position"), max_length=150, required=False)
    subjects = forms.ModelMultipleChoiceField(label=_("Subjects"), queryset=None, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    category = forms.ChoiceField(label=_("Qualification category"))
    category_since = forms.DateField(label=_("Category held since"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    attestation_category_sought = forms.ChoiceField(label=_("Category sought at attestation"), required=False)
    attestation_year = forms.IntegerField(label=_("Attestation year"), required=False, min_value=2000,
                                          max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subjects"].queryset = Subject.objects.all()
        self.fields["category"].choices = QualificationCategory.choices
        self.fields["attestation_category_sought"].choices = [("", "—"), *QualificationCategory.choices]


class AttestationRowForm(forms.Form):
    teacher = forms.IntegerField(widget=forms.HiddenInput)
    attestation_category_sought = forms.ChoiceField(label=_("Category sought"), required=False)
    attestation_year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attestation_category_sought"].choices = [("", "—"), *QualificationCategory.choices]


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("XLSX or CSV file"))
