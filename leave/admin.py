from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    LeaveRequest,
    Recommendation,
    ReportBack,
    SchoolPriority,
    SchoolQualificationPlan,
)


@admin.register(LeaveRequest)
class LeaveRequestAdmin(SimpleHistoryAdmin):
    list_display = ["teacher", "school", "event_title", "starts_on", "status", "cost"]
    list_filter = ["status", "school", "during_lessons", "country"]
    search_fields = ["teacher__email", "teacher__last_name", "title", "registration__event__title"]
    autocomplete_fields = ["teacher", "school", "registration"]
    list_select_related = ["teacher", "school", "registration__event"]


@admin.register(SchoolPriority)
class SchoolPriorityAdmin(admin.ModelAdmin):
    list_display = ["title", "school", "year", "order"]
    list_filter = ["year", "school"]
    search_fields = ["title", "description"]
    filter_horizontal = ["events"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["event", "school", "recommended_by", "created_at"]
    list_filter = ["school"]
    search_fields = ["event__title", "note"]
    filter_horizontal = ["teachers"]


@admin.register(ReportBack)
class ReportBackAdmin(admin.ModelAdmin):
    list_display = ["teacher", "reported_on", "methodical_group"]
    list_filter = ["methodical_group"]
    search_fields = ["teacher__last_name", "summary"]


@admin.register(SchoolQualificationPlan)
class SchoolQualificationPlanAdmin(admin.ModelAdmin):
    list_display = ["school", "year", "planned_days", "updated_at"]
    list_filter = ["year"]
    search_fields = ["school__name"]
