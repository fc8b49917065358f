"""The catalogue's filters; the same query parameters drive the page, its pagination and the .ics feed."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lithuanian.collation import lt_contains
from people.models import Organisation, Role, Subject

from .models import DeliveryMode, Form


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    form = django_filters.ChoiceFilter(label=_("Form"), choices=Form.choices, empty_label=_("All forms"))
    date_from = django_filters.DateFilter(
        label=_("From"), method="filter_date_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        label=_("To"), field_name="starts_on", lookup_expr="lte", widget=forms.DateInput(attrs={"type": "date"})
    )
    subject = django_filters.ModelChoiceFilter(
        label=_("Subject"), field_name="audience_subjects", queryset=Subject.objects.all(), empty_label=_("All subjects"),
        distinct=False,
    )
    level = django_filters.ChoiceFilter(
        label=_("School level"), choices=Organisation.SchoolLevel.choices, empty_label=_("All school levels"),
        method="filter_level",
    )
    role = django_filters.ChoiceFilter(
        label=_("For"), choices=[(Role.TEACHER, _("teachers")), (Role.DEPUTY, _("deputy heads")),
                                 (Role.DIRECTOR, _("directors"))],
        empty_label=_("Everyone"), method="filter_role",
    )
    provider = django_filters.ModelChoiceFilter(
        label=_("Provider"), method="filter_provider", empty_label=_("All providers"),
        queryset=Organisation.objects.filter(kind__in=[Organisation.Kind.PROVIDER, Organisation.Kind.CENTRE]),
    )
    delivery_mode = django_filters.ChoiceFilter(
        label=_("Delivery mode"), choices=DeliveryMode.choices, empty_label=_("Any mode")
    )
    free = django_filters.BooleanFilter(
        label=_("Free only"), method="filter_free", widget=forms.CheckboxInput
    )
    seats_left = django_filters.BooleanFilter(
        label=_("With seats left"), method="filter_seats_left", widget=forms.CheckboxInput
    )
    outside_working_hours = django_filters.BooleanFilter(
        label=_("Outside working hours"), method="filter_outside", widget=forms.CheckboxInput
    )

    def __init__(self, data=None, *args, today=None, **kwargs):
        self.today = today or timezone.localdate()
        super().__init__(data, *args, **kwargs)

    @property
    def qs(self):
        queryset = super().qs
        # Without a start date the catalogue shows what is still ahead (and what is running now).
        if not (self.form.is_bound and self.form.is_valid() and self.form.cleaned_data.get("date_from")):
            queryset = queryset.filter(ends_on__gte=self.today)
        return queryset

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for word in value.split():
            # Every word somewhere, ignoring case and diacritics: "patyciu" finds "Patyčių prevencija".
            condition &= lt_contains(
                "title", "description", "place", "programme__title", "audience_note", "lecturer_names", query=word,
            ) | Q(programme__registry_code__iexact=word)
        return queryset.filter(condition)

    def filter_level(self, queryset, name, value):
        """Events for that school level, and events open to every level."""
        return queryset.filter(Q(audience_levels=[]) | Q(audience_levels__icontains=f'"{value}"'))

    def filter_role(self, queryset, name, value):
        return queryset.filter(Q(audience_roles=[]) | Q(audience_roles__icontains=f'"{value}"'))

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(ends_on__gte=value)

    def filter_provider(self, queryset, name, value):
        return queryset.filter(Q(provider=value) | Q(provider__isnull=True, organiser=value))

    def filter_free(self, queryset, name, value):
        return queryset.filter(fee=0) if value else queryset

    def filter_seats_left(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(seats=0) | Q(seats__gt=F("seats_taken")))

    def filter_outside(self, queryset, name, value):
        return queryset.filter(outside_working_hours=True) if value else queryset
