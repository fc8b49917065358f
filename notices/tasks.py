"""Thin Celery tasks: look up by id, call the service.

Every task here is idempotent (the notice log's unique keys and its locked outbox row make a second
run send nothing), so all acknowledge late and are re-queued when a worker dies mid-task. Every retry
delay stays below the broker's visibility timeout (CELERY_VISIBILITY_TIMEOUT in settings): a longer one would make
Redis hand the task out again and again.
"""

import datetime as dt
import os
import smtplib

from celery import shared_task
from django.conf import settings
from kombu.exceptions import OperationalError as BrokerError

from . import digests, duties, periodic, services

# SMTP down, a connection refused or reset, a DNS or broker hiccup: worth trying again later.
TRANSIENT = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError, BrokerError)

# Seconds before the first retry; doubled each time. Tests shorten it for the worker process.
RETRY_BASE_SECONDS = float(os.environ.get("KV_NOTICE_RETRY_BASE_SECONDS", "60"))
RETRY_MAX_SECONDS = 30 * 60
MAX_RETRIES = int(os.environ.get("KV_NOTICE_MAX_RETRIES", "6"))

RELIABLE = {"acks_late": True, "reject_on_worker_lost": True}


def visibility_timeout() -> int:
    return int(settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600))


def retry_countdown(retries: int) -> float:
    """Exponential backoff, capped well below the broker's visibility timeout."""
    cap = min(RETRY_MAX_SECONDS, visibility_timeout() // 2)
    return min(RETRY_BASE_SECONDS * 2**retries, cap)


@shared_task(bind=True, max_retries=MAX_RETRIES, name="notices.tasks.deliver_notice", **RELIABLE)
def deliver_notice(self, notice_id):
    try:
        return services.deliver(notice_id)
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries or self.app.conf.task_always_eager:
            # Out of retries (or no broker to retry through): the dead letter, visible to staff.
            services.mark_failed(notice_id, exc)
            return False
        countdown = retry_countdown(self.request.retries)
        services.schedule_retry(notice_id, countdown)
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task(name="notices.tasks.requeue_stale_notices", **RELIABLE)
def requeue_stale_notices(older_than_minutes=2):
    return services.requeue_stale(older_than_minutes=older_than_minutes)


@shared_task(name="notices.tasks.sweep", **RELIABLE)
def sweep():
    """Run when a worker starts: every waiting notice is queued again (sending stays exactly-once),
    whatever an unreachable broker or a killed worker left behind."""
    return services.requeue_stale(older_than_minutes=0)


def _day(value):
    return dt.date.fromisoformat(value) if value else None


# The periodic duties of this app (their schedules match CELERY_BEAT_SCHEDULE in settings); each run is
# recorded and survives a killed worker (notices.duties).
duties.register("monthly-plan-digest", schedule=duties.Schedule("monthly", day=20, hour=8),
                work=lambda today: digests.send_monthly_plan_digest(today=today))
duties.register("new-events-digest", schedule=duties.Schedule("weekly", weekday=0, hour=7, minute=30),
                work=lambda today: digests.send_new_events_digest())
duties.register("completed-programmes-digest", schedule=duties.Schedule("monthly", day=1, hour=9),
                work=lambda today: digests.send_completed_programmes_digest(today=today))
duties.register("event-reminders", schedule=duties.Schedule("daily", hour=16),
                work=lambda today: periodic.send_event_reminders(today=today))
duties.register("survey-invitations", schedule=duties.Schedule("daily", hour=10),
                work=lambda today: periodic.send_survey_invitations(today=today))
duties.register("overdue-report-backs", schedule=duties.Schedule("weekly", weekday=4, hour=9),
                work=lambda today: periodic.send_overdue_report_back_reminders(today=today))


def _run(name, today):
    run = duties.run_duty(name, today=_day(today))
    return (run.result or 0) if run is not None and getattr(run, "ran_now", False) else 0


@shared_task(name="notices.tasks.resume_duties", **RELIABLE)
def resume_duties():
    """Run again what a killed worker left unfinished and what beat missed (at worker start and in beat)."""
    return duties.resume_duties()


@shared_task(name="notices.tasks.send_monthly_plan_digest", **RELIABLE)
def send_monthly_plan_digest(today=None):
    return _run("monthly-plan-digest", today)


@shared_task(name="notices.tasks.send_new_events_digest", **RELIABLE)
def send_new_events_digest():
    return _run("new-events-digest", None)


@shared_task(name="notices.tasks.send_completed_programmes_digest", **RELIABLE)
def send_completed_programmes_digest(today=None):
    return _run("completed-programmes-digest", today)


@shared_task(name="notices.tasks.send_event_reminders", **RELIABLE)
def send_event_reminders(today=None):
    return _run("event-reminders", today)


@shared_task(name="notices.tasks.send_survey_invitations", **RELIABLE)
def send_survey_invitations(today=None):
    return _run("survey-invitations", today)


@shared_task(name="notices.tasks.send_overdue_report_back_reminders", **RELIABLE)
def send_overdue_report_back_reminders(today=None):
    return _run("overdue-report-backs", today)
