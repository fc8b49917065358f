"""Programmes (the accredited content) and their modules; the forms and delivery modes of events."""


from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lithuanian.collation import lt_order


class Form(models.TextChoices):
    COURSE = "kursai", _("course")
    SEMINAR = "seminaras", _("seminar")
    CONFERENCE = "konferencija", _("conference")
    LECTURE = "paskaita", _("lecture")
    WORKSHOP = "dirbtuves", _("practical seminar / workshop")
    TRIP = "isvyka", _("educational trip")
    INTERNSHIP = "stazuote", _("internship")
    WEBINAR = "vebinaras", _("webinar")
    LONG_PROGRAMME = "ilgalaike", _("long-term programme")
    ROUND_TABLE = "apskritasis_stalas", _("round table")
    GOOD_PRACTICE = "gerosios_patirties", _("good practice sharing")
    EXHIBITION = "paroda", _("exhibition")
    OTHER = "kita", _("other")


class DeliveryMode(models.TextChoices):
    IN_PERSON = "kontaktinis", _("in person")
    REMOTE = "nuotolinis", _("remote")
    BLENDED = "misrus", _("blended")


class Programme(models.Model):
    """A qualification programme the centre prepares or offers from another provider."""

    owner = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, related_name="programmes", verbose_name=_("centre"),
    )
    provider = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="provided_programmes", verbose_name=_("provider"),
        help_text=_("Leave empty when the centre itself is the provider."),
    )
    title = models.CharField(_("title"), max_length=300)
    registry_code = models.CharField(
        _("registry code"), max_length=60, blank=True,
        help_text=_("The national non-formal education programme registry code, where it has one."),
    )
    academic_hours = models.PositiveSmallIntegerField(_("academic hours"))
    description = models.TextField(_("description"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    competences = models.TextField(_("competences developed"), blank=True)
    target_audience = models.TextField(_("target audience"), blank=True)
    lecturers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="programmes_lectured", verbose_name=_("lecturers")
    )
    lecturer_names = models.CharField(
        _("other lecturers"), max_length=300, blank=True, help_text=_("Lecturers who have no account here.")
    )
    accreditation_reference = models.CharField(_("accreditation reference"), max_length=200, blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = [lt_order("title")]
        constraints = [
            models.CheckConstraint(condition=Q(academic_hours__gt=0), name="programme_hours_positive"),
        ]

    def __str__(self):
        return f"{self.title} ({self.registry_code})" if self.registry_code else self.title


class ProgrammeModule(models.Model):
    """A part of a long programme with its own hours; an event can run one module or the whole programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("title"), max_length=300)
    academic_hours = models.PositiveSmallIntegerField(_("academic hours"))
    is_optional = models.BooleanField(_("optional"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("programme module")
        verbose_name_plural = _("programme modules")
        ordering = ["programme", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(academic_hours__gt=0), name="module_hours_positive"),
        ]

    def __str__(self):
        return self.title
