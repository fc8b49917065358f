"""A periodic duty survives `kill -9` of the whole worker: the monthly digest killed mid-run is completed by
the restarted worker's start-up sweep, and every head gets it exactly once."""

import collections
import datetime as dt
import signal
import subprocess
import time

import pytest

from events.models import Event
from notices.models import DutyRun, NoticeLog
from notices.testing import captured
from people.models import Role
from tests.factories import EventFactory, SchoolFactory, member

from .conftest import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def kill_whole_worker(worker):
    """SIGKILL to the main process and every child at once, as a crashed machine would."""
    subprocess.run(["pkill", "-KILL", "-P", str(worker.proc.pid)], check=False)
    worker.proc.send_signal(signal.SIGKILL)
    worker.proc.wait(timeout=30)


def test_a_monthly_digest_killed_mid_run_is_completed_once_after_a_restart(private_worker, settings):
    from kvalifikacija.celery import app

    schools = [SchoolFactory() for _ in range(3)]
    heads = [member(role, school) for school in schools for role in (Role.DIRECTOR, Role.DEPUTY)]
    EventFactory(starts_on=dt.date(2026, 4, 8), status=Event.Status.PUBLISHED)
    outbox = settings.MEDIA_ROOT / "outbox"

    private_worker.env["KV_DUTY_PAUSE_SECONDS"] = "30"
    private_worker.start()
    app.send_task("notices.tasks.send_monthly_plan_digest", kwargs={"today": "2026-03-20"}, ignore_result=True)
    assert wait_for(lambda: DutyRun.objects.filter(duty="monthly-plan-digest", period="2026-03",
                                                   status=DutyRun.Status.RUNNING).exists(), timeout=60)
    time.sleep(0.8)
    kill_whole_worker(private_worker)
    # The run's transaction died with the worker: no digest notice exists, the run is still "running".
    assert not NoticeLog.objects.filter(kind="digest_monthly_plan").exists()
    assert DutyRun.objects.get(duty="monthly-plan-digest", period="2026-03").status == DutyRun.Status.RUNNING

    private_worker.env["KV_DUTY_PAUSE_SECONDS"] = "0"
    restarted = time.monotonic()
    private_worker.start()  # its start-up sweep takes the run up again
    assert wait_for(lambda: DutyRun.objects.get(duty="monthly-plan-digest", period="2026-03").status
                    == DutyRun.Status.DONE, timeout=120)
    print(f"FIGURE killed worker: digest run done {time.monotonic() - restarted:.1f} s after the restart began")
    assert wait_for(lambda: NoticeLog.objects.filter(kind="digest_monthly_plan", status=NoticeLog.Status.SENT)
                    .count() == len(heads), timeout=120)
    # Beat's tick and another sweep change nothing: the run is done and each head was told once.
    app.send_task("notices.tasks.send_monthly_plan_digest", kwargs={"today": "2026-03-20"}).get(timeout=60)
    app.send_task("notices.tasks.resume_duties").get(timeout=60)
    time.sleep(2)
    per_head = collections.Counter(m["To"] for m in captured(outbox))
    assert per_head == {head.email: 1 for head in heads}
    assert NoticeLog.objects.filter(kind="digest_monthly_plan").count() == len(heads)
