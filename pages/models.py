"""The centre's information pages (requalification possibilities, how to register, contacts), written
by centre staff in Markdown, in Lithuanian and English."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class InfoPage(models.Model):
    slug = models.SlugField(_("address"), max_length=80, unique=True,
                            help_text=_("The page's address: /informacija/<address>/ (Latin letters, digits, hyphens)."))
    title_lt = models.CharField(_("title in Lithuanian"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    body_lt = models.TextField(_("text in Lithuanian (Markdown)"))
    body_en = models.TextField(_("text in English (Markdown)"), blank=True,
                               help_text=_("Leave empty to show the Lithuanian text in English too."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
        ordering = ["order", "title_lt"]

    def __str__(self):
        return self.title_lt

    def get_absolute_url(self):
        return reverse("pages:page", args=[self.slug])

    @property
    def title(self):
        """The title in the current language (Lithuanian when there is no English one)."""
        return self.title_en if get_language() == "en" and self.title_en else self.title_lt

    @property
    def body(self):
        return self.body_en if get_language() == "en" and self.body_en else self.body_lt
