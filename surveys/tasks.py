"""The surveys app's periodic work: thin tasks that call a service, each idempotent."""

import datetime as dt

from celery import shared_task

from kvalifikacija.queue import IDEMPOTENT

from . import services


@shared_task(**IDEMPOTENT)
def send_survey_invitations(today=None):
    """Daily, the one survey-invitation job: give recently completed events their surveys, then invite
    everyone entitled to an open survey they have not answered (each person once)."""
    services.ensure_recent_event_surveys()
    return services.send_survey_invitations(today=dt.date.fromisoformat(today) if today else None)

