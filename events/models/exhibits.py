"""Exhibits of an exhibition."""


from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import Event


def exhibit_photo_path(instance, filename):
    return f"exhibits/{instance.event_id}/{filename}"


class Exhibit(models.Model):
    """One work shown at an exhibition (an event of the form *paroda*)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exhibits", verbose_name=_("event"))
    title = models.CharField(_("title"), max_length=300)
    author = models.CharField(_("author"), max_length=300)
    school = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="exhibits", verbose_name=_("school"))
    photo = models.FileField(_("photo"), upload_to=exhibit_photo_path, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("exhibit")
        verbose_name_plural = _("exhibits")
        ordering = ["order", "id"]

    def __str__(self):
        return self.title
