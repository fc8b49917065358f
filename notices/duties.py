"""Periodic duties that survive a killed worker (beat's tasks: digests, reminders, invitations).

Each duty has a schedule; each run is for one period of it (a day, an ISO week, a month) and is recorded
in `DutyRun` before its work starts. `run_duty` then locks the row and does the work and marks the run
done in one transaction: either everything the run made (its notices) is committed with "done", or none
of it. A worker killed mid-run (even `kill -9` of the whole worker) leaves the row "running" and unlocked;
`resume_duties`, which runs when a worker starts and every few minutes in beat, runs it again. A run
that is done is never repeated, and the work itself is idempotent per recipient (the notices' keys), so
no one is told twice. A period whose run beat never started (beat was down at the time) is run by the
sweep too, once the duty has run before (a fresh installation does not send last month's digest).

The work receives the period's day as `today`, so a run taken up late covers its own period.
"""

import calendar
import datetime as dt
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import DutyRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Schedule:
    """When a duty is due: "daily" at hour:minute, "weekly" on `weekday` (0 = Monday), "monthly" on `day`."""

    every: str
    hour: int = 0
    minute: int = 0
    weekday: int = 0
    day: int = 1

    def _moment(self, day):
        return timezone.make_aware(dt.datetime.combine(day, dt.time(self.hour, self.minute)))

    def period_of(self, day) -> str:
        if self.every == "daily":
            return day.isoformat()
        if self.every == "weekly":
            year, week, _weekday = day.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{day.year}-{day.month:02d}"

    def day_of(self, period) -> dt.date:
        """The day the run of `period` is for (its due day)."""
        if self.every == "daily":
            return dt.date.fromisoformat(period)
        if self.every == "weekly":
            year, week = period.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), self.weekday + 1)
        year, month = (int(part) for part in period.split("-"))
        return dt.date(year, month, min(self.day, calendar.monthrange(year, month)[1]))

    def due_period(self, now=None) -> str:
        """The latest period whose due moment has passed."""
        now = timezone.localtime(now)
        today = now.date()
        if self.every == "daily":
            day = today if now >= self._moment(today) else today - dt.timedelta(days=1)
        elif self.every == "weekly":
            day = today - dt.timedelta(days=(today.weekday() - self.weekday) % 7)
            if now < self._moment(day):
                day -= dt.timedelta(days=7)
        else:
            day = self.day_of(self.period_of(today))
            if now < self._moment(day):
                previous = (today.replace(day=1) - dt.timedelta(days=1))
                day = self.day_of(self.period_of(previous))
        return self.period_of(day)


@dataclass(frozen=True)
class Duty:
    name: str
    schedule: Schedule
    work: object  # callable(today: date) -> int


DUTIES: dict[str, Duty] = {}


def register(name, *, schedule, work):
    """Declare a duty (done by the app that owns it, in its tasks module)."""
    DUTIES[name] = Duty(name=name, schedule=schedule, work=work)
    return DUTIES[name]


def run_duty(name, *, period=None, today=None) -> DutyRun | None:
    """Run duty `name` for `period` (by default the one due now, or the one containing `today`) once.

    Returns the run (done; `ran_now` tells whether this call did the work), or None when another worker
    holds it right now. Raises what the work raises
    (the run is then marked failed and is taken up again by the sweep)."""
    duty = DUTIES[name]
    if period is None:
        period = duty.schedule.period_of(today) if today else duty.schedule.due_period()
    run, _created = DutyRun.objects.get_or_create(duty=name, period=period)
    if run.status == DutyRun.Status.DONE:
        return run
    DutyRun.objects.filter(pk=run.pk).exclude(status=DutyRun.Status.DONE).update(
        status=DutyRun.Status.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1)
    try:
        with transaction.atomic():
            locked = (DutyRun.objects.select_for_update(skip_locked=True).filter(pk=run.pk)
                      .exclude(status=DutyRun.Status.DONE).first())
            if locked is None:
                run.refresh_from_db()
                return run if run.status == DutyRun.Status.DONE else None
            result = duty.work(today or duty.schedule.day_of(period))
            pause = float(getattr(settings, "DUTY_PAUSE_SECONDS", 0) or 0)
            if pause:  # fault tests only: hold the run open so a test can kill the worker in the middle
                time.sleep(pause)
            locked.status = DutyRun.Status.DONE
            locked.result = result if isinstance(result, int) else None
            locked.finished_at = timezone.now()
            locked.last_error = ""
            locked.save(update_fields=["status", "result", "finished_at", "last_error"])
            locked.ran_now = True
    except Exception as exc:
        DutyRun.objects.filter(pk=run.pk).exclude(status=DutyRun.Status.DONE).update(
            status=DutyRun.Status.FAILED, last_error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    return locked


def resume_duties(*, now=None, lookback_days=35) -> list[str]:
    """Run again every unfinished run (killed, failed) of the last `lookback_days`, and every due period
    that beat never started for a duty that has run before. Returns "duty period" of each run made."""
    now = now or timezone.now()
    done = []
    unfinished = (DutyRun.objects.exclude(status=DutyRun.Status.DONE)
                  .filter(started_at__gte=now - dt.timedelta(days=lookback_days)).order_by("started_at"))
    wanted = [(run.duty, run.period) for run in unfinished if run.duty in DUTIES]
    for name, duty in DUTIES.items():
        if DutyRun.objects.filter(duty=name).exists():
            period = duty.schedule.due_period(now)
            if not DutyRun.objects.filter(duty=name, period=period, status=DutyRun.Status.DONE).exists():
                wanted.append((name, period))
    for name, period in dict.fromkeys(wanted):
        try:
            if run_duty(name, period=period) is not None:
                done.append(f"{name} {period}")
        except Exception:
            logger.exception("The periodic run %s %s failed again", name, period)
    return done
