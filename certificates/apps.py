from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from people.qualification import register_hours_source  # noqa: PLC0415 - ready: registers once the app registry is ready

        from .qualification import done_certificate_hours, outside_certificate_hours  # noqa: PLC0415 - ready: registers once the app registry is ready

        register_hours_source("certificates", outside_certificate_hours, done=done_certificate_hours)
