"""The events app's reminders: a day before the event, to everyone holding a seat."""
import datetime as dt

from django.utils import timezone

from notices.services import notify

from ..models import Event, EventSession, Registration


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
            link=event.get_absolute_url(), centre_id=event.organiser_id,
        )
        if notice is not None:
            sent += 1
    return sent
