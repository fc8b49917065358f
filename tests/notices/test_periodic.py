"""Periodic notices to people: survey invitations, follow-ups, overdue reports back, reminders."""

import datetime as dt

import pytest
from django.core import mail

from events.models import Event, Registration
from notices import periodic, tasks
from notices.models import NoticeLog
from surveys.models import Response, Survey
from tests.factories import EventFactory, RegistrationFactory, ReportBackFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


def completed_event(days_ago):
    day = TODAY - dt.timedelta(days=days_ago)
    return EventFactory(starts_on=day, status=Event.Status.COMPLETED)


def survey(event, kind=Survey.Kind.EVALUATION, opens_on=TODAY, **kwargs):
    return Survey.objects.create(kind=kind, title="Renginio vertinimas", organiser=event.organiser, event=event,
                                 year=TODAY.year, opens_on=opens_on, **kwargs)


def test_attended_participants_are_invited_to_an_open_survey_once(django_capture_on_commit_callbacks):
    event = completed_event(2)
    attended = RegistrationFactory(event=event, status=Registration.Status.ATTENDED)
    answered = RegistrationFactory(event=event, status=Registration.Status.ATTENDED)
    RegistrationFactory(event=event, status=Registration.Status.NO_SHOW)
    open_survey = survey(event)
    Response.objects.create(survey=open_survey, respondent=answered.teacher)
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.send_survey_invitations(today=TODAY) == 1
        assert periodic.send_survey_invitations(today=TODAY) == 0
    assert [m.to for m in mail.outbox] == [[attended.teacher.email]]
    assert event.title in mail.outbox[0].subject


def test_a_follow_up_survey_invites_when_it_opens_months_later(django_capture_on_commit_callbacks):
    event = completed_event(120)
    registration = RegistrationFactory(event=event, status=Registration.Status.ATTENDED)
    follow_up = survey(event, kind=Survey.Kind.FOLLOW_UP, opens_on=TODAY + dt.timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.send_survey_invitations(today=TODAY) == 0
        assert periodic.send_survey_invitations(today=follow_up.opens_on) == 1
    notice = NoticeLog.objects.get(kind="survey_invitation")
    assert notice.recipient == registration.teacher
    assert "applied" in notice.body_text or "pritaik" in notice.body_text


def test_closed_or_inactive_surveys_invite_nobody(django_capture_on_commit_callbacks):
    event = completed_event(40)
    RegistrationFactory(event=event, status=Registration.Status.ATTENDED)
    survey(event, opens_on=TODAY - dt.timedelta(days=30), closes_on=TODAY - dt.timedelta(days=1))
    other = completed_event(3)
    RegistrationFactory(event=other, status=Registration.Status.ATTENDED)
    survey(other, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.send_survey_invitations(today=TODAY) == 0


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


def test_event_reminders_go_through_the_registration_service(django_capture_on_commit_callbacks):
    event = EventFactory(starts_on=TODAY + dt.timedelta(days=1))
    registration = RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_event_reminders.delay(today=TODAY.isoformat()).get() == 1
        assert tasks.send_event_reminders.delay(today=TODAY.isoformat()).get() == 0
    assert [m.to for m in mail.outbox] == [[registration.teacher.email]]


def test_overdue_reports_back_go_as_one_notice_per_person_listing_them_all_once_a_day(
        django_capture_on_commit_callbacks):
    from django.utils import translation

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
        from notices.services import render_notice

        subject, text, _ = render_notice(kind="report_back_overdue", language="lt", context={
            "registrations": [first, *others], "registration": first, "event": first.event, "count": 3,
            "recipient": teacher, "site_url": "", "link": ""})
    assert "3 renginius" in subject and "Skaitmeninis raštingumas" in text
    # a week later, what is still overdue is listed again in one notice
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.send_overdue_report_back_reminders(today=TODAY + dt.timedelta(days=7)) == 2
    assert NoticeLog.objects.filter(recipient=teacher, kind="report_back_overdue").count() == 2
