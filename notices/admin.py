from django.contrib import admin

from .models import NoticeLog, NoticePreference


@admin.register(NoticeLog)
class NoticeLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "email", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["email", "subject", "key"]
    readonly_fields = [f.name for f in NoticeLog._meta.fields]


@admin.register(NoticePreference)
class NoticePreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email_enabled"]
    list_filter = ["kind", "email_enabled"]
    search_fields = ["user__email"]
