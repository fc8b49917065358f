"""Registration: seats, the waiting list and cancellation.

Seats are never exceeded: every change that takes a seat locks the event row once per transaction,
just before the availability check; freeing a seat needs no lock, but promoting the next person does.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from notices.services import notify
from people import permissions

from ..models import AttendanceMark, Event, EventSession, Registration

logger = logging.getLogger(__name__)


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


class TooBusy(RegistrationError):
    default_message = _("Many people are registering right now. Please try again in a moment.")


class NoSeatLeft(RegistrationError):
    default_message = _("No seat is free. Move someone to the waiting list or raise the seat count first.")


class InvalidMove(RegistrationError):
    default_message = _("This registration cannot be moved.")


class InvalidSeats(RegistrationError):
    default_message = _("The seat count cannot be lower than the seats already taken.")


class AttendanceNotTaken(RegistrationError):
    default_message = _(
        "No attendance was taken for this event. Mark attendance per session first, or confirm that "
        "everyone confirmed was present."
    )


class AttendanceClosed(RegistrationError):
    default_message = _("Attendance can be marked only for published or completed events.")


def _is_lock_timeout(exc) -> bool:
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) == "55P03" or "lock timeout" in str(exc).lower()


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
        return None  # no need to count
    return event.seats_left_given(seats_taken(event))


def waiting_position(registration) -> int | None:
    if registration.status != Registration.Status.WAITLISTED:
        return None
    # Ahead are those who joined earlier, and those who joined at the same instant with a lower id.
    ahead = Registration.objects.filter(
        Q(waitlisted_at__lt=registration.waitlisted_at) | Q(waitlisted_at=registration.waitlisted_at,
                                                           pk__lt=registration.pk),
        event_id=registration.event_id, status=Registration.Status.WAITLISTED,
    ).count()
    return ahead + 1


def _seat_status(registration):
    if registration.needs_approval and not registration.approved:
        return Registration.Status.PENDING
    return Registration.Status.CONFIRMED


def _notify_outcome(registration):
    """Tell the teacher where they stand; the key holds the moment of the change, so each outcome is told once."""
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
            context={
                "registration": registration, "event": registration.event,
                "position": waiting_position(registration),
            },
            link=registration.event.get_absolute_url(),
        )


def register(*, event, teacher, school=None, needs_approval=False, added_by=None, today=None) -> Registration:
    """Register a teacher: a seat if one is left, else the end of the waiting list.

    Registration is open only for published events before the deadline, and only to teachers of a
    school; centre staff adding a person by hand (`added_by`) may do so past the deadline. A lost race
    for the event's lock is retried once, then answered with a clean `TooBusy`, never a server error.
    """
    today = today or timezone.localdate()
    school_ids = permissions.teacher_school_ids(teacher)
    if not school_ids:
        raise NotATeacher()
    if school is None or school.pk not in school_ids:
        school_id = min(school_ids)
    else:
        school_id = school.pk
    if event.status != Event.Status.PUBLISHED:
        raise RegistrationClosed()
    if added_by is None and not event.registration_open_on(today):
        raise RegistrationClosed(_("The registration deadline has passed."))

    for attempt in (1, 2):
        try:
            return _take_place(
                event=event, teacher=teacher, school_id=school_id, needs_approval=needs_approval, added_by=added_by
            )
        except OperationalError as exc:
            if not _is_lock_timeout(exc):
                raise
            logger.warning("registration lock timeout on event %s (attempt %s)", event.pk, attempt)
    raise TooBusy()


def _take_place(*, event, teacher, school_id, needs_approval, added_by) -> Registration:
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
                registration.confirmed_at = None
                registration.waitlisted_at = now
            registration.save()
            transaction.on_commit(lambda: _notify_outcome(registration))
    except IntegrityError:
        # A double click that raced past the check above: the unique constraint caught it.
        raise AlreadyRegistered() from None
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
    if event.status != Event.Status.PUBLISHED:
        raise CancellationClosed()
    if not by_staff and event.starts_on and today >= event.starts_on:
        raise CancellationClosed(_("A place can be cancelled only before the event starts."))
    held_seat = registration.holds_seat

    def cancel():
        with transaction.atomic():
            registration.status = Registration.Status.CANCELLED
            registration.cancelled_at = timezone.now()
            registration.cancelled_by = by
            registration.cancel_reason = reason[:300]
            registration.save(
                update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason", "updated_at"]
            )
            _close_leave_and_money(registration, by, reason or str(_("The place was cancelled.")))
            if held_seat:
                promote_from_waiting_list(event=event)

    _retrying(cancel)
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
        if "status" in fields:  # a waiting person was told already; they hear again when promoted
            transaction.on_commit(lambda: _notify_outcome(registration))
    return registration


def _close_leave_and_money(registration, by, reason):
    """A place given up ends what hangs on it: its leave request is closed and its money released."""
    from funding.services import release_for
    from leave.services import on_registration_cancelled

    on_registration_cancelled(registration=registration, by=by, reason=reason)
    release_for(registration=registration)


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
        _close_leave_and_money(registration, by, str(_("The event was cancelled.")))
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


def on_event_completed(*, event, by, assume_present=False) -> dict:
    """Confirmed people become attended or no-show by the event's attendance threshold.

    A certificate depends on it, so when no attendance was taken at all the staff must say so
    explicitly (`assume_present`: everyone confirmed was present); otherwise AttendanceNotTaken.
    Pending and waiting registrations are closed as cancelled, with their leave requests and money.
    Returns the counts.
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
        registration.save(update_fields=["status", "updated_at"])
    now = timezone.now()
    for registration in Registration.objects.filter(
        event=event, status__in=[Registration.Status.PENDING, Registration.Status.WAITLISTED]
    ):
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = by
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by", "updated_at"])
        _close_leave_and_money(registration, by, str(_("The event took place without this place confirmed.")))
    return counts


def _retrying(operation):
    """Run `operation()`; a lock timeout is retried once, then answered with `TooBusy`."""
    for attempt in (1, 2):
        try:
            return operation()
        except OperationalError as exc:
            if not _is_lock_timeout(exc):
                raise
            logger.warning("registration lock timeout (attempt %s)", attempt)
    raise TooBusy()


def set_seats(*, event, seats, by=None) -> Event:
    """Change the seat count (0 = no limit); it cannot drop below the seats already taken, and every
    seat added goes at once to the waiting list, in order."""
    seats = int(seats)
    if seats < 0:
        raise InvalidSeats()

    def change():
        with transaction.atomic():
            locked = lock_event(event.pk)
            if seats and seats < seats_taken(locked):
                raise InvalidSeats()
            raised = locked.seats != 0 and (seats == 0 or seats > locked.seats)
            locked.seats = seats
            locked.save(update_fields=["seats", "updated_at"])
            if raised:
                promote_from_waiting_list(event=locked)
            return locked

    locked = _retrying(change)
    event.seats = locked.seats
    return locked


def move_to_waiting_list(*, registration, by) -> Registration:
    """Centre staff move a confirmed or pending person to the end of the waiting list; the freed seat
    goes at once to the first person waiting before them."""
    if not permissions.can_manage_event(by, registration.event):
        raise InvalidMove(_("You may not manage this event's registrations."))

    def move():
        with transaction.atomic():
            locked = lock_event(registration.event_id)
            current = Registration.objects.select_for_update().get(pk=registration.pk)
            if locked.status != Event.Status.PUBLISHED or current.status not in (
                Registration.Status.CONFIRMED, Registration.Status.PENDING,
            ):
                raise InvalidMove()
            waiting_before = list(Registration.objects.filter(event=locked).waiting().values_list("pk", flat=True))
            current.status = Registration.Status.WAITLISTED
            current.waitlisted_at = timezone.now()
            current.confirmed_at = None
            current.save(update_fields=["status", "waitlisted_at", "confirmed_at", "updated_at"])
            if waiting_before:
                promote_from_waiting_list(event=locked)
            return current

    moved = _retrying(move)
    registration.refresh_from_db()
    transaction.on_commit(lambda: _notify_outcome(moved))
    return registration


def move_to_confirmed(*, registration, by) -> Registration:
    """Centre staff give a waiting person a free seat out of turn; seats are never exceeded."""
    if not permissions.can_manage_event(by, registration.event):
        raise InvalidMove(_("You may not manage this event's registrations."))

    def move():
        with transaction.atomic():
            locked = lock_event(registration.event_id)
            current = Registration.objects.select_for_update().get(pk=registration.pk)
            if locked.status != Event.Status.PUBLISHED or current.status != Registration.Status.WAITLISTED:
                raise InvalidMove()
            left = seats_left(locked)
            if left is not None and left <= 0:
                raise NoSeatLeft()
            current.status = _seat_status(current)
            current.confirmed_at = timezone.now() if current.status == Registration.Status.CONFIRMED else None
            current.save(update_fields=["status", "confirmed_at", "updated_at"])
            transaction.on_commit(lambda: _notify_outcome(current))
            return current

    _retrying(move)
    registration.refresh_from_db()
    return registration


def mark_attendance(*, session, present_ids, by) -> int:
    """Record who was present at one session: everyone holding a seat gets a mark, present or absent.
    Returns how many marks were written."""
    event = session.event
    event.refresh_from_db(fields=["status"])
    if not permissions.can_take_attendance(by, event):
        raise AttendanceClosed(_("You may not take attendance for this event."))
    if event.status not in (Event.Status.PUBLISHED, Event.Status.COMPLETED):
        raise AttendanceClosed()
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
            registration.save(update_fields=["status", "updated_at"])
            changed += 1
    return changed


def reminders_due(*, day):
    """Registrations holding a seat at published events that start the day after `day`."""
    return (
        Registration.objects.filter(
            event__status=Event.Status.PUBLISHED, event__starts_on=day + dt.timedelta(days=1),
            status__in=[Registration.Status.CONFIRMED, Registration.Status.PENDING],
        )
        .select_related("teacher", "event")
        .order_by("event_id", "id")
    )


def send_reminders(*, day=None) -> int:
    """Remind everyone holding a seat a day before the event starts; each person once per event.
    Returns how many reminders were sent now."""
    day = day or timezone.localdate()
    sent = 0
    for registration in reminders_due(day=day):
        event = registration.event
        first_session = EventSession.objects.filter(event=event).order_by("date", "start_time").first()
        notice = notify(
            kind="event_reminder",
            recipient=registration.teacher,
            key=f"event_reminder:{event.pk}:{registration.teacher_id}:{event.starts_on.isoformat()}",
            context={"registration": registration, "event": event, "session": first_session},
            link=event.get_absolute_url(),
        )
        if notice is not None:
            sent += 1
    return sent
