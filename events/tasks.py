"""Celery tasks of the events app: thin, each calls a service and is idempotent. The beat schedule
(settings.CELERY_BEAT_SCHEDULE) runs one job per duty."""

import datetime as dt

from celery import shared_task
from django.conf import settings

from kvalifikacija.queue import IDEMPOTENT

from . import digests
from .services import reminders
from .services.plan import build_plan_pdf

PLAN_BUILD_RETRY_SECONDS = 60  # far below the broker's visibility timeout


def _day(value):
    return dt.date.fromisoformat(value) if value else None


@shared_task(bind=True, max_retries=3, acks_late=True, time_limit=settings.CELERY_LONG_TASK_TIME_LIMIT)
def build_year_plan_pdf(self, plan_id, force=False):
    """Build a yearly plan's PDF; idempotent (does nothing when the built PDF is still current)."""
    try:
        build_plan_pdf(plan_id=plan_id, force=force)
    except OSError as exc:  # a transient storage problem: try again a little later
        raise self.retry(exc=exc, countdown=PLAN_BUILD_RETRY_SECONDS * (self.request.retries + 1))


@shared_task(name="events.tasks.send_event_reminders", **IDEMPOTENT)
def send_event_reminders(today=None) -> int:
    """Daily: remind people a day before their event; `today` is an ISO date (default today). Safe to
    run twice: the notice log sends each reminder once."""
    return reminders.send_reminders(day=_day(today))


@shared_task(name="events.tasks.send_monthly_plan_digest", **IDEMPOTENT)
def send_monthly_plan_digest(today=None):
    return digests.send_monthly_plan_digest(today=_day(today))


@shared_task(name="events.tasks.send_new_events_digest", **IDEMPOTENT)
def send_new_events_digest():
    return digests.send_new_events_digest()


@shared_task(name="events.tasks.send_completed_programmes_digest", **IDEMPOTENT)
def send_completed_programmes_digest(today=None):
    return digests.send_completed_programmes_digest(today=_day(today))
