from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from .page_cache import connect_signals  # noqa: PLC0415 - ready: signal handlers connect once the app registry is ready

        connect_signals()
