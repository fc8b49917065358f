from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError

from . import services
from .models import DigestCursor, DutyRun, NoticeLog, NoticePreference


@admin.register(NoticeLog)
class NoticeLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "email", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["email", "subject", "key"]
    readonly_fields = [f.name for f in NoticeLog._meta.fields]
    list_select_related = ["recipient"]
    actions = ["send_again"]

    @admin.action(description=_("Send the selected failed notices again"))
    def send_again(self, request, queryset):
        count = 0
        for notice in queryset.filter(status=NoticeLog.Status.FAILED):
            try:
                services.retry_notice(notice=notice)
                count += 1
            except DomainError:
                continue
        self.message_user(request, _("%(count)d notices will be sent again.") % {"count": count}, messages.SUCCESS)


@admin.register(NoticePreference)
class NoticePreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email_enabled"]
    list_filter = ["kind", "email_enabled"]
    search_fields = ["user__email"]


@admin.register(DigestCursor)
class DigestCursorAdmin(admin.ModelAdmin):
    list_display = ["kind", "covered_until", "last_run_at", "last_notices"]
    list_filter = ["kind"]
    search_fields = ["kind"]


@admin.register(DutyRun)
class DutyRunAdmin(admin.ModelAdmin):
    list_display = ("duty", "period", "status", "attempts", "started_at")
    list_filter = ("status", "duty")
    search_fields = ("duty", "period", "last_error")
