import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from lithuanian.collation import lt_contains, sort_key

from .models import NoticeLog
from .services import kind_label


def kind_choices():
    kinds = NoticeLog.objects.order_by().values_list("kind", flat=True).distinct()
    return sorted(((kind, kind_label(kind)) for kind in kinds), key=lambda choice: sort_key(str(choice[1])))


class NoticeLogFilter(django_filters.FilterSet):
    """The staff notice log: who, what, when, status."""

    who = django_filters.CharFilter(label=_("Recipient"), method="filter_who")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=kind_choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=NoticeLog.Status.choices)
    created_from = django_filters.DateFilter(
        label=_("From"), field_name="created_at", lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    created_to = django_filters.DateFilter(
        label=_("To"), field_name="created_at", lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = NoticeLog
        fields = ["who", "kind", "status", "created_from", "created_to"]

    def filter_who(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(lt_contains("email", "recipient__first_name", "recipient__last_name", query=value))
