from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lithuanian.collation import lt_order
from people.models import Organisation

from .models import Expense, FundingKind, ReportExport


class MoneyField(forms.DecimalField):
    """Euros typed either way: "1 234,50", "1234.50", "1 234,50 €" (a text box: number boxes refuse commas)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {}

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
            value = value.replace(",", ".")
        return super().to_python(value)


def _money(label, **kwargs):
    return MoneyField(label=label, max_digits=12, decimal_places=2, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FundingKind.choices)
    name = forms.CharField(label=pgettext_lazy("funding source", "Name"), max_length=200, required=False,
                           help_text=_("Leave empty to use the kind's name."))
    amount = _money(_("Planned amount, EUR"), min_value=0)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AmendmentForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    amount = _money(_("Change, EUR"), help_text=_("Negative for a cut, e.g. -150,00."))
    reason = forms.CharField(label=_("Reason"), max_length=300)


class CommitForm(forms.Form):
    amount = _money(_("Amount, EUR"), min_value=0.01)
    description = forms.CharField(label=_("What for"), max_length=300)
    override_reason = forms.CharField(
        label=_("Reason for spending past zero"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the source does not have enough left; the reason is recorded."),
    )


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput(), initial=timezone.localdate)
    document_number = forms.CharField(label=_("Document number"), max_length=80)


class FeeForm(forms.Form):
    payer = forms.ChoiceField(label=_("Invoiced to"), choices=Expense.Payer.choices, initial=Expense.Payer.SCHOOL)
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput(), initial=timezone.localdate)
    document_number = forms.CharField(label=_("Invoice number"), max_length=80)


class CouncilForm(forms.Form):
    """The meeting a report to the teachers' council is for, and whether it is the version for the
    whole council (no money per person)."""

    posedis = forms.DateField(label=_("Date of the teachers' council meeting"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    tarybai = forms.BooleanField(label=_("Version for the whole council (no money per person)"), required=False)


class DistrictFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    school = forms.ModelChoiceField(
        label=_("School"), required=False, empty_label=_("All schools and the centre"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, is_active=True).order_by(lt_order("name")),
    )


class ExportForm(forms.Form):
    fmt = forms.ChoiceField(choices=ReportExport.Format.choices)
    year = forms.IntegerField(min_value=2000, max_value=2100)
    school = forms.ModelChoiceField(
        required=False, queryset=Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, is_active=True),
    )


class InvoiceForm(forms.Form):
    """What to invoice: one event's paid places, or one month's (events starting in it)."""

    event = forms.ModelChoiceField(label=_("Event"), queryset=None, required=False,
                                   empty_label=_("— a month instead —"))
    month = forms.CharField(label=_("Month"), required=False, widget=forms.TextInput(attrs={"type": "month"}),
                            help_text=_("For a monthly invoice: the month the events start in."))
    to_persons = forms.BooleanField(
        label=_("Invoice each participant personally"), required=False,
        help_text=_("Otherwise a school pays for its teachers; only participants without a school are invoiced personally."),
    )

    def __init__(self, *args, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events

    def clean_month(self):
        value = (self.cleaned_data.get("month") or "").strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            return timezone.datetime(year, month, 1).date()
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Enter the month as YYYY-MM, e.g. 2026-03."))

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("event")) == bool(cleaned.get("month")):
            raise forms.ValidationError(_("Choose either an event or a month."))
        return cleaned
