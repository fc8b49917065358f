"""Celery tasks of the events app: thin, each calls a service and is idempotent. The beat schedule
(settings.CELERY_BEAT_SCHEDULE) runs one job per duty."""


from celery import shared_task
from django.conf import settings

from kvalifikacija.queue import IDEMPOTENT
from notices import duties

from . import digests
from .services import reminders
from .services.plan import build_plan_pdf

PLAN_BUILD_RETRY_SECONDS = 60  # far below the broker's visibility timeout



@shared_task(bind=True, max_retries=3, acks_late=True, time_limit=settings.CELERY_LONG_TASK_TIME_LIMIT)
def build_year_plan_pdf(self, plan_id, force=False):
    """Build a yearly plan's PDF; idempotent (does nothing when the built PDF is still current)."""
    try:
        build_plan_pdf(plan_id=plan_id, force=force)
    except OSError as exc:  # a transient storage problem: try again a little later
        raise self.retry(exc=exc, countdown=PLAN_BUILD_RETRY_SECONDS * (self.request.retries + 1))


# The events app's periodic duties (schedules match CELERY_BEAT_SCHEDULE); each run is recorded per
# period and survives a killed worker (notices.duties).
duties.register("monthly-plan-digest", schedule=duties.Schedule("monthly", day=20, hour=8),
                work=lambda today: digests.send_monthly_plan_digest(today=today))
duties.register("new-events-digest", schedule=duties.Schedule("weekly", weekday=0, hour=7, minute=30),
                work=lambda today: digests.send_new_events_digest())
duties.register("completed-programmes-digest", schedule=duties.Schedule("monthly", day=1, hour=9),
                work=lambda today: digests.send_completed_programmes_digest(today=today))
duties.register("event-reminders", schedule=duties.Schedule("daily", hour=16),
                work=lambda today: reminders.send_reminders(day=today))


@shared_task(name="events.tasks.send_event_reminders", **IDEMPOTENT)
def send_event_reminders(today=None) -> int:
    """Daily: remind people a day before their event; `today` is an ISO date (default today). Safe to
    run twice: the duty runs once per day and the notice log sends each reminder once."""
    return duties.run_for_task("event-reminders", today)


@shared_task(name="events.tasks.send_monthly_plan_digest", **IDEMPOTENT)
def send_monthly_plan_digest(today=None):
    return duties.run_for_task("monthly-plan-digest", today)


@shared_task(name="events.tasks.send_new_events_digest", **IDEMPOTENT)
def send_new_events_digest():
    return duties.run_for_task("new-events-digest")


@shared_task(name="events.tasks.send_completed_programmes_digest", **IDEMPOTENT)
def send_completed_programmes_digest(today=None):
    return duties.run_for_task("completed-programmes-digest", today)
