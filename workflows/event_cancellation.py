"""Cancelling an event: the event's own change, then every place ended with its leave request and
money, and each teacher told; all in one transaction (a failure anywhere leaves the event as it was)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from events.services import events as event_services
from events.services import registration as places
from notices.services import notify

from .places import end_place_and_what_hangs_on


def cancel_event(*, event, by, reason):
    """Cancel a draft or published event with a reason; every active place is ended and its teacher
    told once the transaction commits."""
    with transaction.atomic():
        event = event_services.cancel_event(event=event, by=by, reason=reason)
        end_registrations(event=event, by=by)
    return event


def end_registrations(*, event, by) -> int:
    """Every active place of the cancelled event ends (the event's reason kept on it); returns how many."""
    active = places.active_registrations(event=event)
    for registration in active:
        end_place_and_what_hangs_on(
            registration=registration, by=by, reason=event.cancel_reason or "",
            leave_comment=str(_("The event was cancelled.")),
        )
        transaction.on_commit(
            lambda r=registration: notify(
                kind="event_cancelled", recipient=r.teacher, key=f"event_cancelled:{r.event_id}:{r.teacher_id}",
                context={"registration": r, "event": r.event}, link=r.event.get_absolute_url(),
                centre_id=r.event.organiser_id,
            )
        )
    return len(active)
