"""The surveys app's periodic work: thin tasks that call a service, each idempotent."""

from celery import shared_task

from kvalifikacija.queue import IDEMPOTENT
from notices import duties

from . import services


def _invite(today):
    services.ensure_recent_event_surveys()
    return services.send_survey_invitations(today=today)


duties.register("survey-invitations", schedule=duties.Schedule("daily", hour=9, minute=30), work=_invite)


@shared_task(**IDEMPOTENT)
def send_survey_invitations(today=None):
    """Daily, the one survey-invitation job: give recently completed events their surveys, then invite
    everyone entitled to an open survey they have not answered (each person once)."""
    return duties.run_for_task("survey-invitations", today)
