from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

from kvalifikacija import lookups, viewer_cache
from kvalifikacija.text import clean_single_line_fields


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People and organisations")

    def ready(self):
        # Every model of the project: single-line text fields never store control characters.
        pre_save.connect(clean_single_line_fields, dispatch_uid="kv-single-line-fields")
        # Ids outside the database's range match nothing (a form error, never OverflowError/DataError).
        lookups.register()
        # Every write to the database bumps its tables' versions (the signed-in pages' cache).
        viewer_cache.install()
