"""Programmes, events with their sessions, the yearly plan, registrations and attendance."""

from datetime import date

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lithuanian.collation import lt_order
from people.models import Organisation, Role


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


class RegistrationQuerySet(models.QuerySet):
    def holding_seats(self):
        return self.filter(status__in=Registration.SEAT_HOLDING)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("waitlisted_at", "id")

    def counting(self):
        """Attended registrations whose hours count: a certificate revoked and not re-issued takes them away."""
        certificate = apps.get_model("certificates", "Certificate")
        mine = certificate.objects.filter(registration=OuterRef("pk"), kind="certificate")
        return self.filter(status=Registration.Status.ATTENDED).exclude(
            Exists(mine.filter(status="revoked")) & ~Exists(mine.filter(status="valid"))
        )


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        ATTENDED = "attended", _("attended")
        NO_SHOW = "no_show", _("did not attend")
        CANCELLED = "cancelled", _("cancelled")

    SEAT_HOLDING = (Status.PENDING, Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW)

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event"))
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("teacher")
    )
    school = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="registrations",
        verbose_name=_("school"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    needs_approval = models.BooleanField(_("needs the director's approval"), default=False)
    approved = models.BooleanField(_("approved by the director"), default=False)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.CharField(_("reason"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["teacher", "event"], name="unique_registration_per_teacher_event"),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.teacher} → {self.event}"

    @property
    def holds_seat(self):
        return self.status in self.SEAT_HOLDING

    @property
    def staff_actions(self) -> frozenset:
        """What centre staff may do with the place while the event is published (the registrants page
        asks this instead of comparing statuses): move a seat holder to the waiting list, give a waiting
        person a seat, cancel an active place."""
        S = self.Status
        actions = set()
        if self.status in (S.CONFIRMED, S.PENDING):
            actions.add("to_waiting")
        if self.status == S.WAITLISTED:
            actions.add("to_confirmed")
        if self.status in (S.CONFIRMED, S.PENDING, S.WAITLISTED):
            actions.add("cancel")
        return frozenset(actions)


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


class AttendanceMark(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendance")
    session = models.ForeignKey(EventSession, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"), default=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance mark")
        verbose_name_plural = _("attendance marks")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="unique_attendance_per_session"),
        ]


class ImportRun(models.Model):
    """One run of the plan import: who ran it, when, from which file, how many events it created and how
    many rows it skipped as imported before. Its events stay linked while they exist; staff may undo the
    run, which deletes those of them that are still drafts."""

    organiser = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="import_runs")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(_("file"), max_length=255)
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    deleted_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"


class ImportColumnMapping(models.Model):
    """A column of a centre's plan files mapped by hand on the import's mapping step, remembered for
    the next file: the header (folded) -> an import column, or "" to ignore it."""

    organiser = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="import_mappings")
    header = models.CharField(max_length=200)
    column = models.CharField(max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organiser", "header"], name="unique_import_mapping")]

    def __str__(self):
        return f"{self.header} → {self.column or '—'}"
