from django.contrib import admin

from .models import InfoPage


@admin.register(InfoPage)
class InfoPageAdmin(admin.ModelAdmin):
    list_display = ["title_lt", "slug", "order", "is_published", "updated_at"]
