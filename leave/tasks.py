"""The leave app's periodic work: thin tasks that call a service or a workflow (each idempotent)."""

from celery import shared_task

from kvalifikacija.queue import IDEMPOTENT
from notices import duties
from workflows.seat_holds import expire_held_seats

from .services import reminders


@shared_task
def remind_waiting_decisions():
    """Weekly reminder to directors of leave requests waiting for a decision (idempotent per week)."""
    return reminders.remind_waiting_decisions()


@shared_task(acks_late=True)
def expire_unrequested_seats():
    """Daily: release seats held for approval whose leave request was never submitted."""
    return expire_held_seats()


duties.register("overdue-report-backs", schedule=duties.Schedule("weekly", weekday=4, hour=9),
                work=lambda today: reminders.send_overdue_report_back_reminders(today=today))


@shared_task(name="leave.tasks.send_overdue_report_back_reminders", **IDEMPOTENT)
def send_overdue_report_back_reminders(today=None):
    """Weekly: remind teachers whose report back is overdue (each once; the duty runs once a week)."""
    return duties.run_for_task("overdue-report-backs", today)
