from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Expense, FundingAmendment, FundingSource, ReportExport


class AmendmentInline(admin.TabularInline):
    model = FundingAmendment
    extra = 0


@admin.register(FundingSource)
class FundingSourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "owner", "kind", "year", "amount"]
    list_filter = ["kind", "year", "owner__kind"]
    search_fields = ["name", "owner__name", "notes"]
    inlines = [AmendmentInline]
    list_select_related = ["owner"]


@admin.register(Expense)
class ExpenseAdmin(SimpleHistoryAdmin):
    list_display = ["source", "direction", "amount", "status", "description", "committed_at", "paid_on", "payer"]
    list_filter = ["status", "direction", "source__kind", "source__year"]
    search_fields = ["description", "document_number", "source__name"]
    list_select_related = ["source"]
    raw_id_fields = ["registration", "leave_request", "event", "teacher"]


@admin.register(FundingAmendment)
class FundingAmendmentAdmin(SimpleHistoryAdmin):
    list_display = ["source", "date", "amount", "reason"]
    list_filter = ["source__year"]
    search_fields = ["reason", "source__name"]


@admin.register(ReportExport)
class ReportExportAdmin(admin.ModelAdmin):
    list_display = ["year", "school", "fmt", "status", "requested_by", "created_at", "finished_at"]
    list_filter = ["status", "fmt", "year"]
    search_fields = ["school__name", "requested_by__email", "error"]
    list_select_related = ["school", "requested_by"]
    readonly_fields = ["created_at", "finished_at", "error"]
