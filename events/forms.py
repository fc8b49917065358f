"""Forms for centre staff: programmes, events with their sessions, cancelling, copying, importing."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _
from PIL import Image

from kvalifikacija.params import within_portal_years
from lithuanian.collation import lt_order
from people.models import Organisation, Role, User

from .models import Event, EventSession, Exhibit, Programme, ProgrammeModule
from .services.events import validate_event

PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
SCHOOL_LEVELS = Organisation.SchoolLevel.choices
AUDIENCE_ROLES = [(Role.TEACHER, _("teachers")), (Role.DEPUTY, _("deputy heads")), (Role.DIRECTOR, _("directors"))]


def _providers():
    return Organisation.objects.filter(
        kind__in=[Organisation.Kind.PROVIDER, Organisation.Kind.CENTRE], is_active=True
    ).order_by(lt_order("name"))


def _lecturers(centre_ids):
    return (
        User.objects.filter(
            Q(memberships__role=Role.LECTURER) | Q(memberships__organisation_id__in=centre_ids),
            memberships__is_active=True, is_active=True,
        )
        .distinct()
        .order_by(lt_order("last_name"), lt_order("first_name"))
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "title", "registry_code", "academic_hours", "provider", "description", "goals", "competences",
            "target_audience", "lecturers", "lecturer_names", "accreditation_reference",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "goals": forms.Textarea(attrs={"rows": 3}),
                   "competences": forms.Textarea(attrs={"rows": 3}),
                   "target_audience": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, centre_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = _providers()
        self.fields["lecturers"].queryset = _lecturers(centre_ids)
        self.fields["lecturers"].required = False

    def clean_academic_hours(self):
        hours = self.cleaned_data["academic_hours"]
        if hours is not None and hours <= 0:
            raise forms.ValidationError(_("Academic hours must be more than 0."))
        return hours


class ModuleForm(forms.ModelForm):
    class Meta:
        model = ProgrammeModule
        fields = ["title", "academic_hours", "order", "is_optional"]

    def clean_academic_hours(self):
        hours = self.cleaned_data["academic_hours"]
        if hours is not None and hours <= 0:
            raise forms.ValidationError(_("Academic hours must be more than 0."))
        return hours


class BaseModuleFormSet(BaseInlineFormSet):
    """A module that events already run cannot be removed (their certificates name it)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.events.exists():
                raise forms.ValidationError(
                    _("Events run the module „%(title)s“, so it cannot be removed.") % {"title": form.instance.title}
                )
        live = [form.cleaned_data for form in self.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("title")]
        total = sum(data["academic_hours"] or 0 for data in live)
        hours = getattr(self, "programme_hours", None)
        if live and hours and total > hours:
            raise forms.ValidationError(
                _("The modules add up to %(total)s academic hours, more than the programme's %(hours)s.")
                % {"total": total, "hours": hours}
            )


ModuleFormSet = inlineformset_factory(
    Programme, ProgrammeModule, form=ModuleForm, formset=BaseModuleFormSet, extra=1, can_delete=True,
)


class EventForm(forms.ModelForm):
    audience_roles = forms.MultipleChoiceField(
        label=_("Audience roles"), choices=AUDIENCE_ROLES, required=False, widget=forms.CheckboxSelectMultiple
    )
    audience_levels = forms.MultipleChoiceField(
        label=_("School levels"), choices=SCHOOL_LEVELS, required=False, widget=forms.CheckboxSelectMultiple
    )

    online_link = forms.URLField(label=_("online link"), max_length=500, required=False, assume_scheme="https",
                                 help_text=_("Shown only to registered participants."))
    confirm_past = forms.BooleanField(
        label=_("I confirm that the first session is in the past"), required=False,
        help_text=_("Needed only when entering an event that has already started."),
    )

    class Meta:
        model = Event
        fields = [
            "programme", "module", "title", "form", "delivery_mode", "description", "competences", "place", "online_link",
            "academic_hours", "seats", "fee", "registration_deadline", "plan_year", "outside_working_hours",
            "provider", "audience_subjects", "audience_roles", "audience_levels", "audience_note", "lecturers",
            "lecturer_names", "attendance_threshold", "evaluation_required",
        ]
        widgets = {
            "registration_deadline": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "competences": forms.Textarea(attrs={"rows": 2}),
            "audience_subjects": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, centre_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        programmes = Programme.objects.filter(owner_id__in=centre_ids)
        if self.instance.programme_id:
            programmes = programmes.filter(Q(is_archived=False) | Q(pk=self.instance.programme_id))
        else:
            programmes = programmes.filter(is_archived=False)
        self.fields["programme"].queryset = programmes
        self.fields["module"].queryset = (
            ProgrammeModule.objects.filter(programme__owner_id__in=centre_ids).select_related("programme")
        )
        self.fields["module"].label_from_instance = lambda module: f"{module.programme.title}: {module.title}"
        self.fields["provider"].queryset = _providers()
        self.fields["lecturers"].queryset = _lecturers(centre_ids)
        self.fields["lecturers"].required = False
        self.fields["audience_subjects"].required = False
        self.fields["seats"].min_value = None  # the rule's own message is clearer than the browser's
        if self.instance.pk:
            del self.fields["confirm_past"]  # only a new event is checked for a past start

    def clean(self):
        cleaned = super().clean()
        errors = validate_event(
            academic_hours=cleaned.get("academic_hours"), seats=cleaned.get("seats"), fee=cleaned.get("fee"),
            programme=cleaned.get("programme"), module=cleaned.get("module"),
        )
        for field, messages in errors.items():
            if field in self.fields:
                for message in messages:
                    self.add_error(field, message)
        return cleaned


class SessionForm(forms.ModelForm):
    class Meta:
        model = EventSession
        fields = ["date", "start_time", "end_time", "place"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        return cleaned


class BaseSessionFormSet(BaseInlineFormSet):
    def __init__(self, *args, registration_deadline=None, **kwargs):
        self.registration_deadline = registration_deadline
        super().__init__(*args, **kwargs)

    def live_sessions(self):
        return [
            form.cleaned_data for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("date")
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        sessions = self.live_sessions()
        if not sessions:
            raise forms.ValidationError(_("An event needs at least one session."))


SessionFormSet = inlineformset_factory(
    Event, EventSession, form=SessionForm, formset=BaseSessionFormSet, extra=1, can_delete=True,
)


def check_deadline(event_form, sessions_formset):
    """The deadline rule needs both the event form and the sessions: put the error on the deadline."""
    if not (event_form.is_valid() and sessions_formset.is_valid()):
        return False
    errors = validate_event(
        academic_hours=None, seats=None, fee=None,
        registration_deadline=event_form.cleaned_data.get("registration_deadline"),
        sessions=sessions_formset.live_sessions(),
    )
    for message in errors.get("registration_deadline", []):
        event_form.add_error("registration_deadline", message)
    return not errors.get("registration_deadline")


class CancelEventForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000)


class CompleteEventForm(forms.Form):
    assume_present = forms.BooleanField(
        required=False,
        label=_("No attendance was taken: count everyone confirmed as present"),
        help_text=_("Certificates follow attendance. Leave this unticked if attendance was marked per session."),
    )


class CopyEventForm(forms.Form):
    first_date = forms.DateField(label=_("Date of the first session"), widget=DateInput(),
                                 validators=[within_portal_years])
    confirm_past = forms.BooleanField(
        label=_("I confirm that the first session is in the past"), required=False,
        help_text=_("Needed only when entering an event that has already started."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (CSV or XLSX)"),
                           help_text=_("The first row holds the column names; see the list of columns below."))
    publish = forms.BooleanField(label=_("Publish the imported events at once"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        head = upload.read(4)
        upload.seek(0)
        name = upload.name.lower()
        if name.endswith(".xlsx"):
            if head != b"PK\x03\x04":
                raise forms.ValidationError(_("This is not an XLSX spreadsheet."))
        elif name.endswith(".csv"):
            if b"\x00" in upload.read(2048):
                upload.seek(0)
                raise forms.ValidationError(_("This is not a CSV text file."))
            upload.seek(0)
        else:
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    introduction = forms.CharField(label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    approval_order_number = forms.CharField(
        label=_("Number of the director's order approving the plan"), max_length=80, required=False,
        help_text=_("Printed in the plan's approval block; left blank to fill in by hand."))
    approval_order_date = forms.DateField(label=_("Date of the order"), required=False,
                                          widget=forms.DateInput(attrs={"type": "date"}))


class ExhibitForm(forms.ModelForm):
    """An exhibit with an optional photo, checked by its content (JPEG, PNG or WebP), not its name."""

    class Meta:
        model = Exhibit
        fields = ["title", "author", "school", "photo", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.SCHOOL, is_active=True).order_by("name")

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return photo
        if photo.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        try:
            photo.seek(0)
            with Image.open(photo) as image:
                kind = image.format
                image.verify()
        except (OSError, ValueError, Image.DecompressionBombError):
            raise forms.ValidationError(_("Upload a photo (JPEG, PNG or WebP)."))
        if kind not in PHOTO_FORMATS:
            raise forms.ValidationError(_("Upload a photo (JPEG, PNG or WebP)."))
        photo.seek(0)
        photo.content_type = PHOTO_FORMATS[kind]
        return photo
