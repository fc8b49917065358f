"""Periodic duties: recorded per period, run once, taken up again when unfinished or missed."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from notices import duties
from notices.models import DutyRun

pytestmark = pytest.mark.django_db
VILNIUS = ZoneInfo("Europe/Vilnius")


@pytest.fixture
def counting_duty():
    calls = []

    def work(today):
        calls.append(today)
        return 7

    duties.register("test-duty", schedule=duties.Schedule("monthly", day=20, hour=8), work=work)
    yield calls
    duties.DUTIES.pop("test-duty", None)


def test_schedules_name_their_due_period():
    monthly = duties.Schedule("monthly", day=20, hour=8)
    assert monthly.due_period(dt.datetime(2026, 3, 20, 8, 1, tzinfo=VILNIUS)) == "2026-03"
    assert monthly.due_period(dt.datetime(2026, 3, 20, 7, 59, tzinfo=VILNIUS)) == "2026-02"
    assert monthly.due_period(dt.datetime(2026, 1, 5, tzinfo=VILNIUS)) == "2025-12"
    assert monthly.day_of("2026-02") == dt.date(2026, 2, 20)
    weekly = duties.Schedule("weekly", weekday=0, hour=7, minute=30)
    assert weekly.due_period(dt.datetime(2026, 12, 2, 12, tzinfo=VILNIUS)) == "2026-W49"
    assert weekly.day_of("2026-W49") == dt.date(2026, 11, 30)
    daily = duties.Schedule("daily", hour=16)
    assert daily.due_period(dt.datetime(2026, 12, 2, 15, tzinfo=VILNIUS)) == "2026-12-01"


def test_a_run_is_recorded_and_done_once(counting_duty):
    first = duties.run_duty("test-duty", today=dt.date(2026, 3, 20))
    again = duties.run_duty("test-duty", today=dt.date(2026, 3, 21))
    assert first.ran_now and not getattr(again, "ran_now", False)
    assert counting_duty == [dt.date(2026, 3, 20)]
    run = DutyRun.objects.get(duty="test-duty", period="2026-03")
    assert run.status == DutyRun.Status.DONE and run.result == 7 and run.attempts == 1


def test_an_unfinished_run_is_taken_up_by_the_sweep_for_its_own_period(counting_duty, django_capture_on_commit_callbacks):
    DutyRun.objects.create(duty="test-duty", period="2026-02", status=DutyRun.Status.RUNNING,
                           started_at=dt.datetime(2026, 2, 20, 8, tzinfo=VILNIUS), attempts=1)
    done = duties.resume_duties(now=dt.datetime(2026, 2, 20, 9, tzinfo=VILNIUS))
    assert done == ["test-duty 2026-02"] and counting_duty == [dt.date(2026, 2, 20)]
    assert DutyRun.objects.get(period="2026-02").status == DutyRun.Status.DONE


def test_a_period_beat_missed_is_run_only_once_the_duty_has_run_before(counting_duty):
    now = dt.datetime(2026, 4, 25, 12, tzinfo=VILNIUS)
    assert duties.resume_duties(now=now) == []  # a fresh installation sends no old digest
    DutyRun.objects.create(duty="test-duty", period="2026-03", status=DutyRun.Status.DONE,
                           started_at=dt.datetime(2026, 3, 20, 8, tzinfo=VILNIUS))
    assert duties.resume_duties(now=now) == ["test-duty 2026-04"]
    assert duties.resume_duties(now=now) == []
    assert counting_duty == [dt.date(2026, 4, 20)]


def test_a_failing_run_is_marked_failed_and_its_work_undone(counting_duty):
    def broken(today):
        DutyRun.objects.create(duty="side-effect", period="x")
        raise RuntimeError("SMTP?")

    duties.register("broken-duty", schedule=duties.Schedule("daily", hour=1), work=broken)
    try:
        with pytest.raises(RuntimeError):
            duties.run_duty("broken-duty", today=dt.date(2026, 3, 1))
        run = DutyRun.objects.get(duty="broken-duty")
        assert run.status == DutyRun.Status.FAILED and "SMTP" in run.last_error
        assert not DutyRun.objects.filter(duty="side-effect").exists()
    finally:
        duties.DUTIES.pop("broken-duty", None)
