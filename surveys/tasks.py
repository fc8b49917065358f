from celery import shared_task


@shared_task(acks_late=True)
def send_survey_invitations():
    """Daily: give recently completed events their surveys, then invite everyone entitled to an open
    survey they have not answered (each person once)."""
    from .services import ensure_recent_event_surveys
    from .services import send_survey_invitations as send

    ensure_recent_event_surveys()
    return send()


@shared_task(acks_late=True)
def ensure_event_surveys(event_id):
    """Make the standard evaluation and follow-up surveys of a completed event (idempotent)."""
    from events.models import Event

    from .services import ensure_event_surveys as ensure

    event = Event.objects.filter(pk=event_id).first()
    if event is not None and event.status == Event.Status.COMPLETED:
        ensure(event=event)
