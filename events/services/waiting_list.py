"""The waiting list: promotion in order when a seat frees or the seat count rises, and the centre
staff's moves of a person between a seat and the list."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija import audit
from kvalifikacija.locks import lock_row
from notices.services import notify

from .. import permissions
from ..models import Event, Registration
from .errors import InvalidMove, InvalidSeats, NoSeatLeft
from .seats import lock_event, notify_outcome, retrying, seat_status, seats_left, seats_taken


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
            registration.status = seat_status(registration)
            registration.confirmed_at = now if registration.status == Registration.Status.CONFIRMED else None
            audit.attribute(registration, reason=_("A seat became free: the first on the waiting list takes it."))
            registration.save(update_fields=["status", "confirmed_at", "updated_at"])
            promoted.append(registration)
        for registration in promoted:
            transaction.on_commit(
                lambda r=registration: notify(
                    kind="registration_promoted",
                    recipient=r.teacher,
                    key=f"registration_promoted:{r.pk}:{r.updated_at.isoformat()}",
                    context={"registration": r, "event": r.event}, centre_id=r.event.organiser_id,
                    link=r.event.get_absolute_url(),
                )
            )
    return promoted


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

    locked = retrying(change)
    event.seats = locked.seats
    return locked


def _staff_move(*, registration, by, from_statuses, change) -> Registration:
    """A centre staff member's move of one place, under the event's lock: only while the event is
    published and the place is in one of `from_statuses`; `change(locked_event, place)` makes the move.
    The teacher is told where they stand once it commits."""
    if not permissions.can_manage_event(by, registration.event):
        raise InvalidMove(_("You may not manage this event's registrations."))

    def move():
        with transaction.atomic():
            locked = lock_event(registration.event_id)
            current = lock_row(registration)
            if locked.status != Event.Status.PUBLISHED or current.status not in from_statuses:
                raise InvalidMove()
            audit.attribute(current, by=by)
            change(locked, current)
            transaction.on_commit(lambda: notify_outcome(current))
            return current

    retrying(move)
    registration.refresh_from_db()
    return registration


def move_to_waiting_list(*, registration, by) -> Registration:
    """Centre staff move a confirmed or pending person to the end of the waiting list; the freed seat
    goes at once to the first person waiting before them."""

    def to_waiting(locked, current):
        waiting_before = Registration.objects.filter(event=locked).waiting().exists()
        current.status = Registration.Status.WAITLISTED
        current.waitlisted_at = timezone.now()
        current.confirmed_at = None
        current.save(update_fields=["status", "waitlisted_at", "confirmed_at", "updated_at"])
        if waiting_before:
            promote_from_waiting_list(event=locked)

    return _staff_move(registration=registration, by=by, change=to_waiting,
                       from_statuses=(Registration.Status.CONFIRMED, Registration.Status.PENDING))


def move_to_confirmed(*, registration, by) -> Registration:
    """Centre staff give a waiting person a free seat out of turn; seats are never exceeded."""

    def to_seat(locked, current):
        left = seats_left(locked)
        if left is not None and left <= 0:
            raise NoSeatLeft()
        current.status = seat_status(current)
        current.confirmed_at = timezone.now() if current.status == Registration.Status.CONFIRMED else None
        current.save(update_fields=["status", "confirmed_at", "updated_at"])

    return _staff_move(registration=registration, by=by, change=to_seat,
                       from_statuses=(Registration.Status.WAITLISTED,))
