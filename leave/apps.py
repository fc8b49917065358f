from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeaveConfig(AppConfig):
    name = "leave"
    verbose_name = _("Leave requests")

    def ready(self):
        from people.qualification import register_hours_source  # noqa: PLC0415 - ready: registers once the app registry is ready

        from .qualification import approved_request_hours  # noqa: PLC0415 - ready: registers once the app registry is ready

        register_hours_source("leave", approved_request_hours)
