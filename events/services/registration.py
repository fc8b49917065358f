"""Registration: seats, the waiting list and cancellation.

Seats are never exceeded: every change that takes a seat locks the event row once per transaction,
just before the availability check; freeing a seat needs no lock, but promoting the next person does.
"""

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from notices.services import notify
from people import permissions

from ..models import Event, Registration


class RegistrationError(DomainError):
    pass


class RegistrationClosed(RegistrationError):
    default_message = _("Registration for this event is closed.")


class NotATeacher(RegistrationError):
    default_message = _("Only teachers of the district's schools can register for events.")


class AlreadyRegistered(RegistrationError):
    default_message = _("You are already registered for this event.")


class CancellationClosed(RegistrationError):
    default_message = _("This registration can no longer be cancelled.")


def lock_event(event_id) -> Event:
    """Lock the event row for the rest of the transaction, with a short lock timeout on PostgreSQL."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = %s", [f"{settings.REGISTRATION_LOCK_TIMEOUT_MS}ms"])
    return Event.objects.select_for_update().get(pk=event_id)


def seats_taken(event) -> int:
    return Registration.objects.filter(event=event).holding_seats().count()


def seats_left(event) -> int | None:
    """None when the event has no seat limit."""
    if event.is_unlimited:
        return None
    return max(event.seats - seats_taken(event), 0)


def waiting_position(registration) -> int | None:
    if registration.status != Registration.Status.WAITLISTED:
        return None
    return (
        Registration.objects.filter(event_id=registration.event_id, status=Registration.Status.WAITLISTED)
        .filter(waitlisted_at__lt=registration.waitlisted_at)
        .count()
        + Registration.objects.filter(
            event_id=registration.event_id, status=Registration.Status.WAITLISTED,
            waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk,
        ).count()
        + 1
    )


def _seat_status(registration):
    if registration.needs_approval and not registration.approved:
        return Registration.Status.PENDING
    return Registration.Status.CONFIRMED


def _notify_outcome(registration):
    kind = {
        Registration.Status.CONFIRMED: "registration_confirmed",
        Registration.Status.PENDING: "registration_pending",
        Registration.Status.WAITLISTED: "registration_waitlisted",
    }.get(registration.status)
    if kind:
        notify(
            kind=kind,
            recipient=registration.teacher,
            key=f"{kind}:{registration.pk}:{registration.updated_at.isoformat()}",
            context={"registration": registration, "event": registration.event},
            link=registration.event.get_absolute_url(),
        )


def register(*, event, teacher, school=None, needs_approval=False, added_by=None, today=None) -> Registration:
    """Register a teacher: a seat if one is left, else the end of the waiting list.

    Registration is open only for published events before the deadline, and only to teachers of a
    school; centre staff adding a person by hand (`added_by`) may do so past the deadline.
    """
    today = today or timezone.localdate()
    school_ids = permissions.teacher_school_ids(teacher)
    if not school_ids:
        raise NotATeacher()
    if school is None or school.pk not in school_ids:
        school_id = min(school_ids)
    else:
        school_id = school.pk
    if event.status != Event.Status.PUBLISHED or (added_by is None and not event.registration_open_on(today)):
        raise RegistrationClosed()

    try:
        with transaction.atomic():
            locked = lock_event(event.pk)
            if locked.status != Event.Status.PUBLISHED:
                raise RegistrationClosed()
            existing = Registration.objects.filter(event=locked, teacher=teacher).first()
            if existing and existing.status != Registration.Status.CANCELLED:
                raise AlreadyRegistered()
            registration = existing or Registration(event=locked, teacher=teacher)
            registration.school_id = school_id
            registration.needs_approval = needs_approval
            registration.approved = False
            registration.added_by = added_by
            registration.cancelled_at = None
            registration.cancelled_by = None
            registration.cancel_reason = ""
            left = seats_left(locked)
            now = timezone.now()
            if left is None or left > 0:
                registration.status = _seat_status(registration)
                registration.confirmed_at = now if registration.status == Registration.Status.CONFIRMED else None
                registration.waitlisted_at = None
            else:
                registration.status = Registration.Status.WAITLISTED
                registration.waitlisted_at = now
            registration.save()
            transaction.on_commit(lambda: _notify_outcome(registration))
    except IntegrityError:
        # A double click that raced past the check above: the unique constraint caught it.
        raise AlreadyRegistered()
    return registration


def promote_from_waiting_list(*, event) -> list[Registration]:
    """Give every free seat to the first people on the waiting list, in order; returns those promoted.
    An approval already given is kept, so nobody is asked to approve twice."""
    promoted = []
    with transaction.atomic():
        locked = lock_event(event.pk)
        if locked.status != Event.Status.PUBLISHED:
            return []
        left = seats_left(locked)
        waiting = Registration.objects.filter(event=locked).waiting()
        if left is not None:
            waiting = waiting[:left]
        now = timezone.now()
        for registration in waiting:
            registration.status = _seat_status(registration)
            registration.confirmed_at = now if registration.status == Registration.Status.CONFIRMED else None
            registration.save(update_fields=["status", "confirmed_at", "updated_at"])
            promoted.append(registration)
        for registration in promoted:
            transaction.on_commit(
                lambda r=registration: notify(
                    kind="registration_promoted",
                    recipient=r.teacher,
                    key=f"registration_promoted:{r.pk}:{r.updated_at.isoformat()}",
                    context={"registration": r, "event": r.event},
                    link=r.event.get_absolute_url(),
                )
            )
    return promoted


def cancel_registration(*, registration, by, reason="", today=None) -> Registration:
    """Cancel a place (the teacher until the event starts, centre staff any time before completion);
    a freed seat goes at once to the first on the waiting list."""
    today = today or timezone.localdate()
    if not permissions.can_cancel_registration(by, registration):
        raise CancellationClosed(_("You may not cancel this registration."))
    by_staff = permissions.can_manage_event(by, registration.event)
    if registration.status in (Registration.Status.CANCELLED, Registration.Status.ATTENDED,
                               Registration.Status.NO_SHOW):
        raise CancellationClosed()
    event = registration.event
    if not by_staff and event.starts_on and today >= event.starts_on:
        raise CancellationClosed(_("A place can be cancelled only before the event starts."))
    with transaction.atomic():
        held_seat = registration.holds_seat
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.cancelled_by = by
        registration.cancel_reason = reason
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])
        if held_seat:
            promote_from_waiting_list(event=event)
    return registration


def approve_registration(*, registration) -> Registration:
    """The director's approval of the leave confirms a pending seat; a waiting registration keeps the
    approval for when it is promoted."""
    with transaction.atomic():
        registration.approved = True
        fields = ["approved", "updated_at"]
        if registration.status == Registration.Status.PENDING:
            registration.status = Registration.Status.CONFIRMED
            registration.confirmed_at = timezone.now()
            fields += ["status", "confirmed_at"]
        registration.save(update_fields=fields)
        transaction.on_commit(lambda: _notify_outcome(registration))
    return registration


def release_seat(*, registration, reason="") -> Registration:
    """Release a seat on behalf of the system (a leave request rejected or withdrawn); no permission
    check here: the calling service has made its own. The waiting list moves at once."""
    if registration.status == Registration.Status.CANCELLED:
        return registration
    with transaction.atomic():
        held_seat = registration.holds_seat
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.cancel_reason = reason[:300]
        registration.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
        if held_seat:
            promote_from_waiting_list(event=registration.event)
    return registration


def on_event_cancelled(*, event, by) -> int:
    """Every active registration of a cancelled event is cancelled and its teacher told; returns how many."""
    active = list(
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("teacher", "event")
    )
    now = timezone.now()
    for registration in active:
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = by
        registration.cancel_reason = (event.cancel_reason or "")[:300]
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])
        transaction.on_commit(
            lambda r=registration: notify(
                kind="event_cancelled", recipient=r.teacher, key=f"event_cancelled:{r.event_id}:{r.teacher_id}",
                context={"registration": r, "event": r.event}, link=r.event.get_absolute_url(),
            )
        )
    return len(active)


def attended_share(registration, session_count) -> int:
    """Percentage of the event's sessions the person was marked present at."""
    if not session_count:
        return 100
    present = sum(1 for mark in registration.attendance.all() if mark.present)
    return round(100 * present / session_count)


def on_event_completed(*, event, by) -> dict:
    """Confirmed people become attended or no-show by the event's attendance threshold.

    When no attendance was taken at all, everyone confirmed is counted as attended. Pending and
    waiting registrations are closed as cancelled. Returns the counts.
    """
    sessions = event.sessions.count()
    taken = Registration.objects.filter(event=event, attendance__isnull=False).exists()
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
        registration.save(update_fields=["status", "updated_at"])
    Registration.objects.filter(
        event=event, status__in=[Registration.Status.PENDING, Registration.Status.WAITLISTED]
    ).update(status=Registration.Status.CANCELLED, cancelled_at=timezone.now(), cancelled_by=by)
    return counts
