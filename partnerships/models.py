"""The centre's partners (functions 4, 11, 12, 15): partner providers, partner networks of schools,
projects, and schools' own events that the centre supports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import permissions


class PartnerProvider(models.Model):
    """A partner provider (function 12): a university, another centre or a provider abroad; its
    organisation row (kind *provider*) is what programmes and events name."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("university or college")
        CENTRE = "centre", _("another education centre")
        ABROAD = "abroad", _("provider abroad")
        OTHER = "other", _("other provider")

    centre = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="partner_providers",
                               verbose_name=_("centre"))
    organisation = models.OneToOneField("people.Organisation", on_delete=models.PROTECT,
                                        related_name="partner_profile", verbose_name=_("provider"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.UNIVERSITY)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    agreement = models.CharField(_("co-operation agreement"), max_length=200, blank=True,
                                 help_text=_("Number and date of the agreement, if there is one."))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("partner provider")
        verbose_name_plural = _("partner providers")
        ordering = ["organisation__name"]

    def __str__(self):
        return str(self.organisation)


class Network(models.Model):
    """A partner network of schools (function 15): member schools, a coordinating school, goals and
    events; an event can be limited to the members' teachers."""

    centre = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="networks_run",
                               verbose_name=_("centre"))
    name = models.CharField(_("name"), max_length=200)
    goals = models.TextField(_("goals"), blank=True)
    coordinator = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="networks_coordinated", verbose_name=_("coordinating school"))
    contact_person = models.CharField(_("coordinator"), max_length=200, blank=True)
    members = models.ManyToManyField("people.Organisation", related_name="networks", verbose_name=_("member schools"))
    events = models.ManyToManyField("events.Event", blank=True, related_name="networks", verbose_name=_("events"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partner network")
        verbose_name_plural = _("partner networks")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="unique_network_name")]

    def __str__(self):
        return self.name


class Project(models.Model):
    """A project (function 4) with dates, partners, its funding source (won project funds) and events."""

    centre = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="projects",
                               verbose_name=_("centre"))
    title = models.CharField(_("title"), max_length=300)
    code = models.CharField(_("project code"), max_length=80, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    description = models.TextField(_("description"), blank=True)
    partners = models.ManyToManyField("people.Organisation", blank=True, related_name="partner_projects",
                                      verbose_name=_("partners"))
    funding_source = models.ForeignKey("funding.FundingSource", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="projects", verbose_name=_("funding source"))
    events = models.ManyToManyField("events.Event", blank=True, related_name="projects", verbose_name=_("events"))

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="project_ends_after_start"),
        ]

    def __str__(self):
        return self.title


class SchoolEventProposal(models.Model):
    """A school's own event proposed by its director or deputy for the centre's support (function 11)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for the centre")
        APPROVED = "approved", _("supported")
        DECLINED = "declined", _("declined")

    class Audience(models.TextChoices):
        OWN = "own", _("the school's own teachers")
        ALL = "all", _("teachers of every school")

    school = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="event_proposals",
                               verbose_name=_("school"))
    centre = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("centre"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    form = models.CharField(_("form"), max_length=30)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    place = models.CharField(_("place"), max_length=300)
    academic_hours = models.PositiveSmallIntegerField(_("academic hours"))
    seats = models.PositiveIntegerField(_("seats"), help_text=_("0 means no limit."))
    fee = models.DecimalField(_("fee, EUR"), max_digits=9, decimal_places=2, default=0)
    audience = models.CharField(_("open to"), max_length=10, choices=Audience.choices, default=Audience.OWN)
    support_requested = models.TextField(_("support asked for"), blank=True,
                                         help_text=_("Money, a lecturer, a room, certificates: what the school asks."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    # The centre's decision.
    support_money = models.DecimalField(_("money from the centre, EUR"), max_digits=9, decimal_places=2, default=0)
    support_lecturer = models.CharField(_("lecturer from the centre"), max_length=200, blank=True)
    support_room = models.CharField(_("room at the centre"), max_length=200, blank=True)
    support_certificates = models.BooleanField(_("the centre issues certificates"), default=False)
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    event = models.OneToOneField("events.Event", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="school_proposal")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("school's event proposal")
        verbose_name_plural = _("school's event proposals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="proposal_end_after_start"),
            models.CheckConstraint(condition=Q(academic_hours__gt=0), name="proposal_hours_positive"),
        ]

    def __str__(self):
        return self.title

    @property
    def may_be_decided(self) -> bool:
        """Approved or declined: only while it waits for the centre."""
        return self.status == self.Status.SUBMITTED

    def allowed_actions(self, user) -> frozenset:
        """What `user` may do with the proposal now: the centre's staff decide it (`decide`)."""
        if self.may_be_decided and permissions.can_decide_proposal(user, self):
            return frozenset({"decide"})
        return frozenset()
