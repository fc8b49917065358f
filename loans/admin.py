from django.contrib import admin

from .models import Equipment, Loan, MethodicalMaterial


@admin.register(Equipment)
class EquipmentAdmin(admin.ModelAdmin):
    list_display = ["name", "inventory_number", "kind", "owner", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "inventory_number"]


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    list_display = ["equipment", "school", "starts_on", "due_on", "returned_on", "status"]
    list_filter = ["status", "school"]
    search_fields = ["equipment__name", "school__name"]
    raw_id_fields = ["equipment", "requested_by", "decided_by"]
    list_select_related = ["equipment", "school"]


@admin.register(MethodicalMaterial)
class MethodicalMaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "school", "status", "published_at"]
    list_filter = ["status", "subject"]
    search_fields = ["title", "description"]
    raw_id_fields = ["author", "reviewed_by"]
    list_select_related = ["author", "school"]
