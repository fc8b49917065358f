"""Completing an event: attendance decides who attended, the places never confirmed end with their
leave requests and money, and the event gets its evaluation and follow-up surveys; all in one
transaction."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from events.services import attendance
from events.services import events as event_services
from surveys.services import ensure_event_surveys

from .places import end_place_and_what_hangs_on


def complete_event(*, event, by, today=None, assume_present=False):
    """A published event that has started is marked completed; confirmed people become attended or
    no-show by the attendance threshold, pending and waiting places are ended, and the event's
    evaluation survey (with its follow-up) is made, so where the event requires the evaluation no
    certificate can be downloaded before the participant has answered it."""
    with transaction.atomic():
        event = event_services.mark_completed(event=event, by=by, today=today)
        settle_places(event=event, by=by, assume_present=assume_present)
        ensure_event_surveys(event=event)
    return event


def settle_places(*, event, by, assume_present=False) -> dict:
    """Confirmed people become attended or no-show (`events.services.attendance.on_event_completed`,
    which refuses when no attendance was taken unless `assume_present`); pending and waiting places end
    with their leave requests and money. Returns the attended / no-show counts."""
    counts = attendance.on_event_completed(event=event, by=by, assume_present=assume_present)
    for registration in attendance.unconfirmed_registrations(event=event):
        end_place_and_what_hangs_on(
            registration=registration, by=by,
            leave_comment=str(_("The event took place without this place confirmed.")),
        )
    return counts
