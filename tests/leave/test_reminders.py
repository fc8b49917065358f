"""The leave app's reminders: overdue reports back (each teacher once, linking to the report form)."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from events.models import Event, Registration
from leave import tasks
from leave.services import reminders as periodic
from notices.models import NoticeLog
from tests.factories import EventFactory, RegistrationFactory, ReportBackFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


def completed_event(days_ago):
    day = TODAY - dt.timedelta(days=days_ago)
    return EventFactory(starts_on=day, status=Event.Status.COMPLETED)


def test_a_teacher_without_a_report_back_30_days_after_is_reminded_once(django_capture_on_commit_callbacks):
    overdue = RegistrationFactory(event=completed_event(31), status=Registration.Status.ATTENDED)
    reported = ReportBackFactory(registration__event=completed_event(40)).registration
    RegistrationFactory(event=completed_event(20), status=Registration.Status.ATTENDED)  # not yet due
    RegistrationFactory(event=completed_event(45), status=Registration.Status.NO_SHOW)
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.send_overdue_report_back_reminders(today=TODAY) == 1
        assert tasks.send_overdue_report_back_reminders.delay(today=TODAY.isoformat()).get() == 0
    assert [m.to for m in mail.outbox] == [[overdue.teacher.email]]
    assert reported.teacher.email not in {m.to[0] for m in mail.outbox}


def test_the_overdue_report_back_reminder_opens_the_report_form(django_capture_on_commit_callbacks):
    overdue = RegistrationFactory(event=completed_event(31), status=Registration.Status.ATTENDED)
    with django_capture_on_commit_callbacks(execute=True):
        periodic.send_overdue_report_back_reminders(today=TODAY)
    notice = NoticeLog.objects.get(kind="report_back_overdue")
    assert notice.link == reverse("leave:report_for_registration", args=[overdue.pk])
