from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Expense,
    FundingAmendment,
    FundingSource,
    Invoice,
    InvoiceCounter,
    InvoiceLine,
    ReportExport,
)

AMENDMENT_FIELDS = ["date", "amount", "reason", "created_by", "created_at"]


class KeptAsEntered:
    """For an admin or an inline of records that only the services write: shown, never added or changed."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AmendmentInline(KeptAsEntered, admin.TabularInline):
    """Amendments are dated records: shown read-only here, added on the source's page in the portal
    (funding.services.amend checks the reason, the date and that a cut leaves the source above zero)."""

    model = FundingAmendment
    extra = 0
    fields = readonly_fields = AMENDMENT_FIELDS
    can_delete = False


@admin.register(FundingSource)
class FundingSourceAdmin(SimpleHistoryAdmin):
    """A source's planned amount is set when it is created; afterwards it changes only by a dated
    amendment, so the amount is read-only on change and the amendment is offered by a link."""

    list_display = ["name", "owner", "kind", "year", "amount"]
    list_filter = ["kind", "year", "owner__kind"]
    search_fields = ["name", "owner__name", "notes"]
    inlines = [AmendmentInline]
    list_select_related = ["owner"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly += ["amount", "add_amendment"]
        return readonly

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is not None and "add_amendment" not in fields:
            fields.insert(fields.index("amount") + 1, "add_amendment")
        return fields

    @admin.display(description=_("Change of the amount"))
    def add_amendment(self, obj):
        url = reverse("funding:source_detail", args=[obj.pk])
        return format_html('<a href="{}#amend-title">{}</a>', url, _("Add a dated amendment"))


@admin.register(Expense)
class ExpenseAdmin(SimpleHistoryAdmin):
    list_display = ["source", "direction", "amount", "status", "description", "committed_at", "created_by",
                    "paid_on", "paid_by", "released_at", "released_by", "payer"]
    list_filter = ["status", "direction", "source__kind", "source__year"]
    search_fields = ["description", "document_number", "source__name"]
    list_select_related = ["source", "created_by", "paid_by", "released_by"]
    raw_id_fields = ["registration", "leave_request", "event", "teacher"]
    readonly_fields = ["committed_at", "created_by", "paid_at", "paid_by", "released_at", "released_by"]


@admin.register(FundingAmendment)
class FundingAmendmentAdmin(KeptAsEntered, SimpleHistoryAdmin):
    """Amendments are kept as they were entered (add them on the source's page in the portal)."""

    list_display = ["source", "date", "amount", "reason", "created_by", "created_at"]
    list_filter = ["source__year"]
    search_fields = ["reason", "source__name"]
    list_select_related = ["source", "created_by"]


@admin.register(ReportExport)
class ReportExportAdmin(admin.ModelAdmin):
    list_display = ["year", "school", "fmt", "status", "requested_by", "created_at", "finished_at"]
    list_filter = ["status", "fmt", "year"]
    search_fields = ["school__name", "requested_by__email", "error"]
    list_select_related = ["school", "requested_by"]
    readonly_fields = ["created_at", "finished_at", "error"]


class ReadOnlyAdmin(KeptAsEntered, admin.ModelAdmin):
    """Invoices and their numbering are issued by the services only: an invoice is never edited (a
    cancellation makes a credit note), so the admin shows them and changes nothing."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ("number", "kind", "issuer", "payer_school", "payer_person", "year")
    list_filter = ("kind", "year", "issuer")
    search_fields = ("number", "payer_school__name", "payer_person__email", "payer_person__last_name")


@admin.register(InvoiceLine)
class InvoiceLineAdmin(ReadOnlyAdmin):
    list_display = ("invoice", "participant", "amount", "is_credit")
    list_filter = ("is_credit",)
    search_fields = ("invoice__number", "participant", "description")


@admin.register(InvoiceCounter)
class InvoiceCounterAdmin(ReadOnlyAdmin):
    list_display = ("issuer", "year", "last_number")
    list_filter = ("year",)
    search_fields = ("issuer__name",)
