"""Celery tasks of registration (reminders and the like); imported by events/tasks.py."""

import datetime as dt

from celery import shared_task

__all__ = ["send_event_reminders_for"]


@shared_task(name="events.tasks.send_event_reminders_for", acks_late=True)
def send_event_reminders_for(day=None) -> int:
    """Remind people a day before their event; `day` is an ISO date (default today). Safe to run twice:
    the notice log sends each reminder once."""
    from .services.reminders import send_reminders

    return send_reminders(day=dt.date.fromisoformat(day) if day else None)
