from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from .collation import install_on_sqlite


class LithuanianConfig(AppConfig):
    """Lithuanian as schools write it: one place for number, money, date and day formats, names
    (gender, vocative), alphabetical order and diacritic-free search. Infrastructure: imports no
    domain app."""

    name = "lithuanian"
    verbose_name = _("Lithuanian language")

    def ready(self):
        connection_created.connect(install_on_sqlite, dispatch_uid="lithuanian_sqlite_functions")
