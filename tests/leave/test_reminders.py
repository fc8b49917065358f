"""The leave app's reminders: overdue reports back (each teacher once, linking to the report form)."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from events.models import Event, Registration
from leave import tasks
from leave.services import reminders as periodic
from notices.models import NoticeLog
from notices.services import render_notice
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


def test_overdue_reports_back_go_as_one_notice_per_person_listing_them_all_once_a_day(
        django_capture_on_commit_callbacks):
    first = RegistrationFactory(event=completed_event(31), status=Registration.Status.ATTENDED)
    first.event.title = "Skaitmeninis raštingumas"
    first.event.save()
    teacher = first.teacher
    others = [RegistrationFactory(event=completed_event(days), teacher=teacher, school=first.school,
                                  status=Registration.Status.ATTENDED) for days in (35, 60)]
    colleague = RegistrationFactory(event=completed_event(40), status=Registration.Status.ATTENDED)
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.send_overdue_report_back_reminders(today=TODAY) == 2
        assert periodic.send_overdue_report_back_reminders(today=TODAY) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([teacher.email, colleague.teacher.email])
    notice = NoticeLog.objects.get(recipient=teacher, kind="report_back_overdue")
    for registration in (first, *others):
        assert registration.event.title in notice.body_text
        assert f"/ataskaitos/nauja/renginys/{registration.pk}/" in notice.body_text
    assert "3" in notice.subject
    with translation.override("lt"):
        subject, text, _ = render_notice(kind="report_back_overdue", language="lt", context={
            "registrations": [first, *others], "registration": first, "event": first.event, "count": 3,
            "recipient": teacher, "site_url": "", "link": ""})
    assert "3 renginius" in subject and "Skaitmeninis raštingumas" in text
    # a week later, what is still overdue is listed again in one notice
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.send_overdue_report_back_reminders(today=TODAY + dt.timedelta(days=7)) == 2
    assert NoticeLog.objects.filter(recipient=teacher, kind="report_back_overdue").count() == 2
