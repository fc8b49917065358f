"""Events with their sessions, and the centre's yearly plan."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.models import Organisation, Role

from .. import permissions
from .programmes import DeliveryMode, Form, Programme, ProgrammeModule


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.COMPLETED])

    def open_for_catalogue(self):
        return self.exclude(status=Event.Status.DRAFT)


class Event(models.Model):
    """One run of a programme, or a stand-alone event."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    STATUS_BADGES = {Status.PUBLISHED: "primary", Status.DRAFT: "warning", Status.CANCELLED: "danger"}

    organiser = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, related_name="organised_events",
        verbose_name=_("organiser"),
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="events",
        verbose_name=_("programme"),
    )
    module = models.ForeignKey(
        ProgrammeModule, on_delete=models.PROTECT, null=True, blank=True, related_name="events",
        verbose_name=_("programme module"), help_text=_("Leave empty when the event runs the whole programme."),
    )
    provider = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="provided_events", verbose_name=_("provider"),
    )
    host_school = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="hosted_events",
        verbose_name=_("the school's own event"),
        help_text=_("A school's own event that the centre supports; the catalogue names the school."),
    )
    open_to_schools = models.ManyToManyField(
        "people.Organisation", blank=True, related_name="events_open_to", verbose_name=_("only for teachers of"),
        help_text=_("Leave empty for an event open to every school's teachers."),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    competences = models.TextField(_("competences developed"), blank=True)
    form = models.CharField(_("form"), max_length=30, choices=Form.choices, default=Form.SEMINAR)
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=20, choices=DeliveryMode.choices, default=DeliveryMode.IN_PERSON
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(
        _("online link"), max_length=500, blank=True, help_text=_("Shown only to registered participants.")
    )
    academic_hours = models.PositiveSmallIntegerField(_("academic hours"))
    seats = models.PositiveIntegerField(_("seats"), help_text=_("0 means no limit."))
    fee = models.DecimalField(_("fee, EUR"), max_digits=9, decimal_places=2, default=0)
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    plan_year = models.PositiveSmallIntegerField(_("plan year"))
    outside_working_hours = models.BooleanField(_("outside working hours"), default=False)
    audience_subjects = models.ManyToManyField(
        "people.Subject", blank=True, related_name="events", verbose_name=_("subjects")
    )
    audience_roles = models.JSONField(_("audience roles"), default=list, blank=True)
    audience_levels = models.JSONField(_("school levels"), default=list, blank=True)
    audience_note = models.CharField(_("target audience"), max_length=300, blank=True)
    lecturers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="events_lectured", verbose_name=_("lecturers")
    )
    lecturer_names = models.CharField(_("other lecturers"), max_length=300, blank=True)
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance needed for a certificate, %"), default=80
    )
    evaluation_required = models.BooleanField(
        _("evaluation required before the certificate download"), default=False
    )
    # Kept in step with the sessions by events.services so the catalogue can sort and filter by index.
    starts_on = models.DateField(_("starts on"), null=True, blank=True, db_index=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    import_run = models.ForeignKey(
        "events.ImportRun", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="events"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(academic_hours__gt=0), name="event_hours_positive"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="event_fee_not_negative"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_on"]), models.Index(fields=["plan_year", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    @property
    def audience_role_labels(self):
        return [str(Role(value).label) for value in self.audience_roles if value in Role.values]

    @property
    def audience_level_labels(self):
        levels = Organisation.SchoolLevel
        return [str(levels(value).label) for value in self.audience_levels if value in levels.values]

    @property
    def is_free(self):
        return self.fee == 0

    @property
    def places_can_change(self) -> bool:
        """Places are taken, moved and given up only while the event is published."""
        return self.status == self.Status.PUBLISHED

    @property
    def is_unlimited(self):
        return self.seats == 0

    def seats_left_given(self, taken) -> int | None:
        """Seats left when `taken` seats are held; None when the event has no seat limit."""
        return None if self.is_unlimited else max(self.seats - taken, 0)

    @property
    def is_remote(self):
        return self.delivery_mode in (DeliveryMode.REMOTE, DeliveryMode.BLENDED)

    # What the event's status allows: the services refuse anything else (`NotAllowedInStatus`), and
    # `allowed_actions` offers exactly these to the people who manage the event.
    @property
    def may_be_edited(self) -> bool:
        return self.status != self.Status.CANCELLED

    @property
    def may_be_published(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def may_be_deleted(self) -> bool:
        """Only a draft (the service also refuses one with registrations, money or certificates)."""
        return self.status == self.Status.DRAFT

    @property
    def may_be_completed(self) -> bool:
        """Only a published event (the service also waits until it has started)."""
        return self.status == self.Status.PUBLISHED

    @property
    def may_be_cancelled(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.PUBLISHED)

    @property
    def may_have_surveys(self) -> bool:
        """Its evaluation and follow-up surveys are made once it is published (and kept after)."""
        return self.status in (self.Status.PUBLISHED, self.Status.COMPLETED)

    @property
    def status_actions(self) -> frozenset:
        """What the status allows to those who manage the event: edit, publish, complete, delete, cancel,
        make its surveys.
        (The centre's cached event rows use it: every row there is the viewer's to manage.)"""
        return frozenset(name for name, allowed in (
            ("edit", self.may_be_edited), ("publish", self.may_be_published), ("complete", self.may_be_completed),
            ("delete", self.may_be_deleted), ("cancel", self.may_be_cancelled), ("surveys", self.may_have_surveys),
        ) if allowed)

    def allowed_actions(self, user) -> frozenset:
        """What `user` may do to the event now: `status_actions`, for centre staff of the organising centre."""
        return self.status_actions if permissions.can_manage_event(user, self) else frozenset()

    def registration_open_on(self, day: date) -> bool:
        if self.status != self.Status.PUBLISHED:
            return False
        if self.registration_deadline and day > self.registration_deadline:
            return False
        return not (self.starts_on and day > self.starts_on)


class EventSession(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event"))
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    place = models.CharField(_("place"), max_length=300, blank=True, help_text=_("If not the event's place."))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="session_end_after_start"),
        ]

    def __str__(self):
        return f"{self.date} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class YearPlan(models.Model):
    """The centre's yearly event plan; its PDF is built in the background by a Celery task."""

    class BuildStatus(models.TextChoices):
        NONE = "none", _("not built")
        QUEUED = "queued", _("queued")
        BUILDING = "building", _("building")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    organiser = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="year_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    # The director's order approving the plan (PATVIRTINTA … direktoriaus … įsakymu Nr. …), entered by the
    # centre's staff; the PDF leaves blanks to fill in by hand until they are entered.
    approval_order_number = models.CharField(_("number of the order approving the plan"), max_length=80,
                                             blank=True)
    approval_order_date = models.DateField(_("date of the order approving the plan"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    build_status = models.CharField(max_length=20, choices=BuildStatus.choices, default=BuildStatus.NONE)
    build_progress = models.PositiveSmallIntegerField(default=0)
    build_error = models.TextField(blank=True)
    pdf = models.FileField(upload_to="plans/", blank=True)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    # Set when an event of the plan changes after the PDF was built; cleared by a rebuild.
    is_stale = models.BooleanField(_("out of date"), default=False)
    # Set by the first change that asks for a rebuild (`services.plan.plan_changed`); while it is set,
    # later changes wait for that rebuild instead of queueing their own. Cleared when the build starts.
    rebuild_pending_since = models.DateTimeField(_("rebuild pending since"), null=True, blank=True)

    class Meta:
        verbose_name = _("yearly plan")
        verbose_name_plural = _("yearly plans")
        constraints = [models.UniqueConstraint(fields=["organiser", "year"], name="unique_plan_per_year")]
        ordering = ["-year"]

    def __str__(self):
        return f"{self.organiser} {self.year}"

    @property
    def is_updating(self) -> bool:
        """The built PDF is behind the events and a newer one is on its way (or due)."""
        return self.is_stale or self.rebuild_pending_since is not None or self.build_status in (
            self.BuildStatus.QUEUED, self.BuildStatus.BUILDING)
