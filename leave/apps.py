from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeaveConfig(AppConfig):
    name = "leave"
    verbose_name = _("Leave requests")

    def ready(self):
        from people.qualification import register_hours_source

        from .qualification import approved_request_hours

        register_hours_source("leave", approved_request_hours)
