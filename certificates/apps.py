from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from people.qualification import register_hours_source

        from .qualification import outside_certificate_hours

        register_hours_source("certificates", outside_certificate_hours)
