"""The leave and surveys beat jobs are recorded duties (notices.duties): one run per period, taken up
again after a killed worker, and no one told twice."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from events.models import Registration
from kvalifikacija.celery import app
from leave import tasks
from leave.models import LeaveRequest
from notices import duties
from notices.models import DutyRun, NoticeLog
from notices.services import notify
from people.models import Role
from surveys import tasks as survey_tasks
from tests.factories import EventFactory, RegistrationFactory, member

from .conftest import outside_request

S = LeaveRequest.Status
pytestmark = pytest.mark.django_db


def test_every_beat_job_of_a_domain_app_is_a_recorded_duty(monkeypatch):
    """Each beat job outside notices records a run (so a killed worker's run is taken up again)."""
    monkeypatch.setattr(duties, "DUTIES", {name: duties.Duty(name, duty.schedule, lambda today: 0)
                                           for name, duty in duties.DUTIES.items()})
    app.loader.import_default_modules()
    jobs = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if not entry["task"].startswith("notices.")]
    for entry in jobs:
        app.tasks[entry["task"]].apply(kwargs=entry.get("kwargs", {})).get()
    assert DutyRun.objects.filter(status=DutyRun.Status.DONE).count() == len(jobs)
    for name in ("leave-decisions-waiting", "expire-unrequested-seats", "overdue-report-backs",
                 "survey-invitations"):
        assert DutyRun.objects.filter(duty=name).exists(), name


def test_the_leave_and_survey_tasks_acknowledge_late_and_requeue_on_worker_loss():
    for task in (tasks.remind_waiting_decisions, tasks.expire_unrequested_seats,
                 tasks.send_overdue_report_back_reminders, survey_tasks.send_survey_invitations):
        assert task.acks_late and task.reject_on_worker_lost, task.name


def test_a_killed_decision_reminder_run_is_taken_up_and_no_director_is_told_twice(school):
    second_director = member(Role.DIRECTOR, school.school)
    lr = outside_request(school, status=S.COVER_AGREED)
    LeaveRequest.objects.filter(pk=lr.pk).update(submitted_at=timezone.now() - dt.timedelta(days=5))
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    period = duties.DUTIES["leave-decisions-waiting"].schedule.period_of(monday)
    # The worker died mid-run: the run is "running", and (as if the first director's notice had been
    # committed by an earlier partial attempt) one director already has this week's reminder.
    DutyRun.objects.create(duty="leave-decisions-waiting", period=period, status=DutyRun.Status.RUNNING,
                           started_at=timezone.now() - dt.timedelta(minutes=20), attempts=1)
    week = monday.isocalendar()
    notify(kind="leave_decision_needed", recipient=school.director,
           key=f"leave_decision_reminder:{lr.pk}:{school.director.pk}:{week[0]}-{week[1]}",
           context={"leave_request": lr})
    taken_up = duties.resume_duties()
    assert f"leave-decisions-waiting {period}" in taken_up
    assert DutyRun.objects.get(duty="leave-decisions-waiting", period=period).status == DutyRun.Status.DONE
    reminders = NoticeLog.objects.filter(kind="leave_decision_needed")
    assert sorted(reminders.values_list("recipient_id", flat=True)) == sorted([school.director.pk, second_director.pk])
    # beat's own tick for the same week does nothing more
    assert tasks.remind_waiting_decisions.apply(kwargs={"today": monday.isoformat()}).get() == 0
    assert reminders.count() == 2


def test_a_killed_seat_expiry_run_is_taken_up_and_releases_each_seat_once(school):
    held = RegistrationFactory(event=EventFactory(seats=1), teacher=school.teacher, school=school.school,
                               status=Registration.Status.PENDING, needs_approval=True)
    Registration.objects.filter(pk=held.pk).update(created_at=timezone.now() - dt.timedelta(days=4))
    today = timezone.localdate()
    DutyRun.objects.create(duty="expire-unrequested-seats", period=today.isoformat(),
                           status=DutyRun.Status.RUNNING, started_at=timezone.now(), attempts=1)
    assert duties.run_duty("expire-unrequested-seats", today=today).result == 1
    assert Registration.objects.get(pk=held.pk).status == Registration.Status.CANCELLED
    assert tasks.expire_unrequested_seats.apply(kwargs={"today": today.isoformat()}).get() == 0
    assert NoticeLog.objects.filter(kind="seat_hold_expired", recipient=school.teacher).count() == 1


def test_a_failing_seat_expiry_run_keeps_nothing_and_is_marked_failed(school, monkeypatch):
    held = RegistrationFactory(event=EventFactory(seats=1), teacher=school.teacher, school=school.school,
                               status=Registration.Status.PENDING, needs_approval=True)
    Registration.objects.filter(pk=held.pk).update(created_at=timezone.now() - dt.timedelta(days=4))
    today = timezone.localdate()

    def dies(**kwargs):
        raise ConnectionError("worker lost")

    monkeypatch.setattr("workflows.seat_holds.notify", dies)
    with pytest.raises(ConnectionError):
        duties.run_duty("expire-unrequested-seats", today=today)
    assert Registration.objects.get(pk=held.pk).status == Registration.Status.PENDING  # rolled back
    assert DutyRun.objects.get(duty="expire-unrequested-seats").status == DutyRun.Status.FAILED
    monkeypatch.undo()
    assert duties.resume_duties() == [f"expire-unrequested-seats {today.isoformat()}"]
    assert Registration.objects.get(pk=held.pk).status == Registration.Status.CANCELLED
    assert NoticeLog.objects.filter(kind="seat_hold_expired").count() == 1
