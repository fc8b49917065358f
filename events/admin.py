from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AttendanceMark,
    Event,
    EventSession,
    Exhibit,
    ImportColumnMapping,
    ImportRun,
    Programme,
    ProgrammeModule,
    Registration,
    YearPlan,
)
from .services.plan import PlanError, publish_plan


class ProgrammeModuleInline(admin.TabularInline):
    model = ProgrammeModule
    extra = 0


@admin.register(ProgrammeModule)
class ProgrammeModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "academic_hours", "is_optional"]
    list_filter = ["is_optional"]
    search_fields = ["title", "programme__title"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "registry_code", "academic_hours", "provider", "is_archived"]
    list_filter = ["is_archived", "owner", "provider"]
    search_fields = ["title", "registry_code", "description"]
    inlines = [ProgrammeModuleInline]
    filter_horizontal = ["lecturers"]


class EventSessionInline(admin.TabularInline):
    model = EventSession
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "form", "delivery_mode", "starts_on", "seats", "fee", "status", "plan_year"]
    list_filter = ["status", "form", "delivery_mode", "plan_year", "outside_working_hours", "organiser"]
    search_fields = ["title", "description", "place"]
    date_hierarchy = "starts_on"
    inlines = [EventSessionInline]
    filter_horizontal = ["lecturers", "audience_subjects"]
    autocomplete_fields = ["programme"]
    list_select_related = ["organiser"]


@admin.register(EventSession)
class EventSessionAdmin(admin.ModelAdmin):
    list_display = ["event", "date", "start_time", "end_time"]
    list_filter = ["date"]
    search_fields = ["event__title"]
    list_select_related = ["event"]


@admin.register(YearPlan)
class YearPlanAdmin(admin.ModelAdmin):
    list_display = ["organiser", "year", "is_published", "build_status", "built_at", "is_stale"]
    list_filter = ["is_published", "build_status", "year"]
    search_fields = ["title", "organiser__name"]
    readonly_fields = ["build_status", "build_progress", "build_error", "pdf", "built_at", "content_hash", "is_stale"]
    actions = ["publish_and_build"]

    @admin.action(description=_("Publish and build the PDF"))
    def publish_and_build(self, request, queryset):
        for plan in queryset:
            try:
                publish_plan(organiser=plan.organiser, year=plan.year, by=request.user)
            except PlanError as exc:
                self.message_user(request, f"{plan}: {exc}", level=messages.WARNING)


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["teacher", "event", "school", "status", "needs_approval", "approved", "created_at"]
    list_filter = ["status", "needs_approval", "approved", "event__plan_year"]
    search_fields = ["teacher__email", "teacher__last_name", "event__title"]
    autocomplete_fields = ["teacher", "event", "school"]
    list_select_related = ["teacher", "event", "school"]


@admin.register(AttendanceMark)
class AttendanceMarkAdmin(admin.ModelAdmin):
    list_display = ["registration", "session", "present", "marked_at"]
    list_filter = ["present"]
    search_fields = ["registration__teacher__last_name", "registration__event__title"]
    list_select_related = ["registration__teacher", "registration__event", "session"]


@admin.register(Exhibit)
class ExhibitAdmin(admin.ModelAdmin):
    list_display = ("title", "author", "school", "event", "order")
    list_filter = ("event__starts_on",)
    search_fields = ("title", "author", "event__title", "school__name")
    raw_id_fields = ("event", "school")


@admin.register(ImportColumnMapping)
class ImportColumnMappingAdmin(admin.ModelAdmin):
    list_display = ("organiser", "header", "column", "updated_at")
    list_filter = ("organiser",)
    search_fields = ("header", "column")


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Read-only: runs are recorded by the plan import and undone from the centre's import page."""

    list_display = ("filename", "organiser", "by", "created_at", "created_count", "skipped_count", "undone_at")
    list_filter = ("organiser", "created_at", "undone_at")
    search_fields = ("filename", "organiser__name", "by__last_name", "by__email")
    raw_id_fields = ("organiser", "by", "undone_by")
    readonly_fields = ("created_at", "created_count", "skipped_count", "undone_at", "undone_by", "deleted_count")

    def has_add_permission(self, request):
        return False
