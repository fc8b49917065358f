from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from lithuanian.collation import lt_order

from .models import Invitation, Membership, Organisation, Subject, TeacherProfile, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


class TeacherProfileInline(admin.StackedInline):
    model = TeacherProfile
    extra = 0
    filter_horizontal = ["subjects"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = [lt_order("last_name"), lt_order("first_name")]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "memberships__role", "language"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline, TeacherProfileInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "gender", "phone", "language")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "first_name", "last_name", "gender",
                                                              "password1", "password2")}),)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "school_level", "legal_code", "country", "is_active"]
    list_filter = ["kind", "school_level", "country", "is_active"]
    search_fields = ["name", "short_name", "legal_code"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "position", "is_active"]
    list_filter = ["role", "is_active", "organisation__kind"]
    search_fields = ["user__email", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(TeacherProfile)
class TeacherProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "category", "attestation_year", "attestation_category_sought"]
    list_filter = ["category", "attestation_year"]
    search_fields = ["user__email", "user__last_name"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["subjects"]
    list_select_related = ["user"]


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "sent_at", "send_count", "accepted_at", "withdrawn_at"]
    list_filter = ["organisation", "accepted_at", "withdrawn_at"]
    search_fields = ["user__email", "user__last_name"]
    raw_id_fields = ["user", "invited_by"]
    readonly_fields = ["created_at", "sent_at", "send_count", "accepted_at", "withdrawn_at"]
