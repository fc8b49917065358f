from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from people.qualification import register_hours_source

        from . import fragments, page_cache
        from .qualification import event_hours

        page_cache.connect_signals()
        fragments.connect_signals()
        register_hours_source("events", event_hours)
