"""Taking a place and giving it up: registration, the rules for cancelling, the one write that ends
a place, and the director's approval of a held seat. What hangs on a place (its leave request, its
money) is ended by the workflows that call `end_place` (see `workflows.places`)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people import permissions

from ..models import Event, Registration
from .errors import AlreadyRegistered, CancellationClosed, NotATeacher, RegistrationClosed
from .seats import lock_event, notify_outcome, retrying, seat_status, seats_left
from .waiting_list import promote_from_waiting_list


def needs_leave_approval(event) -> bool:
    """A catalogue event needs the director's approval when it falls in working hours or costs money."""
    return not event.outside_working_hours or event.fee > 0


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

    return retrying(lambda: _take_place(
        event=event, teacher=teacher, school_id=school_id, needs_approval=needs_approval, added_by=added_by
    ))


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
                registration.status = seat_status(registration)
                registration.confirmed_at = now if registration.status == Registration.Status.CONFIRMED else None
                registration.waitlisted_at = None
            else:
                registration.status = Registration.Status.WAITLISTED
                registration.confirmed_at = None
                registration.waitlisted_at = now
            registration.save()
            transaction.on_commit(lambda: notify_outcome(registration))
    except IntegrityError:
        # A double click that raced past the check above: the unique constraint caught it.
        raise AlreadyRegistered() from None
    return registration


def check_cancellable(*, registration, by, today=None) -> None:
    """Who may give up a place, and until when: the teacher until the event starts, centre staff any
    time before completion; only a place still active at a published event. Raises `CancellationClosed`."""
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


def end_place(*, registration, by=None, reason="") -> bool:
    """The one write that ends a place (`by` None: the system): cancelled, when and why; a seat it
    held goes at once to the first on the waiting list while the event is still published. A place
    already cancelled is left as it is. Returns whether the place was ended now."""
    if registration.status == Registration.Status.CANCELLED:
        return False
    with transaction.atomic():
        held_seat = registration.holds_seat
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.cancelled_by = by
        registration.cancel_reason = reason[:300]
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])
        if held_seat and registration.event.status == Event.Status.PUBLISHED:
            promote_from_waiting_list(event=registration.event)
    return True


def active_registrations(*, event):
    """The places of an event not yet ended, with their teachers."""
    return list(
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("teacher", "event")
    )


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
            transaction.on_commit(lambda: notify_outcome(registration))
    return registration
