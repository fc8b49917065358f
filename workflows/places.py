"""Giving up a place, and the one way a place ends with what hangs on it.

Whoever ends a place (the teacher or the centre giving it up, the event cancelled or over, a seat
hold expired), the same things happen, in the caller's transaction: the place is cancelled (the one
cancel write, `events.services.registration.end_place`), a seat it held goes to the waiting list,
its leave request is closed as withdrawn, and the money committed for it is released.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from events.services import registration as places
from events.services.seats import retrying
from funding import services as funding
from funding.invoices import credit_cancelled_place
from leave import services as leave


def end_place_and_what_hangs_on(*, registration, by, reason="", leave_comment="") -> None:
    """End the place (`reason` kept on it), close its leave request (`leave_comment` the reason of the
    step) and release its money; each change in its history with `by` (None: the signed-in user whose
    request ended the place, or the system for a scheduled job). Safe on an ended place."""
    places.end_place(registration=registration, by=by, reason=reason)
    leave_request = leave.close_for_ended_place(
        registration=registration, by=by, reason=leave_comment or reason,
    )
    if leave_request is not None:
        funding.release_for(leave_request=leave_request, reason=leave_comment or reason)
    funding.release_for(registration=registration, reason=leave_comment or reason)
    credit_cancelled_place(registration=registration, by=by)


def give_up_place(*, registration, by, reason="", today=None):
    """The teacher (until the event starts) or centre staff (any time before completion) cancel a
    place; a freed seat goes at once to the first on the waiting list; its leave request and money
    end with it. A busy event lock is retried once, then answered with `TooBusy`."""
    places.check_cancellable(registration=registration, by=by, today=today)

    def give_up():
        with transaction.atomic():
            end_place_and_what_hangs_on(
                registration=registration, by=by, reason=reason,
                leave_comment=reason or str(_("The place was cancelled.")),
            )

    retrying(give_up)
    return registration
