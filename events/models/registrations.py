"""Registrations (a teacher's place at an event) and attendance marks."""


from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import permissions
from .events import Event, EventSession


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
    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

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
    history = HistoricalRecords()

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
    def may_be_given_up(self) -> bool:
        """An active place (held, confirmed or waiting) at a published event; the service
        (`check_cancellable`) refuses any other, and the teacher only until the event starts."""
        return self.status in self.ACTIVE and self.event.places_can_change

    def allowed_actions(self, user) -> frozenset:
        """What `user` may do with this place now: give it up (`cancel`)."""
        if self.may_be_given_up and permissions.can_cancel_registration(user, self):
            return frozenset({"cancel"})
        return frozenset()

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
        if self.status in self.ACTIVE:
            actions.add("cancel")
        return frozenset(actions)


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
