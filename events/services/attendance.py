"""Attendance: marks per session, and the attended / no-show outcome by the event's threshold."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija import audit

from .. import permissions
from ..models import AttendanceMark, Event, Registration
from .errors import AttendanceClosed, AttendanceNotTaken


def attended_share(registration, session_count) -> int:
    """Percentage of the event's sessions the person was marked present at."""
    if not session_count:
        return 100
    present = sum(1 for mark in registration.attendance.all() if mark.present)
    return round(100 * present / session_count)


def on_event_completed(*, event, by, assume_present=False) -> dict:
    """Confirmed people become attended or no-show by the event's attendance threshold.

    A certificate depends on it, so when no attendance was taken at all the staff must say so
    explicitly (`assume_present`: everyone confirmed was present); otherwise AttendanceNotTaken.
    Pending and waiting places are ended by the completion workflow (`workflows.event_completion`),
    with their leave requests and money. Returns the counts.
    """
    sessions = event.sessions.count()
    taken = Registration.objects.filter(event=event, attendance__isnull=False).exists()
    if not taken and not assume_present and Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    ).exists():
        raise AttendanceNotTaken()
    counts = {"attended": 0, "no_show": 0}
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).prefetch_related(
        "attendance"
    )
    for registration in confirmed:
        if not taken or attended_share(registration, sessions) >= event.attendance_threshold:
            registration.status = Registration.Status.ATTENDED
            counts["attended"] += 1
        else:
            registration.status = Registration.Status.NO_SHOW
            counts["no_show"] += 1
        audit.attribute(registration, by=by, reason=_("The event was completed: attendance decides."))
        registration.save(update_fields=["status", "updated_at"])
    return counts


def unconfirmed_registrations(*, event):
    """The places of an event still pending or waiting (at completion they are ended)."""
    return list(
        Registration.objects.filter(
            event=event, status__in=[Registration.Status.PENDING, Registration.Status.WAITLISTED]
        ).select_related("teacher", "event")
    )


def session_started(session, *, now=None) -> bool:
    """Whether the session's start (its date and start time, local time) has come."""
    now = timezone.localtime(now or timezone.now())
    return (session.date, session.start_time) <= (now.date(), now.time())


def mark_attendance(*, session, present_ids, by, now=None) -> int:
    """Record who was present at one session: everyone holding a seat gets a mark, present or absent.
    A session that has not started yet cannot have attendance. Returns how many marks were written."""
    event = session.event
    event.refresh_from_db(fields=["status"])
    if not permissions.can_take_attendance(by, event):
        raise AttendanceClosed(_("You may not take attendance for this event."))
    if event.status not in (Event.Status.PUBLISHED, Event.Status.COMPLETED):
        raise AttendanceClosed()
    if not session_started(session, now=now):
        raise AttendanceClosed(_("Attendance can be taken once the session has started."))
    present_ids = {int(pk) for pk in present_ids}
    registrations = list(
        Registration.objects.filter(event=event, status__in=[
            Registration.Status.CONFIRMED, Registration.Status.ATTENDED, Registration.Status.NO_SHOW,
        ]).values_list("pk", flat=True)
    )
    with transaction.atomic():
        existing = {m.registration_id: m for m in AttendanceMark.objects.filter(session=session)}
        new, changed = [], []
        for pk in registrations:
            present = pk in present_ids
            mark = existing.get(pk)
            if mark is None:
                new.append(AttendanceMark(registration_id=pk, session=session, present=present, marked_by=by))
            elif mark.present != present:
                mark.present = present
                mark.marked_by = by
                mark.marked_at = timezone.now()
                changed.append(mark)
        AttendanceMark.objects.bulk_create(new, ignore_conflicts=True)
        AttendanceMark.objects.bulk_update(changed, ["present", "marked_by", "marked_at"])
        if event.status == Event.Status.COMPLETED:
            recompute_attendance_outcome(event=event)
    return len(registrations)


def recompute_attendance_outcome(*, event) -> int:
    """After a late correction of a completed event's attendance, attended and no-show follow the
    threshold again. People who already hold a valid certificate keep their status (revoke it first).
    Returns how many changed."""
    sessions = event.sessions.count()
    changed = 0
    regs = (
        Registration.objects.filter(event=event, status__in=[Registration.Status.ATTENDED,
                                                             Registration.Status.NO_SHOW])
        .exclude(certificates__status="valid")
        .prefetch_related("attendance")
    )
    for registration in regs:
        status = (
            Registration.Status.ATTENDED
            if attended_share(registration, sessions) >= event.attendance_threshold
            else Registration.Status.NO_SHOW
        )
        if status != registration.status:
            registration.status = status
            audit.attribute(registration, reason=_("Attendance was corrected after the event was completed."))
            registration.save(update_fields=["status", "updated_at"])
            changed += 1
    return changed
