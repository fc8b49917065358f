"""The leave app's periodic work: thin tasks that call a service or a workflow (each idempotent).

Every periodic job is a recorded duty (notices.duties): its run is recorded per period before the work
starts, done once, and taken up again by the sweep when a worker was killed in the middle; the work is
idempotent per recipient (the notices' keys), so no one is told twice. The schedules match
settings.CELERY_BEAT_SCHEDULE.
"""

from celery import shared_task

from kvalifikacija.queue import IDEMPOTENT
from notices import duties
from workflows.seat_holds import expire_held_seats

from .services import reminders

duties.register("leave-decisions-waiting", schedule=duties.Schedule("weekly", weekday=0, hour=8),
                work=lambda today: reminders.remind_waiting_decisions(today=today))
duties.register("expire-unrequested-seats", schedule=duties.Schedule("daily", hour=6, minute=15),
                work=lambda today: expire_held_seats(today=today))
duties.register("overdue-report-backs", schedule=duties.Schedule("weekly", weekday=4, hour=9),
                work=lambda today: reminders.send_overdue_report_back_reminders(today=today))


@shared_task(name="leave.tasks.remind_waiting_decisions", **IDEMPOTENT)
def remind_waiting_decisions(today=None):
    """Weekly: remind directors of leave requests waiting for a decision (each request once a week)."""
    return duties.run_for_task("leave-decisions-waiting", today)


@shared_task(name="leave.tasks.expire_unrequested_seats", **IDEMPOTENT)
def expire_unrequested_seats(today=None):
    """Daily: release seats held for approval whose leave request was never submitted (each once)."""
    return duties.run_for_task("expire-unrequested-seats", today)


@shared_task(name="leave.tasks.send_overdue_report_back_reminders", **IDEMPOTENT)
def send_overdue_report_back_reminders(today=None):
    """Weekly: remind teachers whose report back is overdue (each once; the duty runs once a week)."""
    return duties.run_for_task("overdue-report-backs", today)
