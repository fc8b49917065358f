"""Invitations to event surveys: the surveys app's one invitation job (each person once)."""

import datetime as dt

import pytest
from django.core import mail

from events.models import Event, Registration
from notices.models import NoticeLog
from surveys import services as periodic
from surveys.models import Response, Survey
from tests.factories import EventFactory, RegistrationFactory

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
