"""Seats: counting them, locking the event to take one, and telling the teacher where they stand.

Seats are never exceeded: every change that takes a seat locks the event row once per transaction,
just before the availability check; freeing a seat needs no lock, but promoting the next person does.
"""
import logging

from django.conf import settings
from django.db import OperationalError, connection
from django.db.models import Q

from notices.services import notify

from ..models import Event, Registration
from .errors import TooBusy

logger = logging.getLogger(__name__)


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
