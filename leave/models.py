"""Leave requests to the director, school priorities, recommendations and reports back."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class LeaveRequest(models.Model):
    """A teacher's request to the director (*prašymas direktoriui*) for a catalogue or an outside event."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for changes")
        COVER_AGREED = "cover_agreed", _("lesson cover agreed")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    OPEN = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.COVER_AGREED)
    PENDING_DECISION = (Status.SUBMITTED, Status.COVER_AGREED)

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="leave_requests", verbose_name=_("teacher")
    )
    school = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, related_name="leave_requests", verbose_name=_("school")
    )
    registration = models.OneToOneField(
        "events.Registration", on_delete=models.PROTECT, null=True, blank=True, related_name="leave_request",
        verbose_name=_("registration"),
    )
    # An outside event typed in by hand (used when there is no registration).
    title = models.CharField(_("event title"), max_length=300, blank=True)
    organiser_name = models.CharField(_("organiser"), max_length=300, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    country = models.CharField(_("country"), max_length=2, default="LT")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    academic_hours = models.PositiveSmallIntegerField(_("academic hours"))
    reason = models.TextField(_("reason and expected benefit"), blank=True)
    during_lessons = models.BooleanField(_("during lessons"), default=False)
    cover_plan = models.TextField(_("plan for the missed lessons"), blank=True)
    cost = models.DecimalField(_("cost, EUR"), max_digits=9, decimal_places=2, default=0)
    funding_source = models.ForeignKey(
        "funding.FundingSource", on_delete=models.PROTECT, null=True, blank=True, related_name="leave_requests",
        verbose_name=_("funding source asked for"),
    )
    # For an outside event the teacher says which school priority it serves; a catalogue event's ties
    # come from the school's priority list.
    priority = models.ForeignKey(
        "leave.SchoolPriority", on_delete=models.SET_NULL, null=True, blank=True, related_name="leave_requests",
        verbose_name=_("school priority it serves"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    deputy_comment = models.TextField(_("deputy's comment"), blank=True)
    cover_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cover_agreed_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leave request")
        verbose_name_plural = _("leave requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="leave_cost_not_negative"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="leave_ends_after_start"),
        ]
        indexes = [models.Index(fields=["school", "status"])]

    def __str__(self):
        return f"{self.teacher} – {self.event_title}"

    @property
    def event(self):
        return self.registration.event if self.registration_id else None

    @property
    def event_title(self):
        return self.registration.event.title if self.registration_id else self.title

    @property
    def is_abroad(self):
        return self.country.upper() != "LT"

    @property
    def is_open(self):
        return self.status in self.OPEN

    @property
    def is_free(self):
        return self.cost == 0

    @property
    def runs_outside_working_hours(self):
        if self.registration_id:
            return self.registration.event.outside_working_hours
        return not self.during_lessons

    @property
    def year(self):
        return self.starts_on.year


class SchoolPriority(models.Model):
    school = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="priorities", verbose_name=_("school")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("priority"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(pgettext_lazy("rank of a priority", "order"), default=0)
    events = models.ManyToManyField("events.Event", blank=True, related_name="school_priorities",
                                    verbose_name=_("events serving it"))

    class Meta:
        verbose_name = _("school priority")
        verbose_name_plural = _("school priorities")
        ordering = ["school", "year", "order", "id"]

    def __str__(self):
        return f"{self.year}: {self.title}"


class Recommendation(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="recommendations",
                              verbose_name=_("event"))
    school = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="recommendations")
    recommended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    teachers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="recommendations",
                                      verbose_name=_("teachers"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-created_at"]


class ReportBack(models.Model):
    """The teacher's report to the methodical group after an attended event."""

    teacher = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_back")
    registration = models.OneToOneField("events.Registration", on_delete=models.CASCADE, null=True, blank=True,
                                        related_name="report_back")
    leave_request = models.OneToOneField(LeaveRequest, on_delete=models.CASCADE, null=True, blank=True,
                                         related_name="report_back")
    reported_on = models.DateField(_("date of the report"))
    methodical_group = models.CharField(_("methodical group"), max_length=200)
    summary = models.TextField(_("summary"))
    materials = models.FileField(_("materials"), upload_to="reports/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report back")
        verbose_name_plural = _("reports back")
        ordering = ["-reported_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration__isnull=False) | Q(leave_request__isnull=False),
                name="report_back_has_subject",
            )
        ]


class SchoolQualificationPlan(models.Model):
    """How many qualification days the school planned for all its teachers in a year; the director is
    warned before approving beyond it."""

    school = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="qualification_plans", verbose_name=_("school")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    planned_days = models.DecimalField(_("planned qualification days"), max_digits=7, decimal_places=1)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("school's qualification plan")
        verbose_name_plural = _("schools' qualification plans")
        ordering = ["school", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "year"], name="unique_qualification_plan_per_year"),
            models.CheckConstraint(condition=Q(planned_days__gte=0), name="planned_days_not_negative"),
        ]

    def __str__(self):
        return f"{self.school} {self.year}: {self.planned_days}"
