"""Seats: counting them, locking the event to take one, and telling the teacher where they stand.

Seats are never exceeded: every change that takes a seat locks the event row once per transaction,
just before the availability check; freeing a seat needs no lock, but promoting the next person does.
"""
from django.db.models import Q

from kvalifikacija.locks import retry_on_busy_lock, set_short_lock_timeout
from notices.services import notify

from ..models import Event, Registration
from .errors import TooBusy


def lock_event(event_id) -> Event:
    """Lock the event row for the rest of the transaction, with a short lock timeout on PostgreSQL."""
    set_short_lock_timeout()
    return Event.objects.select_for_update().get(pk=event_id)


def retrying(operation):
    """Run `operation()` (one transaction that locks an event); a busy lock is retried once, then
    answered with `TooBusy`."""
    return retry_on_busy_lock(operation, busy=TooBusy, what="an event's seats")


def seats_taken(event) -> int:
    return Registration.objects.filter(event=event).holding_seats().count()


def seats_left(event) -> int | None:
    """None when the event has no seat limit."""
    if event.is_unlimited:
        return None  # no need to count
    return event.seats_left_given(seats_taken(event))


def remember_waiting_position(registration, position) -> None:
    """The place on the waiting list that the sign-up's own statement found, for `position_on_joining`."""
    registration._kv_position_on_joining = position


def position_on_joining(registration) -> int | None:
    """The place on the waiting list of a registration that has just joined it (for its notice and the
    message that follows the sign-up): the one its sign-up found, else counted now."""
    remembered = getattr(registration, "_kv_position_on_joining", None)
    if remembered is not None and registration.status == Registration.Status.WAITLISTED:
        return remembered
    return waiting_position(registration)


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


def seat_status(registration):
    if registration.needs_approval and not registration.approved:
        return Registration.Status.PENDING
    return Registration.Status.CONFIRMED


def notify_outcome(registration):
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
            context={"registration": registration, "event": registration.event},
            link=registration.event.get_absolute_url(), centre_id=registration.event.organiser_id,
        )
