from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from people.qualification import register_hours_source  # noqa: PLC0415 - ready: registers once the app registry is ready

        from . import fragments, page_cache  # noqa: PLC0415 - ready: signal handlers connect once the app registry is ready
        from .qualification import done_event_hours, event_hours  # noqa: PLC0415 - ready: registers once the app registry is ready

        page_cache.connect_signals()
        fragments.connect_signals()
        register_hours_source("events", event_hours, done=done_event_hours)
