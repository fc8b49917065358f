"""Expiring seats held for the director's approval when the leave request never came."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from leave import services as leave
from notices.services import notify

from .places import end_place_and_what_hangs_on


def expire_held_seats(*, today=None, hold_days=leave.SEAT_HOLD_DAYS) -> int:
    """A seat held for the director's approval is not kept forever: when the teacher has not submitted
    the leave request within `hold_days` of registering (or by the registration deadline), the seat is
    released to the waiting list, a draft request is closed, and the teacher told. Returns how many."""
    released = 0
    for registration in leave.expired_seat_holds(today=today, hold_days=hold_days):
        with transaction.atomic():
            end_place_and_what_hangs_on(
                registration=registration, by=None,
                reason=str(_("The leave request was not submitted in time.")),
                leave_comment=str(_("Not submitted in time; the seat was released.")),
            )
            notify(kind="seat_hold_expired", recipient=registration.teacher,
                   key=f"seat_hold_expired:{registration.pk}:{registration.created_at.isoformat()}",
                   context={"registration": registration, "event": registration.event, "hold_days": hold_days},
                   link=registration.event.get_absolute_url(), centre_id=registration.event.organiser_id)
        released += 1
    return released
